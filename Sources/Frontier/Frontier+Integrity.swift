import GRDB

extension Frontier {
  /// SQLite's `PRAGMA quick_check`: the problems found (empty when the file is sound). Reads
  /// every page once (O(size), no index cross-check: `integrity_check` would cost minutes on a
  /// large state).
  public func quickCheck() throws -> [String] {
    try read("quick_check") { db in
      let rows = try String.fetchAll(db, sql: "PRAGMA quick_check")
      return rows == ["ok"] ? [] : rows
    }
  }
}

extension FrontierError {
  /// Whether SQLite found the file damaged (SQLITE_CORRUPT, SQLITE_NOTADB) rather than, say,
  /// locked, missing or too new.
  public var isDamage: Bool { code == 11 || code == 26 }
}
