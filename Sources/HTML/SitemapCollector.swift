import CLibXML2

/// The SAX2 callbacks' state while one sitemap is parsed: the element depth, the entry being
/// read and the entries read so far.
///
/// Owned by one `SitemapParser.parseXML` call, on its thread: libxml2 calls back synchronously
/// from `xmlParseChunk` with this object as its user data (passed unretained; the call keeps it
/// alive). Depth 1 is the root, 2 an entry (`url` / `sitemap`), 3 its fields.
final class SitemapCollector {
  enum Field { case loc, lastmod }

  let maxEntries: Int
  /// The parser context while parsing (to stop it when the root is not a sitemap's).
  var context: xmlParserCtxtPtr?
  var stopped = false
  var depth = 0
  var rootName: String?
  var rootNamespace: String?
  var kind: Sitemap.Kind?
  var inEntry = false
  var field: Field?
  var text: [UInt8] = []
  var loc: String?
  var lastmod: SitemapDate?
  var entries: [SitemapEntry] = []
  var omitted = 0
  var firstError: String?

  init(maxEntries: Int) { self.maxEntries = maxEntries }

  static func from(_ ctx: UnsafeMutableRawPointer?) -> SitemapCollector? {
    ctx.map { Unmanaged<SitemapCollector>.fromOpaque($0).takeUnretainedValue() }
  }

  /// A SAX2 handler with element, text and structured-error callbacks only.
  static func saxHandler() -> xmlSAXHandler {
    var h = xmlSAXHandler()
    h.initialized = XML_SAX2_MAGIC
    h.startElementNs = { ctx, local, _, uri, _, _, _, _, _ in
      guard let c = SitemapCollector.from(ctx), let local else { return }
      c.start(String(cString: local), namespace: uri.map { String(cString: $0) })
    }
    h.endElementNs = { ctx, _, _, _ in SitemapCollector.from(ctx)?.end() }
    h.characters = { ctx, ch, len in
      guard let c = SitemapCollector.from(ctx), let ch else { return }
      c.characters(UnsafeBufferPointer(start: ch, count: Int(max(0, len))))
    }
    h.cdataBlock = h.characters
    h.serror = { ctx, error in
      guard let c = SitemapCollector.from(ctx), c.firstError == nil, let error else { return }
      let message = error.pointee.message.map { String(cString: $0) } ?? "error"
      c.firstError =
        "line \(error.pointee.line): "
        + message.trimmingCharacters(in: [" ", "\n"])
    }
    return h
  }

  /// The deepest element nesting read: a sitemap needs 3; deeper is hostile input, stopped
  /// here rather than at libxml2's own limit (256, or none with some builds' options).
  static let maxDepth = 64

  func start(_ local: String, namespace: String?) {
    depth += 1
    if depth > Self.maxDepth {
      if firstError == nil { firstError = "elements nested deeper than \(Self.maxDepth) levels" }
      stop()
      return
    }
    switch depth {
    case 1:
      rootName = local
      rootNamespace = namespace
      switch local {
      case "urlset": kind = .urlset
      case "sitemapindex": kind = .index
      default: stop()
      }
    case 2:
      inEntry = namespace == rootNamespace && local == (kind == .index ? "sitemap" : "url")
      loc = nil
      lastmod = nil
    case 3 where inEntry && namespace == rootNamespace:
      field = local == "loc" ? .loc : local == "lastmod" ? .lastmod : nil
      text.removeAll(keepingCapacity: true)
    default:
      break
    }
  }

  func end() {
    switch depth {
    case 3 where field != nil:
      let value = text.trimmedASCIIWhitespace
      if value.count <= SitemapParser.maxFieldBytes {
        if field == .loc {
          loc = String(decoding: value, as: UTF8.self)
        } else {
          lastmod = SitemapDate.parse(String(decoding: value, as: UTF8.self))
        }
      }
      field = nil
    case 2 where inEntry:
      if let loc, !loc.isEmpty {
        if entries.count < maxEntries {
          entries.append(SitemapEntry(loc: loc, lastmod: lastmod))
        } else {
          omitted += 1
        }
      }
      inEntry = false
    default:
      break
    }
    depth -= 1
  }

  func characters(_ chunk: UnsafeBufferPointer<UInt8>) {
    guard field != nil, depth == 3, text.count <= SitemapParser.maxFieldBytes else { return }
    text += chunk.prefix(SitemapParser.maxFieldBytes + 1 - text.count)
  }

  private func stop() {
    stopped = true
    if let context { xmlStopParser(context) }
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
