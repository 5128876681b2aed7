import CSQLite
import Foundation

/// The crawl's durable state in one SQLite database (WAL): URLs, runs, captures (the digest and
/// URL index of the archive), site models, pending article extractions and page errors.
///
/// Not thread-safe: the crawl engine uses it from one serial queue. Everything a crawl changes
/// after a fetch goes through `commit(_:)`, one transaction per batch, called only after the
/// batch's WARC records were fsync'd — so a URL is never marked done before its records are
/// durably in the archive.
public final class Frontier {
  public let database: Database
  public var path: String { database.path }

  /// The schema version written to `PRAGMA user_version`.
  public static let schemaVersion: Int64 = 1

  public init(path: String) throws {
    database = try Database(path: path)
    try migrate()
  }

  private func migrate() throws {
    let version = try database.prepare("PRAGMA user_version").first { $0.int(0) } ?? 0
    if version == Frontier.schemaVersion { return }
    if version > Frontier.schemaVersion {
      throw SQLiteError(
        path: path, call: "user_version", code: 0,
        message: "state schema \(version) is newer than this program's \(Frontier.schemaVersion)")
    }
    try database.execute(
      """
      CREATE TABLE IF NOT EXISTS urls(
        url TEXT PRIMARY KEY, host TEXT NOT NULL, state INTEGER NOT NULL, reason TEXT,
        depth INTEGER NOT NULL, parent TEXT, kind INTEGER NOT NULL, attempts INTEGER NOT NULL,
        last_status INTEGER, etag TEXT, last_modified TEXT, digest TEXT, fetched_at REAL,
        run_id INTEGER NOT NULL, not_before REAL, redirect_chain TEXT, outlinks TEXT
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS urls_state ON urls(run_id, state);
      CREATE TABLE IF NOT EXISTS runs(
        id INTEGER PRIMARY KEY, started REAL NOT NULL, ended REAL, outcome TEXT NOT NULL,
        counts TEXT NOT NULL, seeds TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS captures(
        id INTEGER PRIMARY KEY, url TEXT NOT NULL, ts TEXT NOT NULL, warc_date TEXT NOT NULL,
        record_id TEXT NOT NULL, status INTEGER NOT NULL, mime TEXT NOT NULL, digest TEXT,
        record_type TEXT NOT NULL, file TEXT NOT NULL, offset INTEGER NOT NULL,
        length INTEGER NOT NULL, run_id INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS captures_url ON captures(url, ts);
      CREATE INDEX IF NOT EXISTS captures_digest ON captures(digest);
      CREATE TABLE IF NOT EXISTS site_models(host TEXT PRIMARY KEY, model BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS pending_articles(
        url TEXT PRIMARY KEY, host TEXT NOT NULL, file TEXT NOT NULL, offset INTEGER NOT NULL,
        length INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS fingerprints(url TEXT PRIMARY KEY, simhash INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS errors(
        id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, url TEXT NOT NULL, kind TEXT NOT NULL,
        message TEXT NOT NULL, at REAL NOT NULL
      );
      CREATE INDEX IF NOT EXISTS errors_run ON errors(run_id);
      PRAGMA user_version = \(Frontier.schemaVersion);
      """)
  }

  // MARK: Runs

  /// The newest run that has not ended (it was interrupted or killed), if any.
  public func unfinishedRun() throws -> RunRecord? {
    try database.prepare(
      "SELECT id, started, ended, outcome, counts, seeds FROM runs WHERE ended IS NULL OR outcome = 'interrupted' ORDER BY id DESC LIMIT 1"
    ).first(Self.run)
  }

  /// The newest run, ended or not.
  public func lastRun() throws -> RunRecord? {
    try database.prepare(
      "SELECT id, started, ended, outcome, counts, seeds FROM runs ORDER BY id DESC LIMIT 1"
    ).first(Self.run)
  }

  /// Starts a new run and returns it.
  public func startRun(seeds: [String], at time: Double) throws -> RunRecord {
    let seedsJSON = String(decoding: try JSONEncoder().encode(seeds), as: UTF8.self)
    let counts = String(decoding: try JSONEncoder().encode(RunCounts()), as: UTF8.self)
    try database.prepare(
      "INSERT INTO runs(started, ended, outcome, counts, seeds) VALUES(?, NULL, 'running', ?, ?)"
    ).bind(time, counts, seedsJSON).run()
    return RunRecord(
      id: database.lastInsertRowID, started: time, outcome: .running, seeds: seeds)
  }

  /// Records a run's counters and, when `ended` is given, its end and outcome.
  public func updateRun(_ run: RunRecord) throws {
    let counts = String(decoding: try JSONEncoder().encode(run.counts), as: UTF8.self)
    try database.prepare("UPDATE runs SET ended = ?, outcome = ?, counts = ? WHERE id = ?")
      .bind(run.ended, run.outcome.rawValue, counts, run.id).run()
  }

  /// Marks an abandoned run as interrupted (it was killed before it could say so).
  public func markInterrupted(_ id: Int64, at time: Double) throws {
    try database.prepare("UPDATE runs SET ended = ?, outcome = 'interrupted' WHERE id = ?")
      .bind(time, id).run()
  }

