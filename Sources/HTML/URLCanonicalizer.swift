/// Resolves and canonicalises URLs so that one resource has one spelling in the frontier.
///
/// http(s) URLs are parsed as browsers do, by the WHATWG URL Standard (`WHATWGURL`): hosts
/// validated and normalised (IPv4 forms, IPv6 compression, IDNA to punycode), "http:x" and
/// slash-less forms, '\' as '/', dot segments including "%2e", default ports dropped, the
/// standard's percent-encode sets. Other schemes (mailto:, ftp:, …) are only resolved, by
/// RFC 3986 §5.2, so that links keep them. Hand-written over UTF-8 bytes instead of Foundation's
/// URL, which differs from browsers on real hrefs and costs more allocations per link; this runs
/// on every link of every page. A value type with no shared state: thread-safe.
public struct URLCanonicalizer: Sendable {
  /// Query and path parameters removed as session ids, lower case (compared case-insensitively).
  ///
  /// A name starting with "aspsessionid" also matches (ASP appends a random suffix).
  public var sessionParameters: Set<String> {
    didSet { sessionKeys = Self.keys(sessionParameters) }
  }

  /// `sessionParameters` as lower-case bytes, for allocation-free matching.
  private var sessionKeys: [[UInt8]]

  public static let defaultSessionParameters: Set<String> = [
    "jsessionid", "phpsessid", "sid", "sessionid", "aspsessionid", "cfid", "cftoken",
  ]

  public init(sessionParameters: Set<String> = URLCanonicalizer.defaultSessionParameters) {
    let lowered = Set(sessionParameters.map { $0.lowercased() })
    self.sessionParameters = lowered
    self.sessionKeys = Self.keys(lowered)
  }

  private static func keys(_ names: Set<String>) -> [[UInt8]] {
    names.map { Array($0.lowercased().utf8) }.sorted { $0.count < $1.count }
  }

  /// A base URL parsed once, for resolving the many links of one page.
  public struct BaseURL: Sendable {
    /// The RFC 3986 reading, for references whose result is not http(s).
    let parts: Parts
    /// The WHATWG reading when the base is an http(s) URL.
    let web: WHATWGURL?

    /// Parses an absolute URL; nil when it has no scheme or is an invalid http(s) URL.
    public init?(_ url: String) {
      guard let parts = Parts(Parts.prepare(url)), let scheme = parts.scheme else { return nil }
      if ASCII.equalsLowercased(scheme, "http") || ASCII.equalsLowercased(scheme, "https") {
        guard case .parsed(let web) = WHATWGURL.parse(url, base: nil) else { return nil }
        self.web = web
      } else {
        self.web = nil
      }
      self.parts = parts
    }
  }

  /// The canonical form of an absolute http(s) URL, or nil when it is not one (or is invalid).
  ///
  /// The URL as a browser parses it (see the type's summary), then: percent-encoding normalised
  /// (upper-case hex, unreserved characters decoded, a '%' that starts no escape as "%25", and
  /// also `\^{|}` encoded), no fragment, session-id parameters removed from the query and the
  /// path (";jsessionid=…"), empty query pieces and an empty query dropped.
  public func canonicalize(_ url: String) -> String? {
    guard case .parsed(let parsed) = WHATWGURL.parse(url, base: nil) else { return nil }
    return serializeCanonical(parsed)
  }

  /// Resolves `reference` against `base` and canonicalises the result in one pass; nil when the
  /// result is not an http(s) URL (mailto:, javascript:, …) or is invalid.
  public func canonicalize(_ reference: String, against base: String) -> String? {
    guard let base = BaseURL(base) else { return nil }
    return canonicalize(reference, against: base)
  }

  /// `canonicalize(_:against:)` with a base parsed once per page (the fast path for links).
  public func canonicalize(_ reference: String, against base: BaseURL) -> String? {
    guard case .parsed(let parsed) = WHATWGURL.parse(reference, base: base.web) else {
      return nil
    }
    return serializeCanonical(parsed)
  }

  /// Resolves `reference` against `base` as a browser does, or nil when it cannot be.
  ///
  /// An http(s) result is the WHATWG serialisation (`href`), fragment included; nil when the
  /// standard says "failure" (invalid host or port, …). A result with another scheme is
  /// resolved by RFC 3986 §5 and keeps the reference's spelling, only bytes that may not
  /// appear in a URL (spaces, controls, non-ASCII as UTF-8) percent-encoded. `base` must be
  /// absolute.
  public static func resolve(_ reference: String, against base: String) -> String? {
    guard let base = BaseURL(base) else { return nil }
    return resolve(reference, against: base)
  }

