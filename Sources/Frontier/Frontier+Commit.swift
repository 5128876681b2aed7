import Foundation
import GRDB
import Index

extension Frontier {
  /// Applies a batch of changes in one transaction on the writer connection.
  public func commit(_ batch: CommitBatch) throws {
    if batch.isEmpty { return }
    do {
      try pool.write { db in try apply(batch, db: db) }
    } catch {
      // Origin ids handed out inside the rolled-back transaction are gone: forget them.
      originIDs.removeAll()
      try? loadOrigins()
      throw FrontierError(path: path, operation: "commit", error: error)
    }
  }

  private func apply(_ batch: CommitBatch, db: Database) throws {
    for r in batch.urls {
      try Self.upsert(r, origin: originID(String(Self.origin(of: r.url)), db: db), db: db)
    }
    for c in batch.captures { try Self.insert(c, db: db) }
    for p in batch.pendingAdded {
      try db.cachedStatement(
        sql:
          "INSERT OR REPLACE INTO pending_articles(url, host, file, offset, length) VALUES(?,?,?,?,?)"
      ).execute(arguments: [p.url, p.host, p.file, p.offset, p.length])
    }
    for url in batch.pendingRemoved {
      try db.cachedStatement(sql: "DELETE FROM pending_articles WHERE url = ?")
        .execute(arguments: [url])
    }
    for (url, hash) in batch.fingerprints {
      let b = Self.bands(hash)
      // The first fingerprint of a URL is kept: near-duplicates name the oldest article.
      try db.cachedStatement(
        sql:
          "INSERT OR IGNORE INTO fingerprints(url, simhash, b0, b1, b2, b3) VALUES(?, ?, ?, ?, ?, ?)"
      ).execute(arguments: [url, Int64(bitPattern: hash), b[0], b[1], b[2], b[3]])
    }
    for (host, model) in batch.siteModels {
      try db.cachedStatement(sql: "INSERT OR REPLACE INTO site_models(host, model) VALUES(?, ?)")
        .execute(arguments: [host, Data(model)])
    }
    for e in batch.errors {
      try db.cachedStatement(
        sql: "INSERT INTO errors(run_id, url, kind, message, at) VALUES(?,?,?,?,?)"
      ).execute(arguments: [e.runID, e.url, e.kind, e.message, e.at])
    }
    for (file, size) in batch.fileEnds {
      try db.cachedStatement(
        sql: """
          INSERT INTO warc_files(file, size) VALUES(?, ?)
            ON CONFLICT(file) DO UPDATE SET size = max(size, excluded.size)
          """
      ).execute(arguments: [file, size])
    }
    // In the transaction that marks their URLs done: a kill leaves both or neither.
    for a in batch.articles { try SearchIndex.upsert(a, db: db) }
    try Self.storeSitemapLastmods(batch.sitemapLastmods, db: db)
    if let run = batch.run { try Self.updateRun(run, db: db) }
  }
}

/// Changes to apply together in one transaction.
public struct CommitBatch: Sendable {
  public var urls: [URLRecord] = []
  public var captures: [Capture] = []
  public var pendingAdded: [PendingArticle] = []
  public var pendingRemoved: [String] = []
  public var fingerprints: [(String, UInt64)] = []
  public var siteModels: [(String, [UInt8])] = []
  public var errors: [PageError] = []
  /// Articles whose records this batch makes durable, for the search index.
  public var articles: [IndexedArticle] = []
  public var run: RunRecord?
  /// The durable end (bytes) of each WARC file written to since the last commit.
  public var fileEnds: [String: Int64] = [:]
  /// `<lastmod>` values read in sitemaps (unix seconds by canonical URL), stored with the
  /// records the sitemap queued so that a kill leaves both or neither.
  public var sitemapLastmods: [String: Int64] = [:]

  public init() {}

  public var isEmpty: Bool {
    urls.isEmpty && captures.isEmpty && pendingAdded.isEmpty && pendingRemoved.isEmpty
      && fingerprints.isEmpty && siteModels.isEmpty && errors.isEmpty && articles.isEmpty
      && run == nil
      && fileEnds.isEmpty && sitemapLastmods.isEmpty
  }

  /// Appends another batch's changes after this one's.
  public mutating func append(_ other: CommitBatch) {
    urls += other.urls
    captures += other.captures
    pendingAdded += other.pendingAdded
    pendingRemoved += other.pendingRemoved
    fingerprints += other.fingerprints
    siteModels += other.siteModels
    errors += other.errors
    articles += other.articles
    fileEnds.merge(other.fileEnds, uniquingKeysWith: max)
    sitemapLastmods.merge(other.sitemapLastmods) { _, newer in newer }
    if let r = other.run { run = r }
  }
}
