import CSQLite

/// A thin owner of one SQLite connection with cached prepared statements.
///
/// Hand-written rather than GRDB: the frontier needs a handful of statements, explicit control of
/// transactions and WAL checkpoints, and runs ~10⁵ statements per second during a crawl; a direct
/// binding keeps that path allocation-free and avoids a large dependency.
///
/// Not thread-safe: one thread (or serial queue) uses a connection at a time.
public final class Database {
  public let path: String
  let handle: OpaquePointer
  private var cache: [String: Statement] = [:]

  /// Opens (creating if needed) the database at `path` in WAL mode.
  public init(path: String) throws {
    self.path = path
    var db: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let rc = sqlite3_open_v2(path, &db, flags, nil)
    guard rc == SQLITE_OK, let db else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      if let db { sqlite3_close(db) }
      throw SQLiteError(path: path, call: "sqlite3_open_v2", code: rc, message: message)
    }
    handle = db
    sqlite3_busy_timeout(db, 5000)
    try execute("PRAGMA journal_mode=WAL")
    // NORMAL in WAL mode loses nothing on a process crash (kill -9); only an OS crash may lose
    // the last transactions, which the crawl repairs from the archive on resume.
    try execute("PRAGMA synchronous=NORMAL")
    try execute("PRAGMA foreign_keys=OFF")
  }

  deinit {
    for statement in cache.values { statement.finalize() }
    sqlite3_close(handle)
  }

  /// Runs one or more SQL statements that return no rows.
  public func execute(_ sql: String) throws {
    var error: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(handle, sql, nil, nil, &error)
    if rc != SQLITE_OK {
      let message = error.map { String(cString: $0) } ?? ""
      sqlite3_free(error)
      throw SQLiteError(path: path, call: "exec \(sql.prefix(60))", code: rc, message: message)
    }
  }

  /// A cached prepared statement for `sql`, reset and ready to bind.
  public func prepare(_ sql: String) throws -> Statement {
    if let cached = cache[sql] {
      cached.reset()
      return cached
    }
    var stmt: OpaquePointer?
    let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
    guard rc == SQLITE_OK, let stmt else {
      throw SQLiteError(
        path: path, call: "prepare \(sql.prefix(60))", code: rc,
        message: String(cString: sqlite3_errmsg(handle)))
    }
    let statement = Statement(stmt, database: self, sql: sql)
    cache[sql] = statement
    return statement
  }

  /// Runs `body` inside one transaction, committed when it returns, rolled back when it throws.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    try execute("BEGIN IMMEDIATE")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  /// The rowid of the last inserted row.
  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// Rows changed by the last statement.
  public var changes: Int { Int(sqlite3_changes(handle)) }

  func error(_ call: String, _ rc: Int32) -> SQLiteError {
    SQLiteError(path: path, call: call, code: rc, message: String(cString: sqlite3_errmsg(handle)))
  }
}
