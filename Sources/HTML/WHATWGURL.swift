/// An http(s) URL parsed as the WHATWG URL Standard (https://url.spec.whatwg.org) says.
///
/// Kept as its serialisation (`href`) in one byte buffer plus the offsets of the components, so
/// that a parse allocates one array. Only the result schemes http and https are handled (the
/// crawler fetches nothing else): `parse` answers `.notHTTP` for any other scheme, and for a
/// reference without scheme when there is no http(s) base, so callers can fall back to a
/// generic reading. Parsing works on UTF-8 bytes, as the standard's state machine does on code
/// points (every delimiter is ASCII); hosts go through `Host` (IPv4, IPv6, IDNA via libidn2).
struct WHATWGURL: Sendable {
  /// The serialisation: "http(s)://[user[:password]@]host[:port]/path[?query][#fragment]".
  let bytes: [UInt8]
  let isHTTPS: Bool
  /// Index of the host's first byte; the user info, if any, ends with '@' just before it.
  let hostStart: Int
  /// End of the host; ":port" (a non-default port) follows until `pathStart`.
  let hostEnd: Int
  /// Index of the path's first byte (always '/').
  let pathStart: Int
  /// Index of the '?' that starts the query, if there is one.
  let queryStart: Int?
  /// Index of the '#' that starts the fragment, if there is one.
  let fragmentStart: Int?

  /// What parsing an input gave.
  enum Outcome {
    case parsed(WHATWGURL)
    /// The standard's "failure": no browser would load this.
    case invalid
    /// The result would not be an http(s) URL (another scheme, or relative without http base).
    case notHTTP
  }

  /// Length of "http://" or "https://".
  var schemePrefixLength: Int { isHTTPS ? 8 : 7 }
  /// End of the path: the query's '?', else the fragment's '#', else the end.
  var pathEnd: Int { queryStart ?? fragmentStart ?? bytes.count }
  /// End of the query (the fragment's '#' or the end).
  var queryEnd: Int { fragmentStart ?? bytes.count }
  /// The serialisation as text.
  var href: String { String(decoding: bytes, as: UTF8.self) }

  /// "user:password" without the '@', when the URL has user info.
  var userinfo: ArraySlice<UInt8>? {
    hostStart > schemePrefixLength ? bytes[schemePrefixLength..<(hostStart - 1)] : nil
  }
  var host: ArraySlice<UInt8> { bytes[hostStart..<hostEnd] }
  /// ":port" or empty.
  var port: ArraySlice<UInt8> { bytes[hostEnd..<pathStart] }
  var path: ArraySlice<UInt8> { bytes[pathStart..<pathEnd] }
  /// The query without its '?', nil when there is none.
  var query: ArraySlice<UInt8>? { queryStart.map { bytes[($0 + 1)..<queryEnd] } }

  /// Parses `input` (a reference) against `base`, as the URL parser does without state override.
  ///
  /// Leading and trailing C0 controls and spaces are trimmed and tabs and newlines removed first.
  static func parse(_ input: String, base: WHATWGURL?) -> Outcome {
    var input = input
    return input.withUTF8 { raw in
      var start = 0
      var end = raw.count
      while start < end, raw[start] <= 0x20 { start += 1 }
      while end > start, raw[end - 1] <= 0x20 { end -= 1 }
      let trimmed = UnsafeBufferPointer(rebasing: raw[start..<end])
      if trimmed.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
        let cleaned = trimmed.filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return cleaned.withUnsafeBufferPointer { parse(bytes: $0, base: base) }
      }
      return parse(bytes: trimmed, base: base)
    }
  }

  /// `parse` on prepared bytes: reads the scheme, then lets a `Parser` build the URL.
  static func parse(bytes input: UnsafeBufferPointer<UInt8>, base: WHATWGURL?) -> Outcome {
    var parser = Parser(input: input)
    guard let scheme = parser.readScheme() else {
      guard let base else { return .notHTTP }
      return parser.parseRelative(to: base)
    }
    guard let isHTTPS = scheme else { return .notHTTP }
    if let base, base.isHTTPS == isHTTPS {
      // "special relative or authority state": "http:g" is relative to an http base.
      return parser.parseRelative(to: base)
    }
    return parser.parseAuthorityAndRest(isHTTPS: isHTTPS)
  }
}

extension WHATWGURL {
  /// The URL parser's state for one input: a read position and the serialisation being built.
  struct Parser {
    let input: UnsafeBufferPointer<UInt8>
    var p = 0
    var out: [UInt8] = []
    var isHTTPS = false
    var hostStart = 0
    var hostEnd = 0
    var pathStart = 0
    var queryStart: Int?
    var fragmentStart: Int?

