import CLibXML2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Builds an `HTMLTree` from libxml2's HTML parser through its SAX interface: the one HTML
/// parser of the program, with no DOM in between.
///
/// libxml2 does the tokenizing, the character references (in text and attribute values) and the
/// recovery (implied `html`/`head`/`body`, implied end tags, end-tag priorities, raw text of
/// script and style); its events arrive balanced, so this type only appends nodes in document
/// order and closes them. One recovery rule is added here, as browsers do it: `</body>` and
/// `</html>` close nothing. libxml2 closes them, and content after them (portal templates that
/// end a page mid-way and go on) comes as a second implied `html`/`body`; here the first pair
/// stays open to the end and takes that content, and a second pair's start tags are ignored.
///
/// Status: built and tested beside `HTMLTreeBuilder`, which `HTMLTree.parse` still uses; issue
/// 12 makes this the only parser once the tree tests and extraction scores are moved to
/// libxml2's recovery (it nests `<h2>` in an open `<h1>`, keeps `<![CDATA[…]]>` as text, and
/// implies `html`/`body`/`p` where the builder did not).
///
/// Input: UTF-8. Invalid sequences are repaired to U+FFFD first (libxml2 would switch the rest
/// of the page to Latin-1) and NUL bytes dropped (libxml2 stops at them), as `HTMLDocument`
/// does; `XML_PARSE_HUGE` lifts the 256-level nesting limit past which libxml2 abandons the
/// parse. Comments, processing instructions and whitespace libxml2 calls ignorable (between
/// `head` elements) are not kept.
///
/// Ownership: one instance per parse, used by the thread that parses (libxml2 calls back on it);
/// it hands its storage to the tree in `finish`.
final class HTMLTreeParser {
  var nodes: [HTMLTree.Node] = []
  var attributes: [HTMLTree.Attribute] = []
  var bytes: [UInt8] = []
  /// Open elements, innermost last (node indices); the document node at the bottom.
  var open: [Int32] = [0]
  /// Whether a `html` / `body` element has been opened (the first one is kept open).
  var sawHTML = false
  var sawBody = false

  init(capacity: Int) {
    nodes.reserveCapacity(capacity / 24 + 16)
    attributes.reserveCapacity(capacity / 48 + 16)
    bytes.reserveCapacity(capacity + 64)
    nodes.append(
      HTMLTree.Node(
        tag: .other, isText: false, parent: -1, end: 1, start: 0, length: 0, firstAttribute: 0,
        attributeCount: 0))
  }

  /// Parses UTF-8 `html` into a tree (see the type's notes on repairs).
  static func parse(_ html: UnsafeBufferPointer<UInt8>, url: String?) -> HTMLTree {
    let parser = HTMLTreeParser(capacity: html.count)
    if !HTMLDocument.isValidUTF8(html) {
      var repaired = String(decoding: html, as: UTF8.self)
      repaired.withUTF8 { parser.run(withoutNUL: $0) }
    } else {
      parser.run(withoutNUL: html)
    }
    return parser.finish(url: url)
  }

  private func run(withoutNUL html: UnsafeBufferPointer<UInt8>) {
    guard let base = html.baseAddress, memchr(base, 0, html.count) != nil else {
      return feed(html)
    }
    let kept = html.filter { $0 != 0 }
    kept.withUnsafeBufferPointer { feed($0) }
  }

  /// Runs libxml2's parser over `html` (no NUL, valid UTF-8) with this instance's callbacks.
  private func feed(_ html: UnsafeBufferPointer<UInt8>) {
    guard let base = html.baseAddress, !html.isEmpty else { return }
    let size = Int32(clamping: html.count)
    let chars = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
    guard let ctxt = htmlNewParserCtxt() else { return }
    defer { htmlFreeParserCtxt(ctxt) }
    guard let sax = ctxt.pointee.sax else { return }
    sax.pointee = Self.handler
    // The callbacks find this instance here (libxml2 leaves `_private` to its user); the
    // context is their `ctx`.
    ctxt.pointee._private = Unmanaged.passUnretained(self).toOpaque()
    // As `HTMLDocument` parses: UTF-8 given (HTML_PARSE_IGNORE_ENC keeps a <meta charset> from
    // switching it), the same options. With no SAX document callbacks no DOM is built.
    let doc = withExtendedLifetime(self) {
      htmlCtxtReadMemory(ctxt, chars, size, nil, "UTF-8", HTMLDocument.parseOptions)
    }
    if let doc { xmlFreeDoc(doc) }
  }

  /// Closes every open element and hands the storage to a tree.
  func finish(url: String?) -> HTMLTree {
    let end = Int32(nodes.count)
    for i in open { nodes[Int(i)].end = end }
    open = []
    return HTMLTree(url: url, nodes: nodes, attributes: attributes, bytes: bytes)
  }

