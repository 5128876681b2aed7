import CLibXML2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The tokenizer and tree construction behind `HTMLTree.parse`: one pass over UTF-8 bytes.
///
/// Why not libxml2 here: its DOM parse costs ~250 µs for a 16 KB portal page on this machine and
/// even its SAX interface with empty callbacks ~130 µs (Benchmarks/libxml2-parse-bench.sh),
/// more than the whole per-page budget of the extraction target; this builder does the same page
/// in a small fraction of that (`memchr` to the next `<`, tags classified by a hashed table, no
/// allocation per node). libxml2 stays the parser behind `HTMLDocument` (XPath rules, DOM API).
///
/// Recovery follows the HTML rules portals rely on: void elements; raw text in script, style,
/// xmp, iframe, noembed, noframes, plaintext and escapable raw text in title, textarea; implied
/// end tags (a block start closes an open `p`, `li` closes `li`, `dt`/`dd` each other, `td`/`th`
/// and `tr` close the open cell/row, row groups close row groups, `option` closes `option`, `a`
/// closes an open `a`, a heading closes a heading); an end tag closes the elements opened inside
/// it unless one of them is a stronger container (libxml2's end-tag priorities: `</span>` does
/// not close an open `div`, `</div>` does not close a `td`); stray end tags are ignored, `</p>`
/// without an open `p` is an empty `p`, `</br>` a `br`; `</body>` and `</html>` are ignored so
/// content after them stays in the body; the head ends at the first element or text that cannot be
/// in a head. `<x/>` closes `x` (as libxml2 does). Character references are decoded in text and
/// attribute values (named ones need their `;`: libxml2's table of HTML 4 entities plus
/// `&apos;`); NUL bytes are dropped. Nesting depth is unbounded (arrays, no recursion).
struct HTMLTreeBuilder {
  var nodes: [HTMLTree.Node] = []
  var attributes: [HTMLTree.Attribute] = []
  var out: [UInt8] = []
  /// Open elements, innermost last (node indices); the document node is at the bottom.
  var open: [Int32] = [0]
  var openTags: [HTMLTag] = [.other]
  /// Per tag (raw value): how many elements of it are open (lets scope searches be skipped).
  var openCount = [Int32](repeating: 0, count: HTMLTag.allCases.count)
  var sawBody = false
  var sawHead = false

  /// How deep below the innermost element implied-end-tag and end-tag searches look: bounds the
  /// work per tag on hostile nesting (a million open elements) at no cost on real pages.
  static let searchDepth = 1024

  // The static tables, held here so the per-tag code does not go through lazy-global checks.
  let closesParagraphTable = HTMLTreeBuilder.closesParagraph
  let headContentTable = HTMLTreeBuilder.headContent
  let voidTable = HTMLTreeBuilder.void
  let buttonScopeTable = HTMLTreeBuilder.buttonScope

  init(capacity: Int) {
    nodes.reserveCapacity(capacity / 24 + 16)
    attributes.reserveCapacity(capacity / 48 + 16)
    out.reserveCapacity(capacity + 64)
    open.reserveCapacity(64)
    openTags.reserveCapacity(64)
    nodes.append(
      HTMLTree.Node(
        tag: .other, isText: false, parent: -1, end: 1, start: 0, length: 0, firstAttribute: 0,
        attributeCount: 0))
  }

  /// Closes every open element and hands the storage to a tree.
  mutating func finish(url: String?) -> HTMLTree {
    let end = Int32(nodes.count)
    for i in open { nodes[Int(i)].end = end }
    open = []
    return HTMLTree(url: url, nodes: nodes, attributes: attributes, bytes: out)
  }

  // MARK: - Tokenizer

