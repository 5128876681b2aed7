/// A damaged region a reader skipped: `length` bytes from `offset` of `file` (a gzip member that
/// does not inflate, a record that does not parse, garbage between records), and why.
public struct WARCSkip: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var offset: Int64
  public var length: Int64
  public var problem: String

  public init(file: String, offset: Int64, length: Int64, problem: String) {
    self.file = file
    self.offset = offset
    self.length = length
    self.problem = problem
  }

  /// `FILE:OFFSET: skipped LENGTH bytes (problem)`, the form every command prints on stderr.
  public var description: String {
    "\(file):\(offset): skipped \(length) damaged bytes (\(problem))"
  }
}