  /// `resolve(_:against:)` with a base parsed once.
  public static func resolve(_ reference: String, against base: BaseURL) -> String? {
    switch WHATWGURL.parse(reference, base: base.web) {
    case .parsed(let parsed): return parsed.href
    case .invalid: return nil
    case .notHTTP: return Parts.resolve(reference, against: base.parts)?.serialized()
    }
  }

  /// The lower-cased host of an absolute URL, without port or user info.
  ///
  /// For http(s) the browser's host (IDNA as punycode, IPv4 normalised, "[v6]"), nil when
  /// invalid; for other schemes the authority's host as written, lower-cased.
  public static func host(of url: String) -> String? {
    switch WHATWGURL.parse(url, base: nil) {
    case .parsed(let parsed): return String(decoding: parsed.host, as: UTF8.self)
    case .invalid: return nil
    case .notHTTP: break
    }
    let bytes = Parts.prepare(url)
    guard let parts = Parts(bytes), parts.scheme != nil, let authority = parts.authority,
      let split = Parts.splitAuthority(authority), !split.host.isEmpty
    else { return nil }
    return Parts.lowercasedHost(split.host)
  }

  /// The path and query of a URL ("/" when the path is empty), as robots.txt rules match them.
  public static func path(of url: String) -> String {
    let bytes = Parts.prepare(url)
    guard let parts = Parts(bytes) else { return "/" }
    var out: [UInt8] = []
    out.reserveCapacity(parts.path.count + (parts.query?.count ?? 0) + 2)
    if parts.path.isEmpty || parts.path.first != UInt8(ascii: "/") { out.append(UInt8(ascii: "/")) }
    Parts.appendEncoded(parts.path, to: &out)
    if let query = parts.query {
      out.append(UInt8(ascii: "?"))
      Parts.appendEncoded(query, to: &out)
    }
    return String(decoding: out, as: UTF8.self)
  }

  // MARK: - Canonical serialisation

  /// The canonical text of a parsed http(s) URL (see `canonicalize(_:)`).
  func serializeCanonical(_ url: WHATWGURL) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(url.bytes.count + 8)
    out.append(contentsOf: url.bytes[0..<url.schemePrefixLength])
    if let userinfo = url.userinfo {
      Parts.appendNormalized(userinfo, to: &out)
      out.append(UInt8(ascii: "@"))
    }
    out.append(contentsOf: url.bytes[url.hostStart..<url.pathStart])  // host and ":port"
    appendCanonicalPath(url.path, to: &out)
    if let query = url.query, !query.isEmpty { appendCanonicalQuery(query, to: &out) }
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the path (dot segments already gone) normalised and without session parameters.
  func appendCanonicalPath(_ path: ArraySlice<UInt8>, to out: inout [UInt8]) {
    let pathStart = out.count
    Parts.appendNormalized(path, to: &out)
    guard out[pathStart...].contains(UInt8(ascii: ";")) else { return }
    // Dropping ";jsessionid=…" can leave a "." or ".." segment behind ("/.;jsessionid=1/").
    if removeSessionPathParameters(&out, from: pathStart),
      out[pathStart...].contains(UInt8(ascii: "."))
    {
      let path = Parts.removeDotSegments(out[pathStart...])
      out.removeSubrange(pathStart...)
      out.append(contentsOf: path)
    }
  }

  /// Appends "?query" without session parameters and empty pieces, order kept; nothing when
  /// no piece is left.
  func appendCanonicalQuery(_ query: ArraySlice<UInt8>, to out: inout [UInt8]) {
    let questionMark = out.count
    out.append(UInt8(ascii: "?"))
    var first = true
    var start = query.startIndex
    while start < query.endIndex {
      var end = start
      while end < query.endIndex, query[end] != UInt8(ascii: "&") { end += 1 }
      let parameter = query[start..<end]
      if !parameter.isEmpty && !isSessionParameter(parameter) {
        if !first { out.append(UInt8(ascii: "&")) }
        Parts.appendNormalized(parameter, to: &out)
        first = false
      }
      start = end + 1
    }
    if first { out.removeSubrange(questionMark...) }
  }

