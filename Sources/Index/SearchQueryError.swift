/// What is wrong with a search query, with the 1-based character position it was found at.
public struct SearchQueryError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Kind: Equatable, Sendable {
    case empty
    case tooLong(bytes: Int, limit: Int)
    case unbalancedQuote
    case emptyPhrase
    case unbalancedParenthesis
    case emptyParentheses
    /// An operator ("AND", "OR", "NOT") without the term(s) it joins or negates.
    case missingOperand(String)
  }

  public var kind: Kind
  /// 1-based position (in characters) in the query; 0 when the error is about the whole query.
  public var position: Int

  public init(_ kind: Kind, at position: Int = 0) {
    self.kind = kind
    self.position = position
  }

  public var description: String {
    switch kind {
    case .empty: return "the query is empty"
    case .tooLong(let bytes, let limit):
      return "the query is too long: \(bytes) bytes, at most \(limit)"
    case .unbalancedQuote: return "unbalanced quote at \(position)"
    case .emptyPhrase: return "empty phrase \"\" at \(position)"
    case .unbalancedParenthesis: return "unbalanced parenthesis at \(position)"
    case .emptyParentheses: return "empty parentheses at \(position)"
    case .missingOperand("NOT"): return "NOT needs a term (at \(position))"
    case .missingOperand(let op): return "\(op) needs a term on each side (at \(position))"
    }
  }
}
