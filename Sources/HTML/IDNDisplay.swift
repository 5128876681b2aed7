import CIDN2

/// Shows internationalised domain names the way people write them: the "xn--" labels of a host
/// or of a URL's host decoded to Unicode (`http://xn--fsqu00a.xn--fiqs8s/` → `http://例子.中国/`).
///
/// For display only (`show`, `status`): the archive, the state and every comparison keep the
/// punycode form URLs carry. A host is shown in Unicode only when turning that Unicode back to
/// ASCII (UTS #46, as URL parsing does) gives the same host again; any other host, and any
/// failure, is shown as it is. Pure functions over libidn2: safe from any thread.
public enum IDNDisplay {
  /// `host` (ASCII, lower case, no port) with its punycode labels decoded, or `host` itself.
  public static func host(_ host: String) -> String {
    guard WHATWGURL.Host.hasPunycodeLabel(Array(host.utf8)), !host.utf8.contains(0) else {
      return host
    }
    guard let unicode = toUnicode(host) else { return host }
    let back = Array(unicode.utf8).withUnsafeBufferPointer { WHATWGURL.Host.domainToASCII($0) }
    guard let back, back.elementsEqual(host.utf8.map(WHATWGURL.ASCII.lower)) else { return host }
    return unicode
  }

  /// `url` with its host shown by `host(_:)`; scheme, user info, port, path, query and fragment
  /// unchanged. A string that is not "scheme://authority…" is returned as it is.
  public static func url(_ url: String) -> String {
    let utf8 = Array(url.utf8)
    guard let range = hostRange(utf8) else { return url }
    let ascii = String(decoding: utf8[range], as: UTF8.self)
    let shown = host(ascii)
    guard shown != ascii else { return url }
    let head = String(decoding: utf8[..<range.lowerBound], as: UTF8.self)
    let tail = String(decoding: utf8[range.upperBound...], as: UTF8.self)
    return head + shown + tail
  }

  /// The inverse, for a URL a person typed (`show http://例子.中国/`): its non-ASCII host as
  /// the punycode the archive has; anything else is returned as it is.
  public static func punycodeURL(_ url: String) -> String {
    let utf8 = Array(url.utf8)
    guard let range = hostRange(utf8), utf8[range].contains(where: { $0 >= 0x80 }) else {
      return url
    }
    let ascii = utf8[range].withUnsafeBufferPointer { WHATWGURL.Host.domainToASCII($0) }
    guard let ascii else { return url }
    return String(decoding: utf8[..<range.lowerBound] + ascii + utf8[range.upperBound...], as: UTF8.self)
  }

  /// Where the host of "scheme://[userinfo@]host[:port][/?#…]" is (not an IPv6 literal).
  static func hostRange(_ utf8: [UInt8]) -> Range<Int>? {
    guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")), colon + 2 < utf8.count,
      utf8[colon + 1] == UInt8(ascii: "/"), utf8[colon + 2] == UInt8(ascii: "/")
    else { return nil }
    let start = colon + 3
    let end =
      utf8[start...].firstIndex {
        $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
      } ?? utf8.count
    var hostStart = start
    if let at = utf8[start..<end].lastIndex(of: UInt8(ascii: "@")) { hostStart = at + 1 }
    guard hostStart < end, utf8[hostStart] != UInt8(ascii: "[") else { return nil }
    let hostEnd = utf8[hostStart..<end].firstIndex(of: UInt8(ascii: ":")) ?? end
    return hostStart < hostEnd ? hostStart..<hostEnd : nil
  }

  /// libidn2's decoding of every "xn--" label; nil when it fails.
  static func toUnicode(_ ascii: String) -> String? {
    var result: UnsafeMutablePointer<CChar>?
    let status = pa_idn2_to_unicode(ascii, &result)
    defer { pa_idn2_free(result) }
    guard status == 0, let result else { return nil }
    return String(validatingCString: result)
  }
}
