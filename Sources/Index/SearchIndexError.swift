/// A search index that cannot be opened, read or rebuilt, naming the file and what was done.
public struct SearchIndexError: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var operation: String
  public var message: String

  public init(path: String, operation: String, message: String) {
    self.path = path
    self.operation = operation
    self.message = message
  }

  public init(path: String, operation: String, error: Error) {
    self.init(path: path, operation: operation, message: "\(error)")
  }

  public var description: String { "\(path): \(operation): \(message)" }
}