  private static func run(_ row: Row) throws -> RunRecord {
    let counts = try JSONDecoder().decode(RunCounts.self, from: Data((row.string(4) ?? "{}").utf8))
    let seeds =
      (try? JSONDecoder().decode([String].self, from: Data((row.string(5) ?? "[]").utf8))) ?? []
    return RunRecord(
      id: row.int(0), started: row.double(1), ended: row.isNull(2) ? nil : row.double(2),
      outcome: RunOutcome(rawValue: row.string(3) ?? "") ?? .failed, counts: counts, seeds: seeds)
  }

  // MARK: URLs

  private static let urlColumns =
    "url, host, state, reason, depth, parent, kind, attempts, last_status, etag, last_modified, digest, fetched_at, run_id, not_before, redirect_chain, outlinks"

  /// Every URL the state knows, for rebuilding the in-memory frontier at start.
  public func allURLs() throws -> [URLRecord] {
    var out: [URLRecord] = []
    try database.prepare("SELECT \(Self.urlColumns) FROM urls").forEach { out.append(Self.url($0)) }
    return out
  }

  /// One URL's record.
  public func record(for url: String) throws -> URLRecord? {
    try database.prepare("SELECT \(Self.urlColumns) FROM urls WHERE url = ?").bind(url)
      .first(Self.url)
  }

  /// Counts of the URLs a run touched, by state.
  public func stateCounts(run: Int64) throws -> [URLState: Int] {
    var out: [URLState: Int] = [:]
    try database.prepare("SELECT state, count(*) FROM urls WHERE run_id = ? GROUP BY state")
      .bind(run).forEach { row in
        if let s = URLState(rawValue: Int(row.int(0))) { out[s] = Int(row.int(1)) }
      }
    return out
  }

  func upsert(_ r: URLRecord) throws {
    try database.prepare(
      """
      INSERT INTO urls(\(Self.urlColumns)) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
      ON CONFLICT(url) DO UPDATE SET host=excluded.host, state=excluded.state,
        reason=excluded.reason, depth=excluded.depth, parent=excluded.parent, kind=excluded.kind,
        attempts=excluded.attempts, last_status=excluded.last_status, etag=excluded.etag,
        last_modified=excluded.last_modified, digest=excluded.digest,
        fetched_at=excluded.fetched_at, run_id=excluded.run_id, not_before=excluded.not_before,
        redirect_chain=excluded.redirect_chain, outlinks=excluded.outlinks
      """
    ).bind(
      r.url, r.host, r.state.rawValue, r.reason, r.depth, r.parent, r.kind.rawValue, r.attempts,
      r.lastStatus, r.etag, r.lastModified, r.digest, r.fetchedAt, r.runID, r.notBefore,
      r.redirectChain, r.outlinks
    ).run()
  }

  private static func url(_ row: Row) -> URLRecord {
    URLRecord(
      url: row.string(0) ?? "", host: row.string(1) ?? "",
      state: URLState(rawValue: Int(row.int(2))) ?? .queued, reason: row.string(3),
      depth: Int(row.int(4)), parent: row.string(5),
      kind: URLKind(rawValue: Int(row.int(6))) ?? .unknown, attempts: Int(row.int(7)),
      lastStatus: row.isNull(8) ? nil : Int(row.int(8)), etag: row.string(9),
      lastModified: row.string(10), digest: row.string(11),
      fetchedAt: row.isNull(12) ? nil : row.double(12), runID: row.int(13),
      notBefore: row.isNull(14) ? nil : row.double(14), redirectChain: row.string(15),
      outlinks: row.string(16))
  }

  // MARK: Captures

  /// The newest capture of `url` with a payload (a 200-class response or identical-payload
  /// revisit), for server-not-modified revisits.
  public func latestCapture(of url: String) throws -> Capture? {
    try database.prepare(
      "SELECT \(Self.captureColumns) FROM captures WHERE url = ? ORDER BY ts DESC, id DESC LIMIT 1"
    ).bind(url).first(Self.capture)
  }

  /// The newest capture the state knows (the last record a committed batch covered).
  public func lastCapture() throws -> Capture? {
    try database.prepare("SELECT \(Self.captureColumns) FROM captures ORDER BY id DESC LIMIT 1")
      .first(Self.capture)
  }

  /// The first capture of a payload digest, for identical-payload revisits.
  public func firstCapture(digest: String) throws -> Capture? {
    try database.prepare(
      "SELECT \(Self.captureColumns) FROM captures WHERE digest = ? AND record_type = 'response' ORDER BY id LIMIT 1"
    ).bind(digest).first(Self.capture)
  }

  /// Every capture (oldest first), optionally of one URL.
  public func captures(of url: String? = nil) throws -> [Capture] {
    var out: [Capture] = []
    let statement =
      url == nil
      ? try database.prepare("SELECT \(Self.captureColumns) FROM captures ORDER BY id")
      : try database.prepare(
        "SELECT \(Self.captureColumns) FROM captures WHERE url = ? ORDER BY id"
      ).bind(url)
    try statement.forEach { out.append(Self.capture($0)) }
    return out
  }