  mutating func parse(_ src: UnsafeBufferPointer<UInt8>) {
    guard let p = src.baseAddress else { return }
    let n = src.count
    var i = 0
    var textStart = 0
    while i < n {
      // The next '<' (memchr: text runs are long; this is the hot loop).
      guard let lt = memchr(p + i, 0x3C, n - i) else { break }
      i = UnsafeRawPointer(lt).assumingMemoryBound(to: UInt8.self) - p
      guard i + 1 < n else { break }
      let next = p[i + 1]
      if Self.isLetter(next) {
        text(p, textStart, i)
        i = startTag(p, i + 1, n)
        textStart = i
      } else if next == 0x2F {  // '/'
        guard i + 2 < n else { break }
        let c = p[i + 2]
        text(p, textStart, i)
        if Self.isLetter(c) {
          i = endTag(p, i + 2, n)
        } else {
          // "</>" is dropped; "</3…" and the like are bogus comments up to '>'.
          i = Self.skipPast(0x3E, p, i + 2, n)
        }
        textStart = i
      } else if next == 0x21 {  // '!'
        text(p, textStart, i)
        i = declaration(p, i + 2, n)
        textStart = i
      } else if next == 0x3F {  // '?': processing instruction, a bogus comment in HTML
        text(p, textStart, i)
        i = Self.skipPast(0x3E, p, i + 2, n)
        textStart = i
      } else {
        i += 1  // a literal '<'
      }
    }
    text(p, textStart, n)
  }

  /// Index just past the first `byte` at or after `from`, or `n`.
  static func skipPast(_ byte: UInt8, _ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int) -> Int {
    guard from < n, let hit = memchr(p + from, Int32(byte), n - from) else { return n }
    return UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - p + 1
  }

  @inline(__always)
  static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

