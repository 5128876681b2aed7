import GRDB

extension Frontier {
  static let urlColumns =
    "url, host, state, reason, depth, parent, kind, attempts, last_status, etag, last_modified, digest, fetched_at, run_id, not_before, redirect_chain, outlinks, seq"

  /// One URL's record.
  public func record(for url: String) throws -> URLRecord? {
    try read("read urls") { db in
      let statement = try db.cachedStatement(
        sql: "SELECT \(Self.urlColumns) FROM urls WHERE url = ?")
      return try Row.fetchOne(statement, arguments: [url]).map(Self.url)
    }
  }

  /// The seen test of a page's links in one read: the records of those of `urls` the state
  /// knows from runs other than `run`, and the URLs `run` already met (only their run id is
  /// read: in a fresh crawl that is every known link, and the engine needs nothing more of them).
  public func records(for urls: [String], exceptRun run: Int64) throws
    -> (records: [String: URLRecord], inRun: Set<String>)
  {
    if urls.isEmpty { return ([:], []) }
    return try read("read urls") { db in
      let runOf = try db.cachedStatement(sql: "SELECT run_id FROM urls WHERE url = ?")
      let full = try db.cachedStatement(
        sql: "SELECT \(Self.urlColumns) FROM urls WHERE url = ?")
      var out: [String: URLRecord] = [:]
      var inRun: Set<String> = []
      for url in urls {
        guard let id = try Int64.fetchOne(runOf, arguments: [url]) else { continue }
        if id == run {
          inRun.insert(url)
        } else if let row = try Row.fetchOne(full, arguments: [url]) {
          out[url] = Self.url(row)
        }
      }
      return (out, inRun)
    }
  }

  /// Counts of the URLs a run touched, by state.
  public func stateCounts(run: Int64) throws -> [URLState: Int] {
    try read("count urls") { db in
      var out: [URLState: Int] = [:]
      let rows = try Row.fetchAll(
        db, sql: "SELECT state, count(*) FROM urls WHERE run_id = ? GROUP BY state",
        arguments: [run])
      for row in rows {
        if let s = URLState(rawValue: row[0]) { out[s] = row[1] }
      }
      return out
    }
  }

  /// How many URLs the state knows.
  public func urlCount() throws -> Int {
    try read("count urls") { try Int.fetchOne($0, sql: "SELECT count(*) FROM urls") ?? 0 }
  }

  /// Up to `limit` queued URLs of `run` at `origin` after queue position `afterSeq`, in queue
  /// order: how the engine refills an origin's ready queue.
  public func queued(run: Int64, origin: String, afterSeq: Int64, limit: Int) throws
    -> [URLRecord]
  {
    guard let id = originIDs.id(origin) else { return [] }
    return try read("read queue") { db in
      let statement = try db.cachedStatement(
        sql: """
          SELECT \(Self.urlColumns) FROM urls
          WHERE run_id = ? AND state = 0 AND origin = ? AND seq > ? ORDER BY seq LIMIT ?
          """)
      return try Row.fetchAll(statement, arguments: [run, id, afterSeq, limit]).map(Self.url)
    }
  }

  /// How many URLs of `run` are queued (for the progress line and the summary).
  public func queuedCount(run: Int64) throws -> Int {
    try read("count queue") { db in
      try Int.fetchOne(
        db, sql: "SELECT count(*) FROM urls WHERE run_id = ? AND state = 0", arguments: [run])
        ?? 0
    }
  }

  /// The largest queue position given so far.
  public func maxSeq() throws -> Int64 {
    try read("read queue") { try Int64.fetchOne($0, sql: "SELECT max(seq) FROM urls") ?? 0 }
  }

  /// URLs whose path is `prefix` (origin and path) with some query, except those the query
  /// variants cap passed over: the engine's count for that cap.
  public func queryVariants(of prefix: String) throws -> [String] {
    try read("read query variants") { db in
      let statement = try db.cachedStatement(
        sql: """
          SELECT url FROM urls WHERE url >= ? AND url < ?
          AND NOT (state = 4 AND reason = 'query variants cap')
          """)
      return try String.fetchAll(statement, arguments: [prefix + "?", prefix + "@"])
    }
  }

  static func url(_ row: Row) -> URLRecord {
    URLRecord(
      url: row[0], host: row[1], state: URLState(rawValue: row[2]) ?? .queued, reason: row[3],
      depth: row[4], parent: row[5], kind: URLKind(rawValue: row[6]) ?? .unknown,
      attempts: row[7], lastStatus: row[8], etag: row[9], lastModified: row[10], digest: row[11],
      fetchedAt: row[12], runID: row[13], notBefore: row[14], redirectChain: row[15],
      outlinks: row[16], seq: row[17])
  }

  static func upsert(_ r: URLRecord, origin: Int64, db: Database) throws {
    let statement = try db.cachedStatement(
      sql: """
        INSERT INTO urls(\(urlColumns), origin) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
        ON CONFLICT(url) DO UPDATE SET host=excluded.host, state=excluded.state,
          reason=excluded.reason, depth=excluded.depth, parent=excluded.parent, kind=excluded.kind,
          attempts=excluded.attempts, last_status=excluded.last_status, etag=excluded.etag,
          last_modified=excluded.last_modified, digest=excluded.digest,
          fetched_at=excluded.fetched_at, run_id=excluded.run_id, not_before=excluded.not_before,
          redirect_chain=excluded.redirect_chain, outlinks=excluded.outlinks, seq=excluded.seq,
          origin=excluded.origin
        """)
    let values: [(any DatabaseValueConvertible)?] = [
      r.url, r.host, r.state.rawValue, r.reason, r.depth, r.parent, r.kind.rawValue, r.attempts,
      r.lastStatus, r.etag, r.lastModified, r.digest, r.fetchedAt, r.runID, r.notBefore,
      r.redirectChain, r.outlinks, r.seq, origin,
    ]
    try statement.execute(arguments: StatementArguments(values))
  }
}
