import GRDB

extension Frontier {
  static let captureColumns =
    "url, ts, warc_date, record_id, status, mime, digest, record_type, file, offset, length, run_id"

  /// The newest capture of `url` (a response or a revisit), for server-not-modified revisits.
  public func latestCapture(of url: String) throws -> Capture? {
    try read("read captures") { db in
      try Row.fetchOne(
        db.cachedStatement(
          sql:
            "SELECT \(Self.captureColumns) FROM captures WHERE url = ? ORDER BY ts DESC, id DESC LIMIT 1"
        ), arguments: [url]
      ).map(Self.capture)
    }
  }

  /// The newest capture the state knows (the last record a committed batch covered).
  public func lastCapture() throws -> Capture? {
    try read("read captures") { db in
      try Row.fetchOne(
        db, sql: "SELECT \(Self.captureColumns) FROM captures ORDER BY id DESC LIMIT 1"
      ).map(Self.capture)
    }
  }

  /// The first response capture of a payload digest, for identical-payload revisits; never a
  /// POST's (stored under its `RequestKey`, which holds a "#").
  public func firstCapture(digest: String) throws -> Capture? {
    try read("read captures") { db in
      try Row.fetchOne(
        db.cachedStatement(
          sql:
            "SELECT \(Self.captureColumns) FROM captures WHERE digest = ? AND record_type = 'response' AND instr(url, '#') = 0 ORDER BY id LIMIT 1"
        ), arguments: [digest]
      ).map(Self.capture)
    }
  }

  /// The captures of one URL (of all URLs when nil: for tests and small archives), oldest
  /// first.
  public func captures(of url: String? = nil) throws -> [Capture] {
    try read("read captures") { db in
      guard let url else {
        return try Row.fetchAll(
          db, sql: "SELECT \(Self.captureColumns) FROM captures ORDER BY id"
        ).map(Self.capture)
      }
      return try Row.fetchAll(
        db, sql: "SELECT \(Self.captureColumns) FROM captures WHERE url = ? ORDER BY id",
        arguments: [url]
      ).map(Self.capture)
    }
  }

  /// How many captures the state holds.
  public func captureCount() throws -> Int {
    try read("count captures") { try Int.fetchOne($0, sql: "SELECT count(*) FROM captures") ?? 0 }
  }

  static func capture(_ row: Row) -> Capture {
    Capture(
      url: row[0], timestamp: row[1], warcDate: row[2], recordID: row[3], status: row[4],
      mime: row[5], digest: row[6], recordType: row[7], file: row[8], offset: row[9],
      length: row[10], runID: row[11])
  }

  static func insert(_ c: Capture, db: Database) throws {
    try db.cachedStatement(
      sql: "INSERT INTO captures(\(captureColumns)) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"
    ).execute(arguments: [
      c.url, c.timestamp, c.warcDate, c.recordID, c.status, c.mime, c.digest, c.recordType,
      c.file, c.offset, c.length, c.runID,
    ])
  }

  // MARK: Pending articles and fingerprints

  /// Hosts that have article responses waiting for their site model.
  public func pendingHosts() throws -> [String] {
    try read("read pending articles") { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT host FROM pending_articles ORDER BY host")
    }
  }

  /// Up to `limit` of a host's pending article responses after `afterRow`, oldest first, with
  /// their row ids (page through a host's list without holding all of it).
  public func pendingArticles(host: String, afterRow: Int64 = 0, limit: Int = 512) throws
    -> [(row: Int64, article: PendingArticle)]
  {
    try read("read pending articles") { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT rowid, url, host, file, offset, length FROM pending_articles
          WHERE host = ? AND rowid > ? ORDER BY rowid LIMIT ?
          """, arguments: [host, afterRow, limit]
      ).map {
        (
          $0[0],
          PendingArticle(url: $0[1], host: $0[2], file: $0[3], offset: $0[4], length: $0[5])
        )
      }
    }
  }

  /// The oldest stored fingerprint within `threshold` bits of `hash`, of a URL other than
  /// `url`.
  ///
  /// Sub-linear: the hash is split into four 16-bit bands, each indexed with the whole hash
  /// (a covering index). Two hashes that differ in at most 3 bits agree on at least one band
  /// (pigeonhole), so only rows that share a band are compared, from the indexes' entries; a
  /// table row is read only for a match. `threshold` must be at most 3.
  public func nearDuplicate(of hash: UInt64, threshold: Int, excluding url: String) throws
    -> String?
  {
    let bands = Self.bands(hash)
    return try read("read fingerprints") { db in
      let candidates = try db.cachedStatement(
        sql: """
          SELECT rowid, simhash FROM fingerprints WHERE b0 = ?
          UNION ALL SELECT rowid, simhash FROM fingerprints WHERE b1 = ?
          UNION ALL SELECT rowid, simhash FROM fingerprints WHERE b2 = ?
          UNION ALL SELECT rowid, simhash FROM fingerprints WHERE b3 = ?
          """)
      var matches: [Int64] = []
      let rows = try Row.fetchCursor(
        candidates, arguments: [bands[0], bands[1], bands[2], bands[3]])
      while let row = try rows.next() {
        let simhash = UInt64(bitPattern: row[1])
        if (simhash ^ hash).nonzeroBitCount <= threshold { matches.append(row[0]) }
      }
      let urlOf = try db.cachedStatement(sql: "SELECT url FROM fingerprints WHERE rowid = ?")
      for id in Set(matches).sorted() {
        if let other = try String.fetchOne(urlOf, arguments: [id]), other != url { return other }
      }
      return nil
    }
  }

  /// Whether `url` already has a stored fingerprint.
  public func hasFingerprint(_ url: String) throws -> Bool {
    try read("read fingerprints") { db in
      try Bool.fetchOne(
        db.cachedStatement(sql: "SELECT 1 FROM fingerprints WHERE url = ?"), arguments: [url])
        ?? false
    }
  }

  /// The four 16-bit bands of a 64-bit fingerprint, lowest first.
  static func bands(_ hash: UInt64) -> [Int64] {
    (0..<4).map { Int64((hash >> (16 * UInt64($0))) & 0xFFFF) }
  }
}
