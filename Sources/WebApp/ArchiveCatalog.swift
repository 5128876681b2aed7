import Foundation
import GRDB
import Index

/// Read-only queries over the state DB for the web app: runs, hosts, captures, indexed
/// articles.
///
/// Ownership: owns one read-only `DatabasePool` on the state DB, safe from any thread; WAL
/// lets it read while a crawl writes (each query sees the last committed state).
final class ArchiveCatalog: Sendable {
  let path: String
  private let pool: DatabasePool

  init(statePath: String) throws {
    path = statePath
    guard FileManager.default.fileExists(atPath: statePath) else {
      throw SearchIndexError(path: statePath, operation: "open", message: "no state DB here")
    }
    var config = Configuration()
    config.readonly = true
    config.busyMode = .timeout(10)
    pool = try DatabasePool(path: statePath, configuration: config)
  }

  /// One crawl run as the home page lists it.
  struct Run: Sendable {
    var id: Int64
    var started: Double
    var ended: Double?
    var outcome: String
    /// The run's counters, as the JSON object the crawl stored.
    var counts: String
  }

  /// One archived capture of a URL.
  struct CaptureRow: Sendable, Equatable {
    var url: String
    var timestamp: String
    var warcDate: String
    var recordID: String
    var status: Int
    var mime: String
    var digest: String?
    var recordType: String
    var file: String
    var offset: Int64
    var length: Int64
    var runID: Int64
  }

  func read<T>(_ body: (Database) throws -> T) throws -> T { try pool.read(body) }

  func runs() throws -> [Run] {
    try read { db in
      try Row.fetchAll(
        db, sql: "SELECT id, started, ended, outcome, counts FROM runs ORDER BY id DESC LIMIT 50"
      ).map { Run(id: $0[0], started: $0[1], ended: $0[2], outcome: $0[3], counts: $0[4]) }
    }
  }

  /// Indexed articles per host, most first.
  func hosts() throws -> [(host: String, articles: Int)] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT host, count(*) AS n FROM search_articles GROUP BY host ORDER BY n DESC, host"
      ).map { ($0[0], $0[1]) }
    }
  }

  /// New article versions archived per UTC day (response captures of indexed URLs).
  func articlesPerDay() throws -> [(day: String, count: Int)] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT substr(c.warc_date, 1, 10) AS day, count(*) FROM captures c
          WHERE c.record_type = 'response' AND c.url IN (SELECT url FROM search_articles)
          GROUP BY day ORDER BY day
          """
      ).map { ($0[0], $0[1]) }
    }
  }

  static let captureColumns =
    "url, ts, warc_date, record_id, status, mime, digest, record_type, file, offset, length, run_id"

  static func capture(_ r: Row) -> CaptureRow {
    CaptureRow(
      url: r[0], timestamp: r[1], warcDate: r[2], recordID: r[3], status: r[4], mime: r[5],
      digest: r[6], recordType: r[7], file: r[8], offset: r[9], length: r[10], runID: r[11])
  }

  /// Every capture of `url`, oldest first.
  func captures(of url: String) throws -> [CaptureRow] {
    try read { db in
      try Row.fetchAll(
        db, sql: "SELECT \(Self.captureColumns) FROM captures WHERE url = ? ORDER BY ts, id",
        arguments: [url]
      ).map(Self.capture)
    }
  }

  /// The capture of `url` nearest in time to `timestamp` (14 digits), preferring a
  /// successful one; nil when the URL was never captured.
  func nearestCapture(of url: String, to timestamp: String) throws -> CaptureRow? {
    let all = try captures(of: url)
    let good = all.filter { (200..<300).contains($0.status) || $0.status == 304 }
    let pool = good.isEmpty ? all : good
    let target = Int64(timestamp) ?? 0
    return pool.min { a, b in
      abs((Int64(a.timestamp) ?? 0) &- target) < abs((Int64(b.timestamp) ?? 0) &- target)
    }
  }

  /// The response capture whose payload a revisit with `digest` stands for.
  func originalResponse(digest: String) throws -> CaptureRow? {
    try read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT \(Self.captureColumns) FROM captures WHERE digest = ? AND record_type = 'response'
          ORDER BY ts LIMIT 1
          """, arguments: [digest]
      ).map(Self.capture)
    }
  }

  /// Indexed URLs with two or more response captures of different payloads, newest change
  /// first.
  func changedCandidates(limit: Int, offset: Int) throws -> [String] {
    try read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT c.url FROM captures c JOIN search_articles a ON a.url = c.url
          WHERE c.record_type = 'response'
          GROUP BY c.url HAVING count(DISTINCT c.digest) > 1
          ORDER BY max(c.ts) DESC, c.url LIMIT ? OFFSET ?
          """, arguments: [limit, offset])
    }
  }

  /// The indexed entry of `url`: title, metadata and text of its latest article.
  func article(_ url: String) throws -> IndexedArticle? {
    try read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT url, title, published, source, author, fetched, warc_file, warc_offset, body
          FROM search_articles WHERE url = ?
          """, arguments: [url]
      ).map {
        IndexedArticle(
          url: $0[0], title: $0[1], published: $0[2], source: $0[3], author: $0[4],
          fetched: $0[5], warcFile: $0[6], warcOffset: $0[7], text: $0[8])
      }
    }
  }
}
