/// A configuration problem, naming the file and the key or line.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
  public var file: String
  public var message: String

  public init(file: String, _ message: String) {
    self.file = file
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}
