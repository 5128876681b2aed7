import GRDB

/// A failed operation on the state DB, naming the database file and what was being done.
///
/// `underlying` is GRDB's `DatabaseError` when SQLite refused: its description carries the SQL
/// and its arguments (the pool is opened with `publicStatementArguments`).
public struct FrontierError: Error, CustomStringConvertible, Sendable {
  public var path: String
  /// What the frontier was doing ("open", "migrate", "commit", "read queue", …).
  public var operation: String
  public var message: String
  /// SQLite's primary result code, when SQLite gave one.
  public var code: Int32?

  public init(path: String, operation: String, message: String, code: Int32? = nil) {
    self.path = path
    self.operation = operation
    self.message = message
    self.code = code
  }

  init(path: String, operation: String, error: any Error) {
    self.path = path
    self.operation = operation
    if let db = error as? DatabaseError {
      message = db.description
      code = db.resultCode.primaryResultCode.rawValue
    } else {
      message = "\(error)"
      code = nil
    }
  }

  public var description: String { "state DB \(path): \(operation) failed: \(message)" }
}