  /// Whether `parameter` ("name=value" or "name") names a session id.
  func isSessionParameter(_ parameter: ArraySlice<UInt8>) -> Bool {
    let end = parameter.firstIndex(of: UInt8(ascii: "=")) ?? parameter.endIndex
    let name = parameter[parameter.startIndex..<end]
    guard !name.isEmpty, name.count <= 64 else { return false }
    for key in sessionKeys where key.count == name.count {
      if zip(key, name).allSatisfy({ $0 == ASCII.lower($1) }) { return true }
    }
    // ASP appends a random suffix: ASPSESSIONIDQQGGGRST.
    return name.count >= 12 && ASCII.equalsLowercased(name.prefix(12), "aspsessionid")
  }

  /// Removes ";name=value" path parameters whose name is a session id, in `out[from...]`;
  /// whether it removed any.
  @discardableResult
  func removeSessionPathParameters(_ out: inout [UInt8], from: Int) -> Bool {
    var write = from
    var i = from
    let n = out.count
    while i < n {
      guard out[i] == UInt8(ascii: ";") else {
        out[write] = out[i]
        write += 1
        i += 1
        continue
      }
      var end = i + 1
      while end < n, out[end] != UInt8(ascii: ";"), out[end] != UInt8(ascii: "/") { end += 1 }
      if !isSessionParameter(out[(i + 1)..<end]) {
        for k in i..<end {
          out[write] = out[k]
          write += 1
        }
      }
      i = end
    }
    let removed = write < out.count
    out.removeSubrange(write...)
    return removed
  }
}

extension URLCanonicalizer {
  /// Byte tests and escapes shared with the WHATWG parser.
  typealias ASCII = WHATWGURL.ASCII
  typealias URLBytes = WHATWGURL.URLBytes

  /// A URL split per RFC 3986 Appendix B, as byte slices of one buffer: the reading of URLs
  /// whose scheme is not http(s), and the percent-encoding helpers of the canonical form.
  struct Parts: Sendable {
    var scheme: ArraySlice<UInt8>?
    var authority: ArraySlice<UInt8>?
    var path: ArraySlice<UInt8>
    var query: ArraySlice<UInt8>?
    var fragment: ArraySlice<UInt8>?

    init(
      scheme: ArraySlice<UInt8>?, authority: ArraySlice<UInt8>?, path: ArraySlice<UInt8>,
      query: ArraySlice<UInt8>?, fragment: ArraySlice<UInt8>?
    ) {
      self.scheme = scheme
      self.authority = authority
      self.path = path
      self.query = query
      self.fragment = fragment
    }

    /// Splits prepared bytes; never fails today but keeps an optional for malformed input.
    init?(_ bytes: [UInt8]) {
      let n = bytes.count
      var i = 0
      // Scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
      scheme = nil
      if n > 0, ASCII.isAlpha(bytes[0]) {
        var k = 1
        while k < n, ASCII.isSchemeChar(bytes[k]) { k += 1 }
        if k < n, bytes[k] == UInt8(ascii: ":") {
          scheme = bytes[0..<k]
          i = k + 1
        }
      }
      authority = nil
      if i + 1 < n, bytes[i] == UInt8(ascii: "/"), bytes[i + 1] == UInt8(ascii: "/") {
        var k = i + 2
        while k < n, bytes[k] != UInt8(ascii: "/"), bytes[k] != UInt8(ascii: "?"),
          bytes[k] != UInt8(ascii: "#")
        {
          k += 1
        }
        authority = bytes[(i + 2)..<k]
        i = k
      }
      var k = i
      while k < n, bytes[k] != UInt8(ascii: "?"), bytes[k] != UInt8(ascii: "#") { k += 1 }
      path = bytes[i..<k]
      query = nil
      fragment = nil
      if k < n, bytes[k] == UInt8(ascii: "?") {
        var q = k + 1
        while q < n, bytes[q] != UInt8(ascii: "#") { q += 1 }
        query = bytes[(k + 1)..<q]
        k = q
      }
      if k < n, bytes[k] == UInt8(ascii: "#") { fragment = bytes[(k + 1)..<n] }
    }

    /// Trims leading/trailing C0 controls and spaces, removes tabs and newlines anywhere, and for
    /// http(s) or scheme-less input turns '\' into '/' before the query (as browsers do).
    static func prepare(_ string: String) -> [UInt8] {
      var bytes = Array(string.utf8)
      var start = 0
      var end = bytes.count
      while start < end, bytes[start] <= 0x20 { start += 1 }
      while end > start, bytes[end - 1] <= 0x20 { end -= 1 }
      if start > 0 || end < bytes.count { bytes = Array(bytes[start..<end]) }
      if bytes.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
        bytes.removeAll { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
      }
      if bytes.contains(UInt8(ascii: "\\")) {
        // Only for special (http/https) or scheme-less references.
        var k = 0
        while k < bytes.count, ASCII.isSchemeChar(bytes[k]) { k += 1 }
        let hasScheme =
          k < bytes.count && bytes[k] == UInt8(ascii: ":") && k > 0 && ASCII.isAlpha(bytes[0])
        if !hasScheme || ASCII.equalsLowercased(bytes[0..<k], "http")
          || ASCII.equalsLowercased(bytes[0..<k], "https")
        {
          for j in bytes.indices {
            let b = bytes[j]
            if b == UInt8(ascii: "?") || b == UInt8(ascii: "#") { break }
            if b == UInt8(ascii: "\\") { bytes[j] = UInt8(ascii: "/") }
          }
        }
      }
      return bytes
    }

