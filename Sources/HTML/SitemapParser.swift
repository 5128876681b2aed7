import CLibXML2

/// Reads sitemaps (sitemaps.org 0.9 `<urlset>` and `<sitemapindex>`, with or without their
/// namespace or a prefix, and text sitemaps) into `Sitemap` values.
///
/// XML goes through libxml2's SAX2 push parser with no DTD, entity or resolver callbacks and
/// `XML_PARSE_NONET`: no external subset or entity is loaded, and no entity is declared, so
/// none is expanded (XXE and "billion laughs" come to nothing). Recovery is off: at the first
/// fatal error parsing stops and the entries read before it are kept. Before parsing, an `&`
/// that does not start one of XML's five predefined entities or a character reference is
/// written `&amp;` (portals often leave the `&` of query strings bare; any other entity
/// reference becomes literal text). Only `<loc>` and `<lastmod>` directly under an entry, in
/// the root's namespace, are read (not `<image:loc>` and the like). Stateless; thread-safe.
public enum SitemapParser {
  /// The protocol's limit on a sitemap's uncompressed size.
  public static let defaultMaxBytes = 50 * 1024 * 1024
  /// The protocol's limit on entries per sitemap.
  public static let defaultMaxEntries = 50_000
  /// The longest `<loc>` or `<lastmod>` text kept (the protocol allows 2,048 characters).
  static let maxFieldBytes = 8 * 1024

  /// Parses decoded (not compressed) sitemap bytes: the entry point of the fuzz target.
  ///
  /// - Parameters:
  ///   - maxBytes: larger input is refused (`SitemapError.tooLarge`).
  ///   - maxEntries: entries after these are counted in `omitted`, not kept.
  public static func parse(
    bytes: [UInt8], maxBytes: Int = defaultMaxBytes, maxEntries: Int = defaultMaxEntries
  ) throws(SitemapError) -> Sitemap {
    guard bytes.count <= maxBytes else { throw .tooLarge(bytes: bytes.count, limit: maxBytes) }
    if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B { throw .compressed }
    var start = 0
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
    while start < bytes.count, isSpace(bytes[start]) { start += 1 }
    if start < bytes.count, bytes[start] != UInt8(ascii: "<") {
      return try parseText(bytes[start...], maxEntries: max(0, maxEntries))
    }
    return try parseXML(escapingBareAmpersands(bytes), maxEntries: max(0, maxEntries))
  }

  static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