  /// Payload digest → its first response capture, for the in-memory dedup index.
  public func digestIndex() throws -> [String: Capture] {
    var out: [String: Capture] = [:]
    try database.prepare(
      "SELECT \(Self.captureColumns) FROM captures WHERE record_type = 'response' AND digest IS NOT NULL ORDER BY id DESC"
    ).forEach { row in
      let c = Self.capture(row)
      if let d = c.digest { out[d] = c }
    }
    return out
  }

  private static let captureColumns =
    "url, ts, warc_date, record_id, status, mime, digest, record_type, file, offset, length, run_id"

  func insert(_ c: Capture) throws {
    try database.prepare(
      "INSERT INTO captures(\(Self.captureColumns)) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"
    )
    .bind(
      c.url, c.timestamp, c.warcDate, c.recordID, c.status, c.mime, c.digest, c.recordType,
      c.file, c.offset, c.length, c.runID
    ).run()
  }

  private static func capture(_ row: Row) -> Capture {
    Capture(
      url: row.string(0) ?? "", timestamp: row.string(1) ?? "", warcDate: row.string(2) ?? "",
      recordID: row.string(3) ?? "", status: Int(row.int(4)), mime: row.string(5) ?? "",
      digest: row.string(6), recordType: row.string(7) ?? "", file: row.string(8) ?? "",
      offset: row.int(9), length: row.int(10), runID: row.int(11))
  }

  // MARK: Site models, pending articles, fingerprints, errors

  /// Every stored site model, host → encoded model.
  public func siteModels() throws -> [String: [UInt8]] {
    var out: [String: [UInt8]] = [:]
    try database.prepare("SELECT host, model FROM site_models").forEach {
      out[$0.string(0) ?? ""] = $0.blob(1)
    }
    return out
  }

  /// Article responses still waiting for their host's model.
  public func pendingArticles() throws -> [PendingArticle] {
    var out: [PendingArticle] = []
    try database.prepare(
      "SELECT url, host, file, offset, length FROM pending_articles ORDER BY rowid"
    )
    .forEach {
      out.append(
        PendingArticle(
          url: $0.string(0) ?? "", host: $0.string(1) ?? "", file: $0.string(2) ?? "",
          offset: $0.int(3), length: $0.int(4)))
    }
    return out
  }

  /// Every stored text fingerprint (url, simhash).
  public func fingerprints() throws -> [(url: String, simhash: UInt64)] {
    var out: [(String, UInt64)] = []
    try database.prepare("SELECT url, simhash FROM fingerprints ORDER BY rowid").forEach {
      out.append(($0.string(0) ?? "", UInt64(bitPattern: $0.int(1))))
    }
    return out
  }

  /// The newest page errors of a run.
  public func errors(run: Int64, limit: Int = 20) throws -> [PageError] {
    var out: [PageError] = []
    try database.prepare(
      "SELECT run_id, url, kind, message, at FROM errors WHERE run_id = ? ORDER BY id DESC LIMIT ?"
    ).bind(run, limit).forEach {
      out.append(
        PageError(
          runID: $0.int(0), url: $0.string(1) ?? "", kind: $0.string(2) ?? "",
          message: $0.string(3) ?? "", at: $0.double(4)))
    }
    return out
  }

  // MARK: Commit

  /// Applies a batch of changes in one transaction.
  public func commit(_ batch: CommitBatch) throws {
    if batch.isEmpty { return }
    try database.transaction {
      for r in batch.urls { try upsert(r) }
      for c in batch.captures { try insert(c) }
      for p in batch.pendingAdded {
        try database.prepare(
          "INSERT OR REPLACE INTO pending_articles(url, host, file, offset, length) VALUES(?,?,?,?,?)"
        ).bind(p.url, p.host, p.file, p.offset, p.length).run()
      }
      for url in batch.pendingRemoved {
        try database.prepare("DELETE FROM pending_articles WHERE url = ?").bind(url).run()
      }
      for (url, hash) in batch.fingerprints {
        try database.prepare("INSERT OR REPLACE INTO fingerprints(url, simhash) VALUES(?, ?)")
          .bind(url, Int64(bitPattern: hash)).run()
      }
      for (host, model) in batch.siteModels {
        try database.prepare("INSERT OR REPLACE INTO site_models(host, model) VALUES(?, ?)")
          .bind(host, model).run()
      }
      for e in batch.errors {
        try database.prepare("INSERT INTO errors(run_id, url, kind, message, at) VALUES(?,?,?,?,?)")
          .bind(e.runID, e.url, e.kind, e.message, e.at).run()
      }
      if let run = batch.run { try updateRun(run) }
    }
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
  public var run: RunRecord?

  public init() {}

  public var isEmpty: Bool {
    urls.isEmpty && captures.isEmpty && pendingAdded.isEmpty && pendingRemoved.isEmpty
      && fingerprints.isEmpty && siteModels.isEmpty && errors.isEmpty && run == nil
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
    if let r = other.run { run = r }
  }
}
