import CSQLite

/// A prepared statement of a `Database`; bind parameters by 1-based index, then step.
public final class Statement {
  let stmt: OpaquePointer
  unowned let database: Database
  let sql: String

  init(_ stmt: OpaquePointer, database: Database, sql: String) {
    self.stmt = stmt
    self.database = database
    self.sql = sql
  }

  func finalize() { sqlite3_finalize(stmt) }

  func reset() {
    sqlite3_reset(stmt)
    sqlite3_clear_bindings(stmt)
  }

  /// Binds values to parameters 1…n; nil binds NULL.
  @discardableResult
  public func bind(_ values: (any SQLValue)?...) -> Statement {
    for (i, value) in values.enumerated() {
      let index = Int32(i + 1)
      switch value {
      case nil: sqlite3_bind_null(stmt, index)
      case let v as Int64: sqlite3_bind_int64(stmt, index, v)
      case let v as Int: sqlite3_bind_int64(stmt, index, Int64(v))
      case let v as Double: sqlite3_bind_double(stmt, index, v)
      case let v as Bool: sqlite3_bind_int64(stmt, index, v ? 1 : 0)
      case let v as String:
        var s = v
        s.withUTF8 { buf in
          _ = pa_sqlite3_bind_text(
            stmt, index, UnsafeRawPointer(buf.baseAddress)?.assumingMemoryBound(to: CChar.self),
            Int32(buf.count))
        }
      case let v as [UInt8]:
        v.withUnsafeBytes { buf in
          _ = pa_sqlite3_bind_blob(stmt, index, buf.baseAddress, Int32(buf.count))
        }
      default: sqlite3_bind_null(stmt, index)
      }
    }
    return self
  }

  /// Runs a statement that returns no rows.
  public func run() throws {
    let rc = sqlite3_step(stmt)
    defer { sqlite3_reset(stmt) }
    guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
      throw database.error("step \(sql.prefix(60))", rc)
    }
  }

  /// Steps through the result rows, calling `row` for each.
  public func forEach(_ row: (Row) throws -> Void) throws {
    defer { sqlite3_reset(stmt) }
    while true {
      let rc = sqlite3_step(stmt)
      if rc == SQLITE_DONE { return }
      guard rc == SQLITE_ROW else { throw database.error("step \(sql.prefix(60))", rc) }
      try row(Row(stmt: stmt))
    }
  }

  /// The first row mapped by `transform`, or nil when there is none.
  public func first<T>(_ transform: (Row) throws -> T) throws -> T? {
    var result: T?
    defer { sqlite3_reset(stmt) }
    let rc = sqlite3_step(stmt)
    if rc == SQLITE_ROW {
      result = try transform(Row(stmt: stmt))
    } else if rc != SQLITE_DONE {
      throw database.error("step \(sql.prefix(60))", rc)
    }
    return result
  }
}

/// One result row; valid only inside the callback that received it.
public struct Row {
  let stmt: OpaquePointer

  public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(stmt, column) }
  public func double(_ column: Int32) -> Double { sqlite3_column_double(stmt, column) }
  public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(stmt, column) == SQLITE_NULL }
  public func string(_ column: Int32) -> String? {
    guard let p = sqlite3_column_text(stmt, column) else { return nil }
    return String(cString: p)
  }
  public func blob(_ column: Int32) -> [UInt8] {
    let n = Int(sqlite3_column_bytes(stmt, column))
    guard n > 0, let p = sqlite3_column_blob(stmt, column) else { return [] }
    return Array(UnsafeRawBufferPointer(start: p, count: n))
  }
}

/// Values a statement can bind.
public protocol SQLValue {}
extension Int64: SQLValue {}
extension Int: SQLValue {}
extension Double: SQLValue {}
extension Bool: SQLValue {}
extension String: SQLValue {}
extension Array: SQLValue where Element == UInt8 {}