  /// A text sitemap: every line that is an http(s) URL (other lines are ignored).
  static func parseText(_ bytes: ArraySlice<UInt8>, maxEntries: Int) throws(SitemapError)
    -> Sitemap
  {
    var sitemap = Sitemap(kind: .text)
    for line in bytes.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
      let text = Array(line).trimmedASCIIWhitespace
      guard text.count <= maxFieldBytes, hasHTTPScheme(text) else { continue }
      if sitemap.entries.count < maxEntries {
        sitemap.entries.append(SitemapEntry(loc: String(decoding: text, as: UTF8.self)))
      } else {
        sitemap.omitted += 1
      }
    }
    if sitemap.entries.isEmpty && sitemap.omitted == 0 { throw .notASitemap(root: "(text)") }
    return sitemap
  }

  private static func hasHTTPScheme(_ text: [UInt8]) -> Bool {
    let lower = text.prefix(8).map { $0 | 0x20 }
    return lower.starts(with: Array("http://".utf8)) || lower.starts(with: Array("https://".utf8))
  }

  /// The bytes with every `&` that does not begin `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`,
  /// `&#N;` or `&#xH;` written `&amp;`; CDATA sections and comments are left as they are.
  static func escapingBareAmpersands(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.contains(UInt8(ascii: "&")) else { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 16)
    var i = 0
    let cdataOpen = Array("<![CDATA[".utf8)
    let commentOpen = Array("<!--".utf8)
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "<") {
        if let end = skipSection(bytes, at: i, open: cdataOpen, close: Array("]]>".utf8))
          ?? skipSection(bytes, at: i, open: commentOpen, close: Array("-->".utf8))
        {
          out += bytes[i..<end]
          i = end
          continue
        }
      } else if b == UInt8(ascii: "&"), !startsReference(bytes, at: i) {
        out += Array("&amp;".utf8)
        i += 1
        continue
      }
      out.append(b)
      i += 1
    }
    return out
  }

  /// The end (exclusive) of a section opened at `i` by `open`, or nil when `open` is not there;
  /// an unclosed section runs to the end.
  private static func skipSection(_ bytes: [UInt8], at i: Int, open: [UInt8], close: [UInt8])
    -> Int?
  {
    guard bytes[i...].starts(with: open) else { return nil }
    var j = i + open.count
    while j < bytes.count {
      if bytes[j] == close[0], bytes[j...].starts(with: close) { return j + close.count }
      j += 1
    }
    return bytes.count
  }

  /// Whether the `&` at `i` starts a predefined entity or a character reference.
  private static func startsReference(_ bytes: [UInt8], at i: Int) -> Bool {
    let rest = bytes[(i + 1)...].prefix(12)
    for name in ["amp;", "lt;", "gt;", "quot;", "apos;"] where rest.starts(with: Array(name.utf8)) {
      return true
    }
    guard rest.first == UInt8(ascii: "#") else { return false }
    var j = rest.startIndex + 1
    let hex = j < rest.endIndex && (rest[j] | 0x20) == UInt8(ascii: "x")
    if hex { j += 1 }
    let digitsStart = j
    while j < rest.endIndex {
      let c = rest[j]
      let isDigit = c >= 0x30 && c <= 0x39
      let isHex = hex && (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "f")
      guard isDigit || isHex else { break }
      j += 1
    }
    return j > digitsStart && j < rest.endIndex && rest[j] == UInt8(ascii: ";")
  }

  /// Parses XML sitemap bytes with libxml2's SAX2 push parser.
  static func parseXML(_ bytes: [UInt8], maxEntries: Int) throws(SitemapError) -> Sitemap {
    _ = libxml2Initialized
    let collector = SitemapCollector(maxEntries: maxEntries)
    var handler = SitemapCollector.saxHandler()
    let options =
      XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
      | XML_PARSE_NOCDATA.rawValue
    let user = Unmanaged.passUnretained(collector).toOpaque()
    let wellFormed: Bool = bytes.withUnsafeBufferPointer { buffer in
      let base = UnsafeRawPointer(buffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
      let head = min(4, buffer.count)
      guard let ctxt = xmlCreatePushParserCtxt(&handler, user, base, Int32(head), nil) else {
        return false
      }
      defer {
        // A DOCTYPE makes libxml2 build a document for its DTD even with no tree callbacks;
        // it is the caller's to free (found by fuzz-sitemap as a leak).
        if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
        ctxt.pointee.myDoc = nil
        xmlFreeParserCtxt(ctxt)
      }
      _ = xmlCtxtUseOptions(ctxt, Int32(bitPattern: options))
      collector.context = ctxt
      var offset = head
      let chunk = 1 << 20
      repeat {
        let n = min(chunk, buffer.count - offset)
        let last = offset + n >= buffer.count
        let status = xmlParseChunk(ctxt, base.map { $0 + offset }, Int32(n), last ? 1 : 0)
        offset += n
        if status != 0 || collector.stopped { break }
      } while offset < buffer.count
      if offset >= buffer.count, !collector.stopped { _ = xmlParseChunk(ctxt, nil, 0, 1) }
      collector.context = nil
      return ctxt.pointee.wellFormed != 0 && collector.firstError == nil
    }
    guard let kind = collector.kind else {
      if let root = collector.rootName { throw .notASitemap(root: root) }
      throw .malformed(message: collector.firstError ?? "no root element")
    }
    return Sitemap(
      kind: kind, entries: collector.entries, omitted: collector.omitted,
      problem: wellFormed ? nil : (collector.firstError ?? "not well-formed"))
  }
}