    /// RFC 3986 §5.2.2, for results that are not http(s); nil when `base` is not absolute.
    static func resolve(_ reference: String, against b: Parts) -> Parts? {
      guard let baseScheme = b.scheme else { return nil }
      guard var r = Parts(prepare(reference)) else { return nil }
      if r.scheme != nil {
        r.path = removeDotSegments(r.path)[...]
        return r
      }
      var t = Parts(
        scheme: baseScheme, authority: nil, path: [], query: nil, fragment: r.fragment)
      if let authority = r.authority {
        t.authority = authority
        t.path = removeDotSegments(r.path)[...]
        t.query = r.query
      } else {
        if r.path.isEmpty {
          t.path = b.path
          t.query = r.query ?? b.query
        } else {
          if r.path.first == UInt8(ascii: "/") {
            t.path = removeDotSegments(r.path)[...]
          } else {
            // Merge (§5.2.3).
            var merged: [UInt8] = []
            if b.authority != nil && b.path.isEmpty {
              merged.reserveCapacity(r.path.count + 1)
              merged.append(UInt8(ascii: "/"))
            } else if let slash = b.path.lastIndex(of: UInt8(ascii: "/")) {
              merged.reserveCapacity(slash - b.path.startIndex + 1 + r.path.count)
              merged.append(contentsOf: b.path[b.path.startIndex...slash])
            }
            merged.append(contentsOf: r.path)
            t.path = removeDotSegments(merged[...])[...]
          }
          t.query = r.query
        }
        t.authority = b.authority
      }
      return t
    }

    /// RFC 3986 §5.2.4, run over indices (no intermediate arrays).
    static func removeDotSegments(_ input: ArraySlice<UInt8>) -> [UInt8] {
      // Fast path: no "." segment possible.
      if !input.contains(UInt8(ascii: ".")) { return Array(input) }
      let dot = UInt8(ascii: ".")
      let slash = UInt8(ascii: "/")
      var out: [UInt8] = []
      out.reserveCapacity(input.count)
      var i = input.startIndex
      let end = input.endIndex
      func at(_ k: Int) -> UInt8 { k < end ? input[k] : 0 }
      func dropLastSegment(_ out: inout [UInt8]) {
        if let k = out.lastIndex(of: slash) { out.removeSubrange(k...) } else { out.removeAll() }
      }
      while i < end {
        let a = at(i)
        let b = at(i + 1)
        let c = at(i + 2)
        let remaining = end - i
        if a == dot && b == dot && c == slash {  // A: "../"
          i += 3
        } else if a == dot && b == slash {  // A: "./"
          i += 2
        } else if a == slash && b == dot && c == slash {  // B: "/./"
          i += 2
        } else if remaining == 2 && a == slash && b == dot {  // B: "/." at the end
          out.append(slash)
          break
        } else if a == slash && b == dot && c == dot && at(i + 3) == slash {  // C: "/../"
          i += 3
          dropLastSegment(&out)
        } else if remaining == 3 && a == slash && b == dot && c == dot {  // C: "/.." at the end
          dropLastSegment(&out)
          out.append(slash)
          break
        } else if (remaining == 1 && a == dot) || (remaining == 2 && a == dot && b == dot) {  // D
          break
        } else {  // E: move the first segment
          var j = i
          if a == slash { j += 1 }
          while j < end, input[j] != slash { j += 1 }
          out.append(contentsOf: input[i..<j])
          i = j
        }
      }
      return out
    }