  // MARK: - Events

  func startElement(_ name: UnsafePointer<xmlChar>, _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
    let tag = HTMLTag.lookup(name)
    if tag == .html || tag == .body {
      if tag == .html ? sawHTML : sawBody { return }
      if tag == .html { sawHTML = true } else { sawBody = true }
    }
    let parent = open[open.count - 1]
    var nameStart: Int32 = 0
    var nameLength: Int32 = 0
    if tag == .other {
      nameStart = Int32(truncatingIfNeeded: bytes.count)
      appendLowercased(name)
      nameLength = Int32(truncatingIfNeeded: bytes.count) - nameStart
    }
    let firstAttribute = Int32(truncatingIfNeeded: attributes.count)
    if let atts {
      var i = 0
      while let attName = atts[i] {
        let ns = Int32(truncatingIfNeeded: bytes.count)
        appendLowercased(attName)
        let vs = Int32(truncatingIfNeeded: bytes.count)
        if let value = atts[i + 1] { append(value) }
        attributes.append(
          HTMLTree.Attribute(
            nameStart: ns, nameLength: vs - ns, valueStart: vs,
            valueLength: Int32(truncatingIfNeeded: bytes.count) - vs))
        i += 2
      }
    }
    let index = Int32(truncatingIfNeeded: nodes.count)
    nodes.append(
      HTMLTree.Node(
        tag: tag, isText: false, parent: parent, end: index + 1, start: nameStart,
        length: nameLength, firstAttribute: firstAttribute,
        attributeCount: Int32(truncatingIfNeeded: attributes.count) - firstAttribute))
    open.append(index)
  }

  func endElement(_ name: UnsafePointer<xmlChar>?) {
    let tag = HTMLTag.lookup(name)
    // The first html and body stay open to the end (see the type's notes); a second pair's
    // start tags were ignored.
    if tag == .html || tag == .body { return }
    // Events are balanced, so the innermost element is the one ending; the kept html/body
    // (and the document node) are never popped here.
    guard open.count > 1, let top = open.last, nodes[Int(top)].tag != .html,
      nodes[Int(top)].tag != .body
    else { return }
    nodes[Int(top)].end = Int32(truncatingIfNeeded: nodes.count)
    open.removeLast()
  }

  func characters(_ ch: UnsafePointer<xmlChar>, _ count: Int) {
    guard count > 0 else { return }
    let parent = open[open.count - 1]
    let last = nodes.count - 1
    bytes.append(contentsOf: UnsafeBufferPointer(start: ch, count: count))
    // Text arrives in pieces; consecutive pieces in one element are one text node (its bytes
    // are the last ones in the buffer: every node appended after it would have added its own).
    if nodes[last].isText, nodes[last].parent == parent {
      nodes[last].length += Int32(truncatingIfNeeded: count)
      return
    }
    let index = Int32(truncatingIfNeeded: nodes.count)
    nodes.append(
      HTMLTree.Node(
        tag: .other, isText: true, parent: parent, end: index + 1,
        start: Int32(truncatingIfNeeded: bytes.count - count),
        length: Int32(truncatingIfNeeded: count), firstAttribute: 0, attributeCount: 0))
  }

  private func append(_ s: UnsafePointer<xmlChar>) {
    bytes.append(contentsOf: UnsafeBufferPointer(start: s, count: Int(xmlStrlen(s))))
  }

  private func appendLowercased(_ s: UnsafePointer<xmlChar>) {
    var p = s
    while p.pointee != 0 {
      let c = p.pointee
      bytes.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
      p += 1
    }
  }

  // MARK: - libxml2 callbacks

  static func instance(_ ctx: UnsafeMutableRawPointer?) -> HTMLTreeParser? {
    guard let ctx else { return nil }
    let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let me = ctxt.pointee._private else { return nil }
    return Unmanaged<HTMLTreeParser>.fromOpaque(me).takeUnretainedValue()
  }

  /// The SAX handler: elements and text (and script/style content, which libxml2 reports as
  /// CDATA); every other callback left empty. Never mutated after it is made.
  nonisolated(unsafe) static let handler: htmlSAXHandler = {
    var h = htmlSAXHandler()
    h.startElement = { ctx, name, atts in
      guard let name else { return }
      instance(ctx)?.startElement(name, atts)
    }
    h.endElement = { ctx, name in instance(ctx)?.endElement(name) }
    h.characters = { ctx, ch, len in
      guard let ch else { return }
      instance(ctx)?.characters(ch, Int(len))
    }
    h.cdataBlock = { ctx, ch, len in
      guard let ch else { return }
      instance(ctx)?.characters(ch, Int(len))
    }
    return h
  }()
}
