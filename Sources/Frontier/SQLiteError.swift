/// A failed SQLite call, naming the database file, the call and its result code.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var call: String
  public var code: Int32
  public var message: String

  public var description: String {
    "sqlite \(call) on \(path) failed (\(code)): \(message)"
  }
}