    init(input: UnsafeBufferPointer<UInt8>) {
      self.input = input
    }

    var n: Int { input.count }

    @inline(__always) func isSlash(_ k: Int) -> Bool {
      k < n && (input[k] == UInt8(ascii: "/") || input[k] == UInt8(ascii: "\\"))
    }

    /// Reads "scheme:": nil when the input has none (relative), .some(nil) for a scheme other
    /// than http(s), else whether it is https.
    mutating func readScheme() -> Bool?? {
      guard n > 0, ASCII.isAlpha(input[0]) else { return nil }
      var k = 1
      while k < n, ASCII.isSchemeChar(input[k]) { k += 1 }
      guard k < n, input[k] == UInt8(ascii: ":") else { return nil }
      let scheme = UnsafeBufferPointer(rebasing: input[0..<k])
      p = k + 1
      if ASCII.equalsLowercased(scheme, "http") { return .some(false) }
      if ASCII.equalsLowercased(scheme, "https") { return .some(true) }
      return .some(nil)
    }

    /// The relative state (the input has no scheme, or the base's scheme).
    mutating func parseRelative(to base: WHATWGURL) -> Outcome {
      isHTTPS = base.isHTTPS
      if isSlash(p) && isSlash(p + 1) {
        return parseAuthorityAndRest(isHTTPS: base.isHTTPS)
      }
      out.reserveCapacity(base.pathEnd + n - p + 8)
      hostStart = base.hostStart
      hostEnd = base.hostEnd
      pathStart = base.pathStart
      if isSlash(p) {  // absolute path on the base's host
        out.append(contentsOf: base.bytes[0..<base.pathStart])
        p += 1
      } else if p == n || input[p] == UInt8(ascii: "#") {  // the base itself (new fragment)
        out.append(contentsOf: base.bytes[0..<base.queryEnd])
        queryStart = base.queryStart
        return finishQueryAndFragment(queryDone: true)
      } else if input[p] == UInt8(ascii: "?") {  // base path, new query
        out.append(contentsOf: base.bytes[0..<base.pathEnd])
        return finishQueryAndFragment(queryDone: false)
      } else {  // a path relative to the base's directory
        out.append(contentsOf: base.bytes[0..<base.pathEnd])
        shortenPath()
      }
      parsePathSegments()
      return finishQueryAndFragment(queryDone: false)
    }

    /// From "special authority ignore slashes state": slashes, user info, host, port, the rest.
    mutating func parseAuthorityAndRest(isHTTPS: Bool) -> Outcome {
      self.isHTTPS = isHTTPS
      while isSlash(p) { p += 1 }
      var end = p
      while end < n, !Self.endsAuthority(input[end]) { end += 1 }
      out.reserveCapacity(n + 8)
      out.append(contentsOf: isHTTPS ? URLBytes.httpsPrefix : URLBytes.httpPrefix)
      var hostFrom = p
      if let at = input[p..<end].lastIndex(of: UInt8(ascii: "@")) {
        appendUserinfo(p..<at)
        hostFrom = at + 1
      }
      guard parseHostAndPort(hostFrom..<end) else { return .invalid }
      p = end
      pathStart = out.count
      if isSlash(p) { p += 1 }  // "path start state"
      parsePathSegments()
      return finishQueryAndFragment(queryDone: false)
    }

    static func endsAuthority(_ b: UInt8) -> Bool {
      b == UInt8(ascii: "/") || b == UInt8(ascii: "\\") || b == UInt8(ascii: "?")
        || b == UInt8(ascii: "#")
    }

    /// Appends "user[:password]@" (nothing when both are empty); later '@'s are encoded.
    mutating func appendUserinfo(_ range: Range<Int>) {
      let colon = input[range].firstIndex(of: UInt8(ascii: ":")) ?? range.upperBound
      let start = out.count
      appendEncoded(range.lowerBound..<colon, set: .userinfo)
      if colon + 1 < range.upperBound {
        out.append(UInt8(ascii: ":"))
        appendEncoded((colon + 1)..<range.upperBound, set: .userinfo)
      }
      if out.count > start { out.append(UInt8(ascii: "@")) }
    }

