import Foundation
import GRDB

/// Full-text search over the archived articles, in tables of the state DB.
///
/// Where: the index lives in the state DB (`search_articles`, `search_fts`), so the crawl's
/// commit that marks a URL done adds its article in the same SQLite transaction: a kill -9
/// leaves both or neither (a second file ATTACHed would not be atomic across files in WAL mode).
/// `index --rebuild` refills the tables from the WARC files; a state DB rebuilt from the archive
/// gets its index the same way.
///
/// Ownership: an instance owns one read-only connection (a `DatabaseQueue`) to the state DB,
/// used from one thread at a time; WAL lets it read while a crawl writes. The static functions
/// (`createSchema`, `upsert`) work on a connection their caller owns.
public final class SearchIndex: Sendable {
  public let path: String
  let queue: DatabaseQueue

  /// Opens the index in the state DB at `path`; fails if the file or its index tables are
  /// missing.
  public init(path: String) throws {
    self.path = path
    guard FileManager.default.fileExists(atPath: path) else {
      throw SearchIndexError(path: path, operation: "open", message: "no state DB here")
    }
    var config = Configuration()
    config.readonly = true
    config.busyMode = .timeout(10)
    do {
      queue = try DatabaseQueue(path: path, configuration: config)
      guard try queue.read(Self.hasSchema) else {
        throw SearchIndexError(
          path: path, operation: "open",
          message: "no search index in this state DB; `portal-archiver index --rebuild` builds it")
      }
    } catch let e as SearchIndexError {
      throw e
    } catch {
      throw SearchIndexError(path: path, operation: "open", error: error)
    }
  }

  /// The number of indexed articles.
  public func count() throws -> Int {
    try read("count", Self.articleCount)
  }

  static func articleCount(_ db: Database) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT count(*) FROM search_articles") ?? 0
  }

  /// The best `limit` hits of `query` that pass `filters`, after skipping `offset`: by BM25
  /// (`SearchRanker`, then URL) over the trigram candidates when the index can answer part of
  /// the query, else newest publication first.
  public func search(
    _ query: SearchQuery, filters: SearchFilters = SearchFilters(), limit: Int = 20,
    offset: Int = 0
  ) throws -> [SearchHit] {
    let q = CompiledQuery(query, filters: filters)
    let limit = max(0, limit)
    let offset = max(0, offset)
    let terms = query.positiveTerms
    return try read("search") { db in
      let ranked: [(Int64, Double)]
      if let match = q.match {
        ranked = try Self.rank(q, match: match, terms: terms, limit: limit, offset: offset, db: db)
      } else {
        let sql = """
          SELECT a.id FROM search_articles a WHERE \(q.check)
          ORDER BY a.published DESC, a.url LIMIT ? OFFSET ?
          """
        ranked = try Int64.fetchAll(
          db, sql: sql, arguments: StatementArguments(q.checkArguments) + [limit, offset]
        ).map { ($0, 0) }
      }
      return try ranked.compactMap { id, score in
        try Self.hit(id: id, score: score, terms: terms, db: db)
      }
    }
  }

  /// The trigram candidates of `q` that pass its check, ranked by `SearchRanker` (BM25 from
  /// the terms' counts in the stored text; see there why not FTS5's bm25()).
  static func rank(
    _ q: CompiledQuery, match: String, terms: [String], limit: Int, offset: Int, db: Database
  ) throws -> [(Int64, Double)] {
    let required = q.allTermsRequired
    let sql = """
      SELECT a.id, a.url, a.title, a.body FROM search_fts
      CROSS JOIN search_articles a ON a.id = search_fts.rowid
      WHERE search_fts MATCH ? AND \(required ? q.filterCheck : q.check)
      """
    var ranker = SearchRanker(terms: terms, requireAll: required)
    let rows = try Row.fetchCursor(
      db, sql: sql,
      arguments: StatementArguments([match] + (required ? q.filterArguments : q.checkArguments)))
    while let row = try rows.next() {
      let id: Int64 = row[0]
      let url: String = row[1]
      try row.withUnsafeData(atIndex: 2) { title in
        try row.withUnsafeData(atIndex: 3) { body in
          (title ?? Data()).withUnsafeBytes { t in
            (body ?? Data()).withUnsafeBytes { b in ranker.add(id: id, url: url, title: t, body: b) }
          }
        }
      }
    }
    guard !ranker.candidates.isEmpty else { return [] }
    // One term: its idf scales every score alike and the order does not depend on it, so the
    // two counting queries (a few ms each on 60,000 articles) are skipped.
    guard terms.count > 1 else {
      return ranker.ranked(
        total: ranker.candidates.count, documentFrequency: { _ in nil }, limit: limit,
        offset: offset)
    }
    let total = try articleCount(db)
    let frequencies = try terms.map { t -> Int? in
      guard let m = CompiledQuery.match(.term(t)) else { return nil }
      return try Int.fetchOne(
        db, sql: "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", arguments: [m])
    }
    return ranker.ranked(
      total: total, documentFrequency: { frequencies[$0] }, limit: limit, offset: offset)
  }

  /// The articles that pass `filters`, newest publication first, after skipping `offset`: a
  /// search with no terms (the web app lists a host's articles so). Snippets are the body's
  /// beginning.
  public func browse(filters: SearchFilters, limit: Int = 20, offset: Int = 0) throws
    -> [SearchHit]
  {
    let parts = CompiledQuery.filterSQL(filters)
    let check = parts.isEmpty ? "1" : parts.map(\.0).joined(separator: " AND ")
    let sql = """
      SELECT a.id FROM search_articles a WHERE \(check)
      ORDER BY a.published DESC, a.url LIMIT ? OFFSET ?
      """
    return try read("browse") { db in
      let ids = try Int64.fetchAll(
        db, sql: sql,
        arguments: StatementArguments(parts.flatMap(\.1)) + [max(0, limit), max(0, offset)])
      return try ids.compactMap { try Self.hit(id: $0, score: 0, terms: [], db: db) }
    }
  }

  /// The row `id` as a hit with its snippet.
  static func hit(id: Int64, score: Double, terms: [String], db: Database) throws -> SearchHit? {
    guard
      let r = try Row.fetchOne(
        db.cachedStatement(
          sql: """
            SELECT url, host, title, published, source, author, fetched, warc_file, warc_offset,
              body FROM search_articles WHERE id = ?
            """), arguments: [id])
    else { return nil }
    let body: String = r[9]
    let title: String = r[2]
    let maker = SnippetMaker()
    var snippet = maker.snippet(of: body, terms: terms)
    if !snippet.pieces.contains(where: \.isHit) {
      let inTitle = maker.snippet(of: title, terms: terms)
      if inTitle.pieces.contains(where: \.isHit) { snippet = maker.snippet(of: body, terms: []) }
    }
    return SearchHit(
      url: r[0], host: r[1], title: title, published: r[3], source: r[4], author: r[5],
      fetched: r[6], warcFile: r[7], warcOffset: r[8], score: score, snippet: snippet)
  }

  func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
    do {
      return try queue.read(body)
    } catch {
      throw SearchIndexError(path: path, operation: operation, error: error)
    }
  }
}