    /// The resolved URL as text, encoding only bytes that may not appear in a URL.
    func serialized() -> String {
      var out: [UInt8] = []
      out.reserveCapacity(
        (scheme?.count ?? 0) + (authority?.count ?? 0) + path.count + (query?.count ?? 0)
          + (fragment?.count ?? 0) + 8)
      if let scheme {
        out.append(contentsOf: scheme)
        out.append(UInt8(ascii: ":"))
      }
      if let authority {
        out.append(contentsOf: Array("//".utf8))
        out.append(contentsOf: authority)
      }
      Parts.appendEncoded(path, to: &out)
      if let query {
        out.append(UInt8(ascii: "?"))
        Parts.appendEncoded(query, to: &out)
      }
      if let fragment {
        out.append(UInt8(ascii: "#"))
        Parts.appendEncoded(fragment, to: &out)
      }
      return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Authority

    /// User info, host and port of an authority ("user@host:port", "[v6]:port").
    static func splitAuthority(_ authority: ArraySlice<UInt8>) -> (
      userinfo: ArraySlice<UInt8>?, host: ArraySlice<UInt8>, port: ArraySlice<UInt8>?
    )? {
      var rest = authority
      var userinfo: ArraySlice<UInt8>? = nil
      if let at = rest.lastIndex(of: UInt8(ascii: "@")) {
        userinfo = rest[rest.startIndex..<at]
        rest = rest[(at + 1)...]
      }
      if rest.first == UInt8(ascii: "[") {
        guard let close = rest.firstIndex(of: UInt8(ascii: "]")) else { return nil }
        let host = rest[rest.startIndex...close]
        let after = rest[(close + 1)...]
        if after.isEmpty { return (userinfo, host, nil) }
        guard after.first == UInt8(ascii: ":") else { return nil }
        return (userinfo, host, after.dropFirst())
      }
      if let colon = rest.lastIndex(of: UInt8(ascii: ":")) {
        return (userinfo, rest[rest.startIndex..<colon], rest[(colon + 1)...])
      }
      return (userinfo, rest, nil)
    }

    static func lowercasedHost(_ host: ArraySlice<UInt8>) -> String {
      if host.contains(where: { $0 >= 0x80 }) {
        return String(decoding: host, as: UTF8.self).lowercased()
      }
      return String(decoding: host.map(ASCII.lower), as: UTF8.self)
    }

    // MARK: - Percent-encoding

    /// Bytes that must be percent-encoded wherever they appear: controls, space, non-ASCII,
    /// and `"<>\^`{|}`.
    @inline(__always) static func mustEncode(_ b: UInt8) -> Bool {
      if b <= 0x20 || b >= 0x7F { return true }
      switch b {
      case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"),
        UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"),
        UInt8(ascii: "}"):
        return true
      default:
        return false
      }
    }

    @inline(__always) static func isUnreserved(_ b: UInt8) -> Bool {
      ASCII.isAlpha(b) || ASCII.isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
        || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
    }

    /// Appends `bytes`, encoding what must be encoded and leaving existing escapes alone.
    static func appendEncoded(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
      var i = bytes.startIndex
      let end = bytes.endIndex
      while i < end {
        // Copy the clean run in one go (most URLs are entirely clean).
        var j = i
        while j < end, !mustEncode(bytes[j]) { j += 1 }
        if j > i { out.append(contentsOf: bytes[i..<j]) }
        guard j < end else { break }
        URLBytes.appendEscape(bytes[j], to: &out)
        i = j + 1
      }
    }

    /// Appends `bytes` with normalised percent-encoding: valid escapes upper-cased, or decoded
    /// when they denote an unreserved character; a '%' starting no valid escape becomes "%25".
    static func appendNormalized(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
      var i = bytes.startIndex
      let end = bytes.endIndex
      while i < end {
        var j = i
        while j < end, bytes[j] != UInt8(ascii: "%"), !mustEncode(bytes[j]) { j += 1 }
        if j > i { out.append(contentsOf: bytes[i..<j]) }
        guard j < end else { break }
        let b = bytes[j]
        i = j + 1
        if b == UInt8(ascii: "%") {
          if j + 2 < end, let h = ASCII.hexValue(bytes[j + 1]), let l = ASCII.hexValue(bytes[j + 2]) {
            let value = h << 4 | l
            if isUnreserved(value) { out.append(value) } else { URLBytes.appendEscape(value, to: &out) }
            i = j + 3
            continue
          }
        }
        URLBytes.appendEscape(b, to: &out)
      }
    }

    // MARK: - Bytes (the ASCII tests are `WHATWGURL.ASCII`'s, the escapes `URLBytes`')

    /// Whether two byte strings are equal ignoring ASCII case.
    static func equalsLowercased(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
      a.count == b.count && zip(a, b).allSatisfy { ASCII.lower($0) == ASCII.lower($1) }
    }
  }
}