    /// The host state and port state over `range` (user info already consumed).
    mutating func parseHostAndPort(_ range: Range<Int>) -> Bool {
      var colon: Int?
      var inBrackets = false
      for k in range {
        switch input[k] {
        case UInt8(ascii: "["): inBrackets = true
        case UInt8(ascii: "]"): inBrackets = false
        case UInt8(ascii: ":") where !inBrackets: colon = k
        default: continue
        }
        if colon != nil { break }
      }
      let hostRange = range.lowerBound..<(colon ?? range.upperBound)
      guard !hostRange.isEmpty else { return false }
      hostStart = out.count
      guard Host.append(UnsafeBufferPointer(rebasing: input[hostRange]), to: &out) else {
        return false
      }
      hostEnd = out.count
      guard let colon else { return true }
      return appendPort((colon + 1)..<range.upperBound)
    }

    /// Appends ":port" unless the port is empty or the scheme's default; false when invalid.
    mutating func appendPort(_ range: Range<Int>) -> Bool {
      var value = 0
      for k in range {
        let b = input[k]
        guard b >= 0x30 && b <= 0x39 else { return false }
        value = value * 10 + Int(b - 0x30)
        if value > 65535 { return false }
      }
      guard !range.isEmpty, value != (isHTTPS ? 443 : 80) else { return true }
      out.append(UInt8(ascii: ":"))
      URLBytes.appendDecimal(value, to: &out)
      return true
    }

    /// The path state: segments up to '?', '#' or the end, dot segments applied as they come.
    mutating func parsePathSegments() {
      while true {
        var k = p
        while k < n, !Self.endsSegment(input[k]) { k += 1 }
        let slashFollows = isSlash(k)
        let segment = UnsafeBufferPointer(rebasing: input[p..<k])
        if Self.isDoubleDot(segment) {
          shortenPath()
          if !slashFollows { out.append(UInt8(ascii: "/")) }
        } else if Self.isSingleDot(segment) {
          if !slashFollows { out.append(UInt8(ascii: "/")) }
        } else {
          out.append(UInt8(ascii: "/"))
          appendEncoded(p..<k, set: .path)
        }
        p = k
        guard slashFollows else { return }
        p += 1
      }
    }

    static func endsSegment(_ b: UInt8) -> Bool { endsAuthority(b) }

    /// Removes the path's last segment (the standard's "shorten").
    mutating func shortenPath() {
      var k = out.count
      while k > pathStart {
        k -= 1
        if out[k] == UInt8(ascii: "/") {
          out.removeSubrange(k...)
          return
        }
      }
    }

    /// "." or "%2e" (any case).
    static func isSingleDot(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
      (s.count == 1 && s[0] == UInt8(ascii: ".")) || (s.count == 3 && isEncodedDot(s, 0))
    }

    /// "..", ".%2e", "%2e." or "%2e%2e" (any case).
    static func isDoubleDot(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
      let dot = UInt8(ascii: ".")
      switch s.count {
      case 2: return s[0] == dot && s[1] == dot
      case 4: return (s[0] == dot && isEncodedDot(s, 1)) || (isEncodedDot(s, 0) && s[3] == dot)
      case 6: return isEncodedDot(s, 0) && isEncodedDot(s, 3)
      default: return false
      }
    }

    static func isEncodedDot(_ s: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
      s[k] == UInt8(ascii: "%") && s[k + 1] == UInt8(ascii: "2") && ASCII.lower(s[k + 2]) == 0x65
    }

    /// The query state (unless `queryDone`) and the fragment state, then the finished URL.
    mutating func finishQueryAndFragment(queryDone: Bool) -> Outcome {
      if !queryDone, p < n, input[p] == UInt8(ascii: "?") {
        queryStart = out.count
        out.append(UInt8(ascii: "?"))
        var k = p + 1
        while k < n, input[k] != UInt8(ascii: "#") { k += 1 }
        appendEncoded((p + 1)..<k, set: .specialQuery)
        p = k
      }
      if p < n, input[p] == UInt8(ascii: "#") {
        fragmentStart = out.count
        out.append(UInt8(ascii: "#"))
        appendEncoded((p + 1)..<n, set: .fragment)
      }
      return .parsed(
        WHATWGURL(
          bytes: out, isHTTPS: isHTTPS, hostStart: hostStart, hostEnd: hostEnd,
          pathStart: pathStart, queryStart: queryStart, fragmentStart: fragmentStart))
    }

    /// Appends `input[range]`, percent-encoding the bytes in `set` (clean runs copied at once).
    mutating func appendEncoded(_ range: Range<Int>, set: PercentEncodeSet) {
      var i = range.lowerBound
      let end = range.upperBound
      while i < end {
        var j = i
        while j < end, !set.contains(input[j]) { j += 1 }
        if j > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<j])) }
        guard j < end else { return }
        URLBytes.appendEscape(input[j], to: &out)
        i = j + 1
      }
    }
  }
}