  @inline(__always)
  static func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C
  }

  /// `<!--…-->`, `<!DOCTYPE …>`, `<![CDATA[…]]>` and other `<!…>`: skipped.
  func declaration(_ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int) -> Int {
    if from + 1 < n, p[from] == 0x2D, p[from + 1] == 0x2D {
      var i = from + 2
      // "<!-->" and "<!--->" are empty comments.
      if i < n, p[i] == 0x3E { return i + 1 }
      if i + 1 < n, p[i] == 0x2D, p[i + 1] == 0x3E { return i + 2 }
      while i < n {
        i = Self.skipPast(0x3E, p, i, n)
        if i >= n { return n }
        if i >= from + 4, p[i - 2] == 0x2D, p[i - 3] == 0x2D { return i }
        if i >= from + 5, p[i - 2] == 0x21, p[i - 3] == 0x2D, p[i - 4] == 0x2D { return i }  // --!>
      }
      return n
    }
    return Self.skipPast(0x3E, p, from, n)
  }

  /// The end of the tag name starting at `from` (at a space, '/' or '>') and its tag.
  @inline(__always)
  static func tagName(_ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int) -> (end: Int, tag: HTMLTag)
  {
    var i = from
    var key: UInt64 = 0
    while i < n {
      let c = p[i]
      if isSpace(c) || c == 0x2F || c == 0x3E { break }
      if i - from < 8 { key |= UInt64(lower(c)) << UInt64((i - from) &* 8) }
      i += 1
    }
    return (i, HTMLTagTable.lookup(key: key, p + from, i - from))
  }

  /// Reads a start tag whose name starts at `from`; returns the index after it.
  mutating func startTag(_ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int) -> Int {
    let (nameEnd, tag) = Self.tagName(p, from, n)
    var i = nameEnd
    // Attributes.
    let firstAttribute = attributes.count
    let outMark = out.count
    var selfClosing = false
    var closed = false
    while i < n {
      var c = p[i]
      if Self.isSpace(c) {
        i += 1
        continue
      }
      if c == 0x3E {
        closed = true
        i += 1
        break
      }
      if c == 0x2F {
        if i + 1 < n, p[i + 1] == 0x3E {
          selfClosing = true
          closed = true
          i += 2
          break
        }
        i += 1
        continue
      }
      // Name: up to space, '/', '>' or '=' (a leading '=' belongs to the name).
      let nameStart = i
      i += 1
      while i < n {
        c = p[i]
        if Self.isSpace(c) || c == 0x2F || c == 0x3E || c == 0x3D { break }
        i += 1
      }
      let attrNameEnd = i
      while i < n, Self.isSpace(p[i]) { i += 1 }
      var valueStart = 0
      var valueEnd = 0
      if i < n, p[i] == 0x3D {
        i += 1
        while i < n, Self.isSpace(p[i]) { i += 1 }
        if i < n, p[i] == 0x22 || p[i] == 0x27 {
          let q = p[i]
          valueStart = i + 1
          guard let hit = memchr(p + valueStart, Int32(q), n - valueStart) else {
            i = n
            break
          }
          valueEnd = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - p
          i = valueEnd + 1
        } else {
          valueStart = i
          while i < n, !Self.isSpace(p[i]), p[i] != 0x3E { i += 1 }
          valueEnd = i
        }
      }
      addAttribute(
        p, name: nameStart, attrNameEnd, value: valueStart, valueEnd, firstOfElement: firstAttribute
      )
    }
    guard closed else {
      // End of input inside the tag: the tag is dropped.
      attributes.removeSubrange(firstAttribute...)
      out.removeSubrange(outMark...)
      return n
    }
    var nameStart: Int32 = 0
    var nameLength: Int32 = 0
    if tag == .other {
      nameStart = Int32(out.count)
      appendLowercased(p, from, nameEnd)
      nameLength = Int32(out.count) - nameStart
    }
    let element = insert(
      tag, nameStart: nameStart, nameLength: nameLength, firstAttribute: firstAttribute,
      selfClosing: selfClosing)
    guard element >= 0, !selfClosing else { return i }
    switch tag {
    case .script, .style, .xmp, .iframe, .noframes:
      return rawText(p, i, n, element: element, decode: false)
    case .title, .textarea:
      return rawText(p, i, n, element: element, decode: true)
    case .other where Self.nameIs(p + from, nameEnd - from, "plaintext"):
      return rawText(p, i, n, element: element, decode: false)
    case .other where Self.nameIs(p + from, nameEnd - from, "noembed"):
      return rawText(p, i, n, element: element, decode: false)
    default:
      return i
    }
  }

  @inline(__always)
  static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

  /// Appends the name `from..<to` to `out` in ASCII lower case, each NUL as U+FFFD (as HTML
  /// reads names); one bulk copy in the usual case of a lower-case name.
  mutating func appendLowercased(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int) {
    let start = out.count
    var upper = false
    for k in from..<to where p[k] <= 0x5A && (p[k] >= 0x41 || p[k] == 0) {
      if p[k] == 0 {
        for j in from..<to {
          if p[j] == 0 {
            out += [0xEF, 0xBF, 0xBD]
          } else {
            out.append(Self.lower(p[j]))
          }
        }
        return
      }
      upper = true
    }
    out.append(contentsOf: UnsafeBufferPointer(start: p + from, count: to - from))
    if upper {
      out.withUnsafeMutableBufferPointer { b in
        for k in start..<b.count { b[k] = Self.lower(b[k]) }
      }
    }
  }

  /// Whether the `count` bytes at `p` equal `name` (lower-case ASCII) ignoring ASCII case.
  static func nameIs(_ p: UnsafePointer<UInt8>, _ count: Int, _ name: StaticString) -> Bool {
    guard count == name.utf8CodeUnitCount else { return false }
    let s = name.utf8Start
    for k in 0..<count where lower(p[k]) != s[k] { return false }
    return true
  }

  mutating func addAttribute(
    _ p: UnsafePointer<UInt8>, name: Int, _ nameEnd: Int, value: Int, _ valueEnd: Int,
    firstOfElement: Int
  ) {
    let nameStart = out.count
    appendLowercased(p, name, nameEnd)
    let length = out.count - nameStart
    // A repeated attribute is ignored (the first one counts).
    if attributes.count > firstOfElement {
      for a in firstOfElement..<attributes.count where Int(attributes[a].nameLength) == length {
        let s = Int(attributes[a].nameStart)
        var same = true
        for k in 0..<length where out[s + k] != out[nameStart + k] {
          same = false
          break
        }
        if same {
          out.removeSubrange(nameStart...)
          return
        }
      }
    }
    let valueStart = out.count
    if valueEnd > value { decode(p, value, valueEnd, inAttribute: true) }
    attributes.append(
      HTMLTree.Attribute(
        nameStart: Int32(nameStart), nameLength: Int32(length), valueStart: Int32(valueStart),
        valueLength: Int32(out.count - valueStart)))
  }

  /// Reads an end tag whose name starts at `from`; returns the index after it.
  mutating func endTag(_ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int) -> Int {
    let (nameEnd, tag) = Self.tagName(p, from, n)
    let after = Self.skipPast(0x3E, p, nameEnd, n)
    switch tag {
    case .body, .html:
      return after
    case .br:
      _ = insert(
        .br, nameStart: 0, nameLength: 0, firstAttribute: attributes.count, selfClosing: true)
      return after
    case .p:
      if inScope(.p, boundaries: Self.buttonScope) == nil {
        _ = insert(
          .p, nameStart: 0, nameLength: 0, firstAttribute: attributes.count, selfClosing: true)
        return after
      }
    default: break
    }
    // The innermost open element of that name, unless a stronger container is open inside it.
    let priority = Self.endPriority(tag)
    var k = open.count - 1
    let floor = max(1, k - Self.searchDepth)
    while k >= floor {
      let t = openTags[k]
      if t == tag && (tag != .other || sameName(open[k], p + from, nameEnd - from)) {
        popTo(k)
        return after
      }
      if Self.endPriority(t) > priority { return after }
      k -= 1
    }
    return after
  }

  func sameName(_ node: Int32, _ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    let nd = nodes[Int(node)]
    var s = Int(nd.start)
    let end = s + Int(nd.length)
    for k in 0..<count {
      // The stored name is the source name as `appendLowercased` wrote it.
      if p[k] == 0 {
        guard s + 3 <= end, out[s] == 0xEF, out[s + 1] == 0xBF, out[s + 2] == 0xBD else {
          return false
        }
        s += 3
        continue
      }
      guard s < end, out[s] == Self.lower(p[k]) else { return false }
      s += 1
    }
    return s == end
  }

  /// libxml2's `htmlGetEndPriority`: an end tag does not close an open element of higher priority.
  @inline(__always)
  static func endPriority(_ tag: HTMLTag) -> Int {
    switch tag {
    case .div: return 150
    case .td, .th: return 160
    case .tr: return 170
    case .thead, .tbody, .tfoot: return 180
    case .table: return 190
    case .head, .body: return 200
    case .html: return 220
    default: return 100
    }
  }

  /// The content of a raw-text element up to its end tag (as one text node), then the end tag.
  mutating func rawText(
    _ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int, element: Int32, decode: Bool
  ) -> Int {
    let nd = nodes[Int(element)]
    let tagName: [UInt8] =
      nd.tag == .other
      ? Array(out[Int(nd.start)..<Int(nd.start + nd.length)]) : Array(nd.tag.name.utf8)
    var i = from
    var contentEnd = n
    var resume = n
    while i < n {
      guard let lt = memchr(p + i, 0x3C, n - i) else { break }
      let j = UnsafeRawPointer(lt).assumingMemoryBound(to: UInt8.self) - p
      if j + 2 + tagName.count <= n, p[j + 1] == 0x2F {
        var match = true
        for k in 0..<tagName.count where Self.lower(p[j + 2 + k]) != tagName[k] {
          match = false
          break
        }
        let after = j + 2 + tagName.count
        if match, after == n || Self.isSpace(p[after]) || p[after] == 0x3E || p[after] == 0x2F {
          contentEnd = j
          resume = Self.skipPast(0x3E, p, after, n)
          break
        }
      }
      i = j + 1
    }
    if contentEnd > from {
      let start = out.count
      if decode {
        self.decode(p, from, contentEnd)
      } else {
        appendDroppingNUL(p, from, contentEnd)
      }
      if out.count > start {
        nodes.append(
          HTMLTree.Node(
            tag: .other, isText: true, parent: element, end: Int32(nodes.count + 1),
            start: Int32(start), length: Int32(out.count - start), firstAttribute: 0,
            attributeCount: 0))
      }
    }
    if let k = open.lastIndex(of: element) { popTo(k) }
    return resume
  }

  // MARK: - Text and character references

  /// Adds the source text `from..<to` (references decoded) to the current element.
  mutating func text(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int) {
    guard to > from else { return }
    let start = out.count
    decode(p, from, to)
    let length = out.count - start
    if length == 0 { return }
    var blank = true
    for k in start..<out.count where !Self.isSpace(out[k]) {
      blank = false
      break
    }
    let top = openTags[openTags.count - 1]
    if blank && (top == .other && open.count == 1 || top == .html || top == .head) {
      out.removeSubrange(start...)
      return
    }
    if !blank, openCount[Int(HTMLTag.head.rawValue)] > 0, top != .title,
      let k = openTags.lastIndex(of: .head)
    {
      popTo(k)  // text cannot be in a head: the head has ended
    }
    // Extend the previous text node when nothing came between (a comment, say).
    if let last = nodes.last, last.isText, Int(last.start + last.length) == start,
      last.parent == open[open.count - 1]
    {
      nodes[nodes.count - 1].length += Int32(length)
      return
    }
    nodes.append(
      HTMLTree.Node(
        tag: .other, isText: true, parent: open[open.count - 1], end: Int32(nodes.count + 1),
        start: Int32(start), length: Int32(length), firstAttribute: 0, attributeCount: 0))
  }

  /// Appends `from..<to` to `out` with character references decoded and NULs dropped.
  mutating func decode(
    _ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int, inAttribute: Bool = false
  ) {
    var i = from
    while i < to {
      // Copy up to the next '&' (or NUL) in one go (memchr: text runs are long).
      var j = to
      if let amp = memchr(p + i, 0x26, to - i) {
        j = UnsafeRawPointer(amp).assumingMemoryBound(to: UInt8.self) - p
      }
      if let nul = memchr(p + i, 0, j - i) {
        j = UnsafeRawPointer(nul).assumingMemoryBound(to: UInt8.self) - p
      }
      if j > i { out.append(contentsOf: UnsafeBufferPointer(start: p + i, count: j - i)) }
      if j >= to { return }
      if p[j] == 0 {
        i = j + 1
        continue
      }
      i = reference(p, j, to, inAttribute: inAttribute)
    }
  }

  mutating func appendDroppingNUL(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int) {
    if memchr(p + from, 0, to - from) == nil {
      out.append(contentsOf: UnsafeBufferPointer(start: p + from, count: to - from))
      return
    }
    for k in from..<to where p[k] != 0 { out.append(p[k]) }
  }

  /// Decodes the reference at `amp` (an '&') into `out`; returns the index after it. Not a
  /// reference: the '&' is copied and scanning resumes after it.
  ///
  /// Named references need their ';', except the legacy ones HTML reads without it (`&nbsp`,
  /// `&copy`, `&amp`, the Latin-1 names: sloppy portals write `&nbsp&nbsp`, browsers show spaces);
  /// in an attribute value not when a '=' or a letter or digit follows (`?a=1&copy=2` is a URL).
  mutating func reference(
    _ p: UnsafePointer<UInt8>, _ amp: Int, _ to: Int, inAttribute: Bool = false
  ) -> Int {
    var i = amp + 1
    if i < to, p[i] == 0x23 {  // '#'
      i += 1
      var hex = false
      if i < to, p[i] | 0x20 == 0x78 {
        hex = true
        i += 1
      }
      var value: UInt32 = 0
      let digitsStart = i
      while i < to {
        let c = p[i]
        var d: UInt32
        if c >= 0x30 && c <= 0x39 {
          d = UInt32(c - 0x30)
        } else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 {
          d = UInt32((c | 0x20) - 0x61 + 10)
        } else {
          break
        }
        if !hex { d = d & 0xFF }
        value = min(value &* (hex ? 16 : 10) &+ d, 0x11_0000)
        i += 1
      }
      guard i > digitsStart else {
        out.append(0x26)
        return amp + 1
      }
      if i < to, p[i] == 0x3B { i += 1 }
      appendScalar(Self.numericReference(value))
      return i
    }
    // Named: letters and digits, then ';'.
    let nameStart = i
    while i < to, i - nameStart < 32, Self.isLetter(p[i]) || (p[i] >= 0x30 && p[i] <= 0x39) {
      i += 1
    }
    if i > nameStart, i < to, p[i] == 0x3B,
      let value = Self.namedReference(p + nameStart, i - nameStart)
    {
      appendScalar(value)
      return i + 1
    }
    // Without ';': the longest legacy name the run starts with.
    var length = min(i - nameStart, 6)
    while length >= 2 {
      if let value = Self.legacyReference(p + nameStart, length) {
        let after = nameStart + length
        let next: UInt8 = after < to ? p[after] : 0
        let blocked =
          inAttribute
          && (next == 0x3D || Self.isLetter(next) || (next >= 0x30 && next <= 0x39))
        if !blocked {
          appendScalar(value)
          // "&LT;": a legacy name libxml2's table lacks, with its ';'.
          return next == 0x3B ? after + 1 : after
        }
        break
      }
      length -= 1
    }
    out.append(0x26)
    return amp + 1
  }

  /// The scalar of a legacy reference, one HTML reads without its ';' (case-sensitive), or nil.
  static func legacyReference(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt32? {
    legacyEntities[packed(UnsafeBufferPointer(start: p, count: count))]
  }

  /// Up to eight bytes packed little-endian into an integer: the key of the entity tables.
  @inline(__always)
  static func packed<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
    var key: UInt64 = 0
    for (k, c) in bytes.enumerated() { key |= UInt64(c) << UInt64(k * 8) }
    return key
  }

  /// An entity table keyed by `packed` names (all of at most eight bytes).
  static func entityTable(_ entries: [(String, UInt32)]) -> [UInt64: UInt32] {
    var table: [UInt64: UInt32] = [:]
    for (name, value) in entries { table[packed(name.utf8)] = value }
    return table
  }

  /// HTML's named references that work without ';': amp, lt, gt, quot (also upper case), COPY,
  /// REG and the Latin-1 names (U+00A0–U+00FF), keyed like `commonEntities`.
  static let legacyEntities: [UInt64: UInt32] = {
    let latin1 = [
      "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
      "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
      "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
      "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave",
      "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve",
      "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml",
      "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig",
      "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth",
      "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave",
      "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ]
    var table: [(String, UInt32)] = latin1.enumerated().map {
      ($0.element, UInt32(0xA0 + $0.offset))
    }
    table += [
      ("amp", 0x26), ("lt", 0x3C), ("gt", 0x3E), ("quot", 0x22), ("AMP", 0x26), ("LT", 0x3C),
      ("GT", 0x3E), ("QUOT", 0x22), ("COPY", 0xA9), ("REG", 0xAE),
    ]
    return entityTable(table)
  }()

  /// The scalar a numeric reference stands for (HTML's rules: NUL, surrogates and values past
  /// U+10FFFF become U+FFFD; 0x80–0x9F are read as windows-1252).
  static func numericReference(_ v: UInt32) -> UInt32 {
    if v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { return 0xFFFD }
    if v >= 0x80 && v <= 0x9F { return windows1252[Int(v - 0x80)] }
    return v
  }

  static let windows1252: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
  ]

  /// The scalar of a named reference (case-sensitive), or nil when it names none.
  static func namedReference(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt32? {
    if count <= 8, let v = commonEntities[packed(UnsafeBufferPointer(start: p, count: count))] {
      return v
    }
    // libxml2's table (HTML 4's 253 entities), searched linearly: only for rare names.
    var name = [UInt8](repeating: 0, count: count + 1)
    for k in 0..<count { name[k] = p[k] }
    guard let entity = htmlEntityLookup(name) else { return nil }
    return UInt32(entity.pointee.value)
  }

  /// The references portal pages use most, looked up without libxml2's linear search.
  static let commonEntities: [UInt64: UInt32] = {
    let table: [(String, UInt32)] = [
      ("nbsp", 0xA0), ("amp", 0x26), ("lt", 0x3C), ("gt", 0x3E), ("quot", 0x22), ("apos", 0x27),
      ("middot", 0xB7), ("ldquo", 0x201C), ("rdquo", 0x201D), ("lsquo", 0x2018),
      ("rsquo", 0x2019), ("mdash", 0x2014), ("ndash", 0x2013), ("hellip", 0x2026),
      ("copy", 0xA9), ("reg", 0xAE), ("times", 0xD7), ("emsp", 0x2003), ("ensp", 0x2002),
      ("yen", 0xA5), ("bull", 0x2022), ("raquo", 0xBB), ("laquo", 0xAB), ("deg", 0xB0),
    ]
    return entityTable(table)
  }()

  mutating func appendScalar(_ v: UInt32) {
    if v < 0x80 {
      out.append(UInt8(v))
    } else if v < 0x800 {
      out.append(UInt8(0xC0 | (v >> 6)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    } else if v < 0x10000 {
      out.append(UInt8(0xE0 | (v >> 12)))
      out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    } else {
      out.append(UInt8(0xF0 | (v >> 18)))
      out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    }
  }

  // MARK: - Tree construction

  /// Pops the open elements from the innermost through the one at stack position `k`.
  mutating func popTo(_ k: Int) {
    let end = Int32(nodes.count)
    let floor = max(k, 1)
    while open.count > floor {
      let index = open.removeLast()
      let tag = openTags.removeLast()
      nodes[Int(index)].end = end
      openCount[Int(tag.rawValue)] -= 1
    }
  }

  /// The stack position of the innermost open `tag` above any of `boundaries`, or nil.
  func inScope(_ tag: HTMLTag, boundaries: [Bool]) -> Int? {
    if openCount[Int(tag.rawValue)] == 0 { return nil }
    var k = openTags.count - 1
    let floor = max(1, k - Self.searchDepth)
    while k >= floor {
      let t = openTags[k]
      if t == tag { return k }
      if boundaries[Int(t.rawValue)] { return nil }
      k -= 1
    }
    return nil
  }

  /// The stack position of the innermost open element of `tags`, or nil.
  func innermost(of tags: [Bool]) -> Int? {
    var k = openTags.count - 1
    let floor = max(1, k - Self.searchDepth)
    while k >= floor {
      if tags[Int(openTags[k].rawValue)] { return k }
      k -= 1
    }
    return nil
  }

  static func table(_ tags: Set<HTMLTag>) -> [Bool] { HTMLTag.allCases.map { tags.contains($0) } }
  static let buttonScope = table([.table, .td, .th, .caption, .button, .object, .html, .template])
  static let listScope = table([
    .ul, .ol, .menu, .dir, .table, .td, .th, .tr, .body, .html, .template,
  ])
  static let definitionScope = table([.dl, .table, .td, .th, .tr, .body, .html, .template])
  static let linkScope = table([.td, .th, .table, .caption, .body, .html, .template])
  static let cellOrRowBoundary = table([.td, .th, .tr, .table, .tbody, .thead, .tfoot])
  static let rowBoundary = table([.tr, .table, .tbody, .thead, .tfoot])
  static let rowGroupBoundary = table([.tbody, .thead, .tfoot, .table])
  /// Start tags that end an open `p`.
  static let closesParagraph: [Bool] = {
    let set: Set<HTMLTag> = [
      .address, .article, .aside, .blockquote, .center, .details, .dialog, .dir, .div, .dl,
      .fieldset, .figcaption, .figure, .footer, .form, .h1, .h2, .h3, .h4, .h5, .h6, .header,
      .hr, .main, .menu, .nav, .ol, .p, .pre, .section, .summary, .table, .ul, .li, .dd, .dt,
      .xmp,
    ]
    return HTMLTag.allCases.map { set.contains($0) }
  }()
  /// Elements that may stay in the head.
  static let headContent: [Bool] = {
    let set: Set<HTMLTag> = [
      .title, .meta, .link, .style, .script, .base, .noscript, .template, .object, .param,
    ]
    return HTMLTag.allCases.map { set.contains($0) }
  }()
  static let void: [Bool] = {
    let set: Set<HTMLTag> = [
      .area, .base, .br, .col, .embed, .hr, .img, .input, .link, .meta, .param, .source, .wbr,
      .frame,
    ]
    return HTMLTag.allCases.map { set.contains($0) }
  }()

  /// Adds an element with its implied end tags applied; returns its index, or -1 when the tag is
  /// ignored (a second `html`, `head` or `body`).
  mutating func insert(
    _ tag: HTMLTag, nameStart: Int32, nameLength: Int32, firstAttribute: Int,
    selfClosing: Bool
  ) -> Int32 {
    let raw = Int(tag.rawValue)
    switch tag {
    case .html:
      if open.count > 1 || nodes.count > 1 { return ignore(firstAttribute) }
    case .head:
      if sawHead || sawBody { return ignore(firstAttribute) }
      sawHead = true
    case .body:
      if sawBody { return ignore(firstAttribute) }
      sawBody = true
    default: break
    }
    if !headContentTable[raw], tag != .head, tag != .html,
      openCount[Int(HTMLTag.head.rawValue)] > 0, let k = openTags.lastIndex(of: .head)
    {
      popTo(k)
    }
    switch tag {
    case .li:
      if let k = inScope(.li, boundaries: Self.listScope) { popTo(k) }
    case .dd, .dt:
      if openCount[Int(HTMLTag.dd.rawValue)] + openCount[Int(HTMLTag.dt.rawValue)] > 0 {
        var k = openTags.count - 1
        let floor = max(1, k - Self.searchDepth)
        while k >= floor {
          let t = openTags[k]
          if t == .dd || t == .dt {
            popTo(k)
            break
          }
          if Self.definitionScope[Int(t.rawValue)] { break }
          k -= 1
        }
      }
    case .td, .th:
      if let k = innermost(of: Self.cellOrRowBoundary),
        openTags[k] == .td || openTags[k] == .th
      {
        popTo(k)
      }
    case .tr:
      if let k = innermost(of: Self.rowBoundary), openTags[k] == .tr {
        popTo(k)
      }
    case .tbody, .thead, .tfoot:
      if let k = innermost(of: Self.rowGroupBoundary), openTags[k] != .table {
        popTo(k)
      }
    case .option:
      if openTags[openTags.count - 1] == .option { popTo(openTags.count - 1) }
    case .optgroup:
      if openTags[openTags.count - 1] == .option { popTo(openTags.count - 1) }
      if openTags[openTags.count - 1] == .optgroup { popTo(openTags.count - 1) }
    case .a:
      if let k = inScope(.a, boundaries: Self.linkScope) { popTo(k) }
    case .h1, .h2, .h3, .h4, .h5, .h6:
      switch openTags[openTags.count - 1] {
      case .h1, .h2, .h3, .h4, .h5, .h6: popTo(openTags.count - 1)
      default: break
      }
    default: break
    }
    if closesParagraphTable[raw], let k = inScope(.p, boundaries: buttonScopeTable) { popTo(k) }
    let index = Int32(nodes.count)
    nodes.append(
      HTMLTree.Node(
        tag: tag, isText: false, parent: open[open.count - 1], end: index + 1, start: nameStart,
        length: nameLength, firstAttribute: Int32(firstAttribute),
        attributeCount: Int32(attributes.count - firstAttribute)))
    if !selfClosing && !voidTable[raw] {
      open.append(index)
      openTags.append(tag)
      openCount[raw] += 1
    }
    return index
  }

  /// Drops the attributes read for an ignored start tag.
  mutating func ignore(_ firstAttribute: Int) -> Int32 {
    attributes.removeSubrange(firstAttribute...)
    return -1
  }
}
