/// One `HOST:PORT:ADDR[,ADDR...]` entry of libcurl's CURLOPT_RESOLVE: connections to HOST on
/// PORT go to ADDR (the first that connects) instead of what DNS says.
///
/// What it is for: reaching virtual hosts on loopback in tests, crawling a staging server under
/// its public name. A value type; pure and safe from any thread. Parsing accepts what curl's
/// `--resolve` accepts save two forms that make no sense for a crawl: "-HOST:PORT" (removal of
/// an earlier entry) and an IP literal as HOST (never resolved, so never affected). A leading
/// "+" (curl: the entry may time out of the DNS cache) is accepted and dropped; entries never
/// expire during a crawl. IPv6 addresses may be bracketed ("[::1]") or bare.
public struct ResolveEntry: Sendable, Equatable, CustomStringConvertible {
  /// The host name, lower-cased, as the entry wrote it (the crawler turns a Unicode name into
  /// its punycode form, which is what URLs carry and curl matches, see `with(host:)`).
  public private(set) var host: String
  /// 1 to 65535.
  public let port: Int
  /// At least one; their `port` is the entry's port.
  public let addresses: [SocketAddress]

  /// Why an entry does not parse; `entry` is the text as given.
  public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let entry: String
    public let reason: String
    public var description: String { "'\(entry)': \(reason)" }
  }

  /// Parses `HOST:PORT:ADDR[,ADDR...]`.
  public init(parsing text: String) throws(ParseError) {
    func fail(_ reason: String) -> ParseError { ParseError(entry: text, reason: reason) }
    var rest = Substring(text)
    if rest.hasPrefix("-") { throw fail("removal entries (-HOST:PORT) are not supported") }
    if rest.hasPrefix("+") { rest = rest.dropFirst() }
    guard let hostEnd = rest.firstIndex(of: ":") else {
      throw fail("missing port (expected HOST:PORT:ADDR[,ADDR...])")
    }
    let host = rest[..<hostEnd]
    try Self.checkHost(host, fail)
    rest = rest[rest.index(after: hostEnd)...]
    guard let portEnd = rest.firstIndex(of: ":") else {
      throw fail(
        rest.isEmpty || rest.allSatisfy(\.isASCIIDigit)
          ? "missing address (expected HOST:PORT:ADDR[,ADDR...])"
          : "missing port (expected HOST:PORT:ADDR[,ADDR...])")
    }
    let port = try Self.port(rest[..<portEnd], fail)
    let list = rest[rest.index(after: portEnd)...]
    guard !list.isEmpty else { throw fail("missing address (expected HOST:PORT:ADDR[,ADDR...])") }
    var addresses: [SocketAddress] = []
    for part in list.split(separator: ",", omittingEmptySubsequences: false) {
      addresses.append(try Self.address(part, port: port, fail))
    }
    self.host = host.lowercased()
    self.port = port
    self.addresses = addresses
  }

  /// An entry from parts already checked (HOST non-empty, `addresses` non-empty).
  public init(host: String, port: Int, addresses: [SocketAddress]) {
    self.host = host.lowercased()
    self.port = port
    self.addresses = addresses.compactMap { SocketAddress(bytes: $0.bytes, port: port) }
  }

  /// "host:port": the key curl matches a URL's host and port by.
  public var key: String { "\(host):\(port)" }

  /// The entry as CURLOPT_RESOLVE takes it: "host:port:10.0.0.1,[::1]".
  public var description: String {
    "\(key):" + addresses.map(Self.spelling).joined(separator: ",")
  }

  /// The same entry for another spelling of its host (its punycode form).
  public func with(host: String) -> ResolveEntry {
    var copy = self
    copy.host = host.lowercased()
    return copy
  }

  /// The entries with one per host:port: a later entry replaces an earlier one (the command
  /// line's `--resolve` overrides crawl.conf's), in the order the keys first appeared.
  public static func merged(_ entries: [ResolveEntry]) -> [ResolveEntry] {
    var order: [String] = []
    var byKey: [String: ResolveEntry] = [:]
    for entry in entries {
      if byKey.updateValue(entry, forKey: entry.key) == nil { order.append(entry.key) }
    }
    return order.compactMap { byKey[$0] }
  }

  /// An address as curl's resolve list writes it: "10.0.0.1", "[::1]".
  static func spelling(_ address: SocketAddress) -> String {
    let text = address.description
    let suffix = ":\(address.port)"
    return text.hasSuffix(suffix) ? String(text.dropLast(suffix.count)) : text
  }

  private static func checkHost(_ host: Substring, _ fail: (String) -> ParseError) throws(ParseError) {
    if host.isEmpty { throw fail("missing host (expected HOST:PORT:ADDR[,ADDR...])") }
    if host.hasPrefix("[") || SocketAddress(numeric: String(host)) != nil {
      throw fail("host '\(host)' is an IP address: there is nothing to resolve")
    }
    let bad = host.unicodeScalars.first { s in
      s.value <= 0x20 || s.value == 0x7F || "/?#@,[]\\".unicodeScalars.contains(s)
    }
    if let bad { throw fail("host '\(host)' holds the character \(bad.debugDescription)") }
  }

  private static func port(_ text: Substring, _ fail: (String) -> ParseError) throws(ParseError)
    -> Int
  {
    if text.isEmpty { throw fail("missing port (expected HOST:PORT:ADDR[,ADDR...])") }
    guard text.allSatisfy(\.isASCIIDigit) else { throw fail("port '\(text)' is not a number") }
    // At most 5 digits after leading zeros: no overflow on any input length.
    let digits = text.drop { $0 == "0" }
    guard digits.count <= 5, let port = Int(digits.isEmpty ? "0" : digits), (1...65_535).contains(port)
    else { throw fail("port \(text) is out of range (1 to 65535)") }
    return port
  }

  private static func address(_ part: Substring, port: Int, _ fail: (String) -> ParseError)
    throws(ParseError) -> SocketAddress
  {
    if part.isEmpty { throw fail("empty address in the list") }
    var text = part
    if text.hasPrefix("[") {
      guard text.hasSuffix("]"), text.count >= 2 else {
        throw fail("bad address '\(part)': a '[' without its ']'")
      }
      text = text.dropFirst().dropLast()
      guard text.contains(":") else { throw fail("bad address '\(part)': not an IPv6 address") }
    }
    guard let address = SocketAddress(numeric: String(text), port: port) else {
      throw fail("bad address '\(part)': not a numeric IPv4 or IPv6 address")
    }
    return address
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
