/// A parsed search query: terms and "phrases" joined by AND (also implied by a space), OR and
/// NOT, grouped with parentheses; NOT binds tightest, then AND, then OR.
///
/// Every term or phrase matches as an exact substring of an article's title or text, after
/// `TextNormalizer.fold` and ignoring ASCII case: "中国" finds 中国人民 and 发展中国家; a phrase
/// keeps its spaces. Operators are the upper-case words only ("and" is a term). Value type;
/// parsing is pure.
public struct SearchQuery: Sendable, Equatable {
  /// The query's tree.
  public indirect enum Node: Sendable, Equatable {
    case term(String)
    case and([Node])
    case or([Node])
    case not(Node)
  }

  /// The longest query taken, in UTF-8 bytes.
  public static let maxBytes = 1024

  public let root: Node

  /// Parses `text`; errors say what is wrong and where.
  public init(_ text: String) throws(SearchQueryError) {
    let bytes = text.utf8.count
    if bytes > Self.maxBytes { throw SearchQueryError(.tooLong(bytes: bytes, limit: Self.maxBytes)) }
    var parser = QueryParser(tokens: try QueryLexer.tokens(of: text))
    root = try parser.parse()
  }

  /// The terms an article must or may contain (not those under a NOT), in query order.
  public var positiveTerms: [String] {
    var out: [String] = []
    func walk(_ n: Node, negated: Bool) {
      switch n {
      case .term(let t): if !negated, !out.contains(t) { out.append(t) }
      case .and(let xs), .or(let xs): for x in xs { walk(x, negated: negated) }
      case .not(let x): walk(x, negated: !negated)
      }
    }
    walk(root, negated: false)
    return out
  }
}

/// One token of a query with its 1-based character position.
struct QueryToken: Equatable {
  enum Kind: Equatable {
    case term(String)
    case and, or, not, open, close
  }
  var kind: Kind
  var position: Int
}

/// Splits a query into tokens: whitespace separates; `"` opens a phrase up to the next `"`;
/// `(` and `)` stand alone; AND, OR, NOT are operators.
enum QueryLexer {
  static func tokens(of text: String) throws(SearchQueryError) -> [QueryToken] {
    var tokens: [QueryToken] = []
    var word = ""
    var wordStart = 0
    var position = 0
    var phraseStart: Int?
    var phrase = ""
    func endWord() {
      guard !word.isEmpty else { return }
      let kind: QueryToken.Kind
      switch word {
      case "AND": kind = .and
      case "OR": kind = .or
      case "NOT": kind = .not
      default: kind = .term(TextNormalizer.fold(word))
      }
      tokens.append(QueryToken(kind: kind, position: wordStart))
      word = ""
    }
    for c in text {
      position += 1
      if let start = phraseStart {
        if c == "\"" {
          if phrase.isEmpty { throw SearchQueryError(.emptyPhrase, at: start) }
          tokens.append(QueryToken(kind: .term(TextNormalizer.fold(phrase)), position: start))
          phraseStart = nil
          phrase = ""
        } else {
          phrase.append(c)
        }
        continue
      }
      switch c {
      case "\"":
        endWord()
        phraseStart = position
      case "(", ")":
        endWord()
        tokens.append(QueryToken(kind: c == "(" ? .open : .close, position: position))
      case _ where c.isWhitespace:
        endWord()
      default:
        if word.isEmpty { wordStart = position }
        word.append(c)
      }
    }
    if let start = phraseStart { throw SearchQueryError(.unbalancedQuote, at: start) }
    endWord()
    return tokens
  }
}

/// Recursive descent over the tokens: or := and (OR and)*; and := unary (AND? unary)*;
/// unary := NOT unary | primary; primary := term | "(" or ")".
struct QueryParser {
  let tokens: [QueryToken]
  var i = 0

  init(tokens: [QueryToken]) { self.tokens = tokens }

  mutating func parse() throws(SearchQueryError) -> SearchQuery.Node {
    guard !tokens.isEmpty else { throw SearchQueryError(.empty) }
    let node = try parseOr()
    if i < tokens.count {
      // Only a stray ")" stops the top level early.
      throw SearchQueryError(.unbalancedParenthesis, at: tokens[i].position)
    }
    return node
  }

  private var current: QueryToken? { i < tokens.count ? tokens[i] : nil }

  private mutating func parseOr() throws(SearchQueryError) -> SearchQuery.Node {
    var parts = [try parseAnd()]
    while let t = current, t.kind == .or {
      i += 1
      guard startsOperand(current) else { throw SearchQueryError(.missingOperand("OR"), at: t.position) }
      parts.append(try parseAnd())
    }
    return parts.count == 1 ? parts[0] : .or(parts)
  }

  private mutating func parseAnd() throws(SearchQueryError) -> SearchQuery.Node {
    guard startsOperand(current) else {
      let t = current ?? tokens[tokens.count - 1]
      switch t.kind {
      case .and: throw SearchQueryError(.missingOperand("AND"), at: t.position)
      case .or: throw SearchQueryError(.missingOperand("OR"), at: t.position)
      default: throw SearchQueryError(.unbalancedParenthesis, at: t.position)
      }
    }
    var parts = [try parseUnary()]
    while let t = current {
      if t.kind == .and {
        i += 1
        guard startsOperand(current) else {
          throw SearchQueryError(.missingOperand("AND"), at: t.position)
        }
      } else if !startsOperand(t) {
        break
      }
      parts.append(try parseUnary())
    }
    return parts.count == 1 ? parts[0] : .and(parts)
  }

  private mutating func parseUnary() throws(SearchQueryError) -> SearchQuery.Node {
    guard let t = current else { throw SearchQueryError(.empty) }
    switch t.kind {
    case .not:
      i += 1
      guard startsOperand(current) else { throw SearchQueryError(.missingOperand("NOT"), at: t.position) }
      return .not(try parseUnary())
    case .open:
      i += 1
      if let c = current, c.kind == .close { throw SearchQueryError(.emptyParentheses, at: t.position) }
      guard current != nil else { throw SearchQueryError(.unbalancedParenthesis, at: t.position) }
      let inner = try parseOr()
      guard let c = current, c.kind == .close else {
        throw SearchQueryError(.unbalancedParenthesis, at: t.position)
      }
      i += 1
      return inner
    case .term(let s):
      i += 1
      return .term(s)
    case .and, .or, .close:
      throw SearchQueryError(.unbalancedParenthesis, at: t.position)
    }
  }

  private func startsOperand(_ t: QueryToken?) -> Bool {
    guard let t else { return false }
    switch t.kind {
    case .term, .not, .open: return true
    case .and, .or, .close: return false
    }
  }
}
