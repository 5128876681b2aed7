import Foundation
import GRDB
import WARC

extension SearchIndex {
  /// What a rebuild did.
  public struct RebuildReport: Sendable, CustomStringConvertible {
    public var articles = 0
    public var seconds = 0.0
    /// Damaged regions whose articles were left out.
    public var skipped: [WARCSkip] = []
    public var description: String {
      let rate = seconds > 0 ? Double(articles) / seconds : 0
      return "\(articles) articles indexed in \(String(format: "%.2f", seconds)) s"
        + " (\(Int(rate)) articles/s)"
        + (skipped.isEmpty ? "" : ", \(skipped.count) damaged regions skipped")
    }
  }

  /// FTS5's in-memory table of pending terms during a rebuild (its default is 1 MB), in bytes.
  ///
  /// FTS5 writes a segment each time the table fills and merges the segments as they pile up;
  /// with 1 MB the rebuild of 60,000 simulator articles (245 MB of text) ran at 265 articles/s.
  /// Measured on 10,000 articles of the simulator's sentences in Python's sqlite3 (the same
  /// SQLite 3.40), FTS 'rebuild' alone: 1 MB 1,151 articles/s, 128 MB 4,096/s, and 5,097/s
  /// with the page cache below. Peak memory grows by at most this much.
  static let rebuildHashBytes = 128 << 20
  /// SQLite's page cache during a rebuild (KiB; the default is 2 MB): segment merges re-read
  /// the pages they just wrote.
  static let rebuildCacheKiB = 131_072

  /// Replaces the index in the state DB at `statePath` with the latest article of every URL
  /// in the archive at `root` (crawl days and imported/), read from the WARC files alone.
  ///
  /// One transaction: a kill leaves the old index. The rows are written first and the FTS
  /// table built after them in one pass (FTS5 'rebuild'), which is faster than indexing row by
  /// row. The caller keeps other writers away (the state lock); the state DB must exist.
  public static func rebuild(statePath: String, archiveRoot root: String) throws -> RebuildReport {
    let start = Date()
    var report = RebuildReport()
    var config = Configuration()
    config.busyMode = .timeout(10)
    let archive = WARCArchive(root: root)
    do {
      let queue = try DatabaseQueue(path: statePath, configuration: config)
      try queue.inDatabase { db in
        try db.execute(sql: "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-\(rebuildCacheKiB)")
      }
      try queue.write { db in
        try createSchema(db)
        try db.execute(sql: "DROP TABLE search_fts; DELETE FROM search_articles;")
        var skipped: [WARCSkip] = []
        report.articles = try archive.forEachArticle(onSkip: { skipped.append($0) }) { a in
          try insertRow(IndexedArticle(archived: a), db: db)
        }
        report.skipped = skipped
        try createFTS(db)
        try db.execute(
          sql: "INSERT INTO search_fts(search_fts, rank) VALUES('hashsize', ?)",
          arguments: [rebuildHashBytes])
        try db.execute(sql: "INSERT INTO search_fts(search_fts) VALUES('rebuild')")
        // The setting is stored in the table; the crawl's small commits keep FTS5's default.
        try db.execute(sql: "INSERT INTO search_fts(search_fts, rank) VALUES('hashsize', 1048576)")
      }
      try queue.close()
    } catch let e as WARCError {
      throw SearchIndexError(path: root, operation: "read the archive", error: e)
    } catch {
      throw SearchIndexError(path: statePath, operation: "rebuild the search index", error: error)
    }
    report.seconds = Date().timeIntervalSince(start)
    return report
  }
}
