import HTML

/// A page's visible body text, cut into blocks at element boundaries, with the element tree
/// each block belongs to: the one representation every extraction step reads.
///
/// Built by one iterative walk over the DOM (an explicit stack, no recursion) that skips
/// non-content elements (script, style, noscript, iframes, form controls, embedded objects; a
/// `form` itself is walked, because ASP.NET portals wrap the whole page in one) and hidden ones
/// (`hidden`, inline or page-CSS `display:none`/`visibility:hidden`/`font-size:0`/`opacity:0`/
/// off-screen, text coloured like its background). Text is kept as UTF-8 bytes in one buffer
/// with whitespace collapsed; Strings are only made for the blocks a caller asks for.
struct PageText {
  /// A run of text between two block-level boundaries (p, div, td, br, …).
  struct Block {
    var start: Int32
    var end: Int32
    /// The innermost block-level element containing the text.
    var owner: Int32
    /// Non-space characters (Unicode scalars).
    var chars: Int32
    /// Of which inside links.
    var linkChars: Int32
    /// Commas, full stops, enumeration commas, quotes, semicolons… (prose markers).
    var punct: Int16
    /// Sentence ends: 。！？ and ASCII .!? followed by a space.
    var sentenceEnds: Int16
    /// 1–6 inside h1–h6, 7 inside an element whose class/id says "title", else 0.
    var heading: UInt8
    /// Set by the site model: this block is part of the host's template.
    var isTemplate = false

    var nonLinkChars: Int32 { chars - linkChars }
    var linkDensity: Double { chars > 0 ? Double(linkChars) / Double(chars) : 0 }
  }

  /// An element the walk entered (pre-order index = position in `elements`).
  struct Element {
    /// The element's index in the `HTMLTree`.
    var node: Int32
    var parent: Int32
    /// One past the index of the last descendant element.
    var end: Int32
    var tag: HTMLTag
    /// +1 when class/id suggest content ("content", "article", …), -1 when they suggest
    /// navigation/footer/sharing/related links, else 0.
    var hint: Int8
    /// The nearest ancestor-or-self with hint -1, or -1.
    var negativeAncestor: Int32
  }

  var bytes: [UInt8] = []
  var blocks: [Block] = []
  var elements: [Element] = []
  /// The `<title>` text, whitespace-collapsed.
  var title = ""
  /// `<meta>` name/property (lower case) → content, first occurrence.
  var metas: [String: String] = [:]

  /// The text of a block.
  func text(_ b: Block) -> String {
    bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[Int(b.start)..<Int(b.end)]), as: UTF8.self)
    }
  }

  /// Whether element `e` lies inside (or is) element `ancestor`.
  func isInside(_ e: Int32, _ ancestor: Int32) -> Bool {
    e >= ancestor && e < elements[Int(ancestor)].end
  }
}

extension PageText {
  /// Linearises `tree` (see the type's summary).
  init(_ tree: HTMLTree) {
    self.init()
    guard tree.count > 1 else { return }
    var css = ""
    // Pre-pass: title, metas, style sheets.
    var i = 1
    let nodes = tree.nodes
    while i < nodes.count {
      let node = nodes[i]
      if node.isText {
        i += 1
        continue
      }
      switch node.tag {
      case .title:
        if title.isEmpty { title = HTMLText.collapseWhitespace(tree.textContent(i)) }
        i = Int(node.end)
        continue
      case .meta:
        let key =
          tree.attribute(i, "name") ?? tree.attribute(i, "property")
          ?? tree.attribute(i, "itemprop")
        if let key, let content = tree.attribute(i, "content"), !content.isEmpty {
          let k = key.lowercased()
          if metas[k] == nil { metas[k] = content }
        }
      case .style:
        css += tree.textContent(i)
        css += "\n"
        i = Int(node.end)
        continue
      case .script, .noscript, .svg:
        i = Int(node.end)
        continue
      default: break
      }
      i += 1
    }
    let sheet = StyleSheet.cached(css: css)
    var walker = Walker(sheet: sheet)
    walker.walk(tree, body: tree.firstElement(.body) ?? 0, into: &self)
  }
}

/// The stateful DOM walk behind `PageText.init`.
private struct Walker {
  struct Frame {
    /// One past the tree index of the element's last descendant.
    var end: Int32
    var element: Int32
    var blockOwner: Int32
    var inLink: Bool
    var heading: UInt8
    var color: Int32
    var background: Int32
  }

  let sheet: StyleSheet
  var classCache: [UInt64: ElementAttributes.ClassFacts] = [:]
  var idCache: [UInt64: (hint: Int8, titleLike: Bool)] = [:]
  var styleCache: [UInt64: InlineStyle] = [:]
  var sheetCache: [UInt64: InlineStyle?] = [:]
  // The block being accumulated.
  var blockStart: Int32 = 0
  var chars: Int32 = 0
  var linkChars: Int32 = 0
  var punct: Int16 = 0
  var sentenceEnds: Int16 = 0
  var heading: UInt8 = 0
  var pendingSpace = false
  /// The page's text bytes while walking (moved into `PageText.bytes` at the end): written
  /// through a pointer, because per-byte `Array.append` dominated the walk's cost.
  var text: UnsafeMutablePointer<UInt8>
  var textCount = 0
  var textCapacity = 16 * 1024

  /// Per `HTMLTag` raw value: whether the sheet has rules for that tag name.
  let tagHasRules: [Bool]

  init(sheet: StyleSheet) {
    self.sheet = sheet
    tagHasRules =
      sheet.byTag.isEmpty
      ? Array(repeating: false, count: HTMLTag.allCases.count)
      : HTMLTag.allCases.map { sheet.byTag[$0.name] != nil }
    text = .allocate(capacity: textCapacity)
  }

  /// Makes room for `extra` more bytes of text.
  @inline(__always)
  mutating func reserveText(_ extra: Int) {
    if textCount + extra <= textCapacity { return }
    var capacity = textCapacity * 2
    while capacity < textCount + extra { capacity *= 2 }
    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    grown.update(from: text, count: textCount)
    text.deallocate()
    text = grown
    textCapacity = capacity
  }

  /// Walks the whole tree from the document node (element 0; content after `</html>` is still
  /// under it); `body` (a tree index) gives the page's background and text colour.
  mutating func walk(_ tree: HTMLTree, body start: Int, into page: inout PageText) {
    defer {
      page.bytes = Array(UnsafeBufferPointer(start: text, count: textCount))
      text.deallocate()
    }
    var rootStyle = InlineStyle()
    let attrs = ElementAttributes(tree, start)
    if let s = attrs.style { rootStyle = InlineStyle(tree.string(s)) }
    let rootClasses =
      attrs.classAttribute.map { ElementAttributes.ClassFacts(tree.string($0)).classes } ?? []
    let css =
      sheet.isEmpty
      ? nil : sheet.style(tag: "body", id: attrs.id.map(tree.string), classes: rootClasses)
    var bg = CSSColor.white
    if let b = attrs.bgcolor.map(tree.string).flatMap(CSSColor.parse) { bg = b }
    if let b = css?.background { bg = b }
    if let b = rootStyle.background { bg = b }
    var color = CSSColor.unknown
    if let c = attrs.text.map(tree.string).flatMap(CSSColor.parse) { color = c }
    if let c = css?.color { color = c }
    if let c = rootStyle.color { color = c }
    let nodes = tree.nodes
    page.elements.append(
      PageText.Element(
        node: Int32(start), parent: -1, end: 1, tag: nodes[start].tag, hint: 0,
        negativeAncestor: -1))
    var stack: [Frame] = [
      Frame(
        end: Int32(nodes.count), element: 0, blockOwner: 0, inLink: false, heading: 0,
        color: color, background: bg)
    ]
    stack.reserveCapacity(64)
    tree.bytes.withUnsafeBufferPointer { bytes in
      guard let base = bytes.baseAddress ?? UnsafePointer(text) else { return }
      var i = 1
      while i < nodes.count {
        // Leave the elements that end here.
        while let top = stack.last, i >= Int(top.end), stack.count > 1 {
          stack.removeLast()
          exit(top, tag: page.elements[Int(top.element)].tag, into: &page)
        }
        let node = nodes[i]
        guard let parent = stack.last else { break }
        if node.isText {
          append(
            base + Int(node.start), count: Int(node.length), inLink: parent.inLink,
            heading: parent.heading, into: &page)
          i += 1
          continue
        }
        let tag = node.tag
        if Walker.skipped[Int(tag.rawValue)] {
          i = Int(node.end)
          continue
        }
        if tag == .br || tag == .hr {
          flush(owner: parent.blockOwner, into: &page)
          i = Int(node.end)
          continue
        }
        guard let frame = enter(tree, i, tag: tag, parent: parent, into: &page) else {
          i = Int(node.end)
          continue
        }
        if node.end > Int32(i + 1) {
          stack.append(frame)
        } else {
          exit(frame, tag: tag, into: &page)
        }
        i += 1
      }
    }
    while let top = stack.popLast() {
      exit(top, tag: page.elements[Int(top.element)].tag, into: &page)
    }
  }

  /// The value `cache` holds for `key`, made by `make` (and kept) on first use.
  @inline(__always)
  static func cached<T>(_ cache: inout [UInt64: T], _ key: UInt64, _ make: () -> T) -> T {
    if let hit = cache[key] { return hit }
    let value = make()
    cache[key] = value
    return value
  }

  /// Creates the element record and frame for `node`, or nil when it is hidden.
  mutating func enter(
    _ tree: HTMLTree, _ node: Int, tag: HTMLTag, parent: Frame, into page: inout PageText
  ) -> Frame? {
    let attrs = ElementAttributes(tree, node)
    if attrs.hidden { return nil }
    // The caches are keyed by a 64-bit hash of the value's bytes (no String is made for values
    // seen before on the page: making them was a third of the walk). A collision between two
    // distinct values of one page is a ~1e-15 event.
    var classFacts: ElementAttributes.ClassFacts?
    var classKey: UInt64 = 0
    var idKey: UInt64 = 0
    if let c = attrs.classAttribute {
      classKey = tree.hash(c)
      let facts = Walker.cached(&classCache, classKey) {
        ElementAttributes.ClassFacts(tree.string(c))
      }
      if facts.hidden { return nil }
      classFacts = facts
    }
    var idFacts: (hint: Int8, titleLike: Bool)?
    if let idRange = attrs.id {
      idKey = tree.hash(idRange)
      idFacts = Walker.cached(&idCache, idKey) {
        let id = tree.string(idRange)
        return (
          hint: ElementAttributes.hint(id: id, classes: []),
          titleLike: ElementAttributes.isTitleLike(id)
        )
      }
    }
    var style: InlineStyle?
    if let s = attrs.style {
      style = Walker.cached(&styleCache, tree.hash(s)) { InlineStyle(tree.string(s)) }
    }
    let classes = classFacts?.classes ?? []
    var cssStyle: InlineStyle?
    // Without id or class only tag rules can apply: skip the lookups when the tag has none.
    let tagMayMatch = tag == .other ? !sheet.byTag.isEmpty : tagHasRules[Int(tag.rawValue)]
    if !sheet.isEmpty, attrs.id != nil || !classes.isEmpty || tagMayMatch {
      // Pages repeat the same tag/id/class combinations: the sheet is asked once per page for
      // each (hash-keyed like the attribute caches).
      var key = classKey &* 0x9E37_79B9_7F4A_7C15 ^ idKey &* 0xC2B2_AE3D_27D4_EB4F
      key ^= UInt64(tag.rawValue) &+ 0x1656_67B1_9E37_79F9
      if tag == .other {
        key ^= tree.hash((start: tree.nodes[node].start, length: tree.nodes[node].length))
      }
      cssStyle = Walker.cached(&sheetCache, key) {
        sheet.style(
          tag: tag == .other ? tree.name(node) : tag.name, id: attrs.id.map(tree.string),
          classes: classes)
      }
    }
    if style?.hidden == true { return nil }
    if cssStyle?.hidden == true, style?.hidden != false { return nil }
    var background = parent.background
    if let b = attrs.bgcolor.map(tree.string).flatMap(CSSColor.parse) { background = b }
    if let b = cssStyle?.background, b != CSSColor.transparent { background = b }
    if let b = style?.background, b != CSSColor.transparent { background = b }
    var color = parent.color
    var declaredColor: Int32?
    if tag == .font, let c = attrs.color.map(tree.string).flatMap(CSSColor.parse) {
      declaredColor = c
    }
    if let c = cssStyle?.color { declaredColor = c }
    if let c = style?.color { declaredColor = c }
    if let c = declaredColor {
      if c == CSSColor.transparent { return nil }
      color = c
      if background >= 0, c == background { return nil }
    }
    let idHint = idFacts?.hint ?? 0
    let classHint = classFacts?.hint ?? 0
    let tagHint: Int8 = idHint < 0 || classHint < 0 ? -1 : max(idHint, classHint)
    let titleLike = idFacts?.titleLike == true || classFacts?.titleLike == true
    let index = Int32(page.elements.count)
    let parentNeg = page.elements[Int(parent.element)].negativeAncestor
    page.elements.append(
      PageText.Element(
        node: Int32(node), parent: parent.element, end: index + 1, tag: tag, hint: tagHint,
        negativeAncestor: tagHint < 0 ? index : parentNeg))
    var h = parent.heading
    switch tag {
    case .h1: h = 1
    case .h2: h = 2
    case .h3: h = 3
    case .h4: h = 4
    case .h5: h = 5
    case .h6: h = 6
    default: if h == 0, titleLike { h = 7 }
    }
    let isBlock = tag.isBlock
    if isBlock { flush(owner: parent.blockOwner, into: &page) }
    return Frame(
      end: tree.nodes[node].end, element: index, blockOwner: isBlock ? index : parent.blockOwner,
      inLink: parent.inLink || tag == .a, heading: h, color: color, background: background)
  }

  mutating func exit(_ frame: Frame, tag: HTMLTag, into page: inout PageText) {
    if tag.isBlock || frame.element == 0 { flush(owner: frame.element, into: &page) }
    page.elements[Int(frame.element)].end = Int32(page.elements.count)
  }

  /// Ends the current block (if it has text) as a block owned by element `owner`.
  mutating func flush(owner: Int32, into page: inout PageText) {
    pendingSpace = false
    if chars > 0 {
      page.blocks.append(
        PageText.Block(
          start: blockStart, end: Int32(textCount), owner: owner, chars: chars,
          linkChars: linkChars, punct: punct, sentenceEnds: sentenceEnds, heading: heading))
    } else {
      textCount = Int(blockStart)
    }
    blockStart = Int32(textCount)
    chars = 0
    linkChars = 0
    punct = 0
    sentenceEnds = 0
    heading = 0
  }

  /// Appends a text node's UTF-8 content, collapsing whitespace and counting characters.
  mutating func append(
    _ p: UnsafePointer<UInt8>, count n: Int, inLink: Bool, heading h: UInt8,
    into page: inout PageText
  ) {
    // The output of one text node is at most a pending space plus its bytes.
    reserveText(n + 1)
    var i = 0
    let linkAdd: Int32 = inLink ? 1 : 0
    while i < n {
      let c = p[i]
      if c == 0 { return }
      if c < 0x80 {
        if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C {
          if chars > 0 { pendingSpace = true }
          i += 1
          continue
        }
        if c < 0x20 || c == 0x7F {
          i += 1
          continue
        }
        emitPending(into: &page)
        text[textCount] = c
        textCount += 1
        chars += 1
        linkChars += linkAdd
        switch c {
        case UInt8(ascii: ","), UInt8(ascii: ";"): punct += 1
        case UInt8(ascii: "!"), UInt8(ascii: "?"):
          punct += 1
          sentenceEnds += 1
        case UInt8(ascii: "."):
          let next: UInt8 = i + 1 < n ? p[i + 1] : 0
          if next == 0x20 || next == 0x0A || next == 0 {
            punct += 1
            sentenceEnds += 1
          }
        default: break
        }
        if h > heading { heading = h }
        i += 1
        continue
      }
      // A run of CJK ideographs (lead bytes E4–E9: U+4000–U+9FFF, no spaces or punctuation
      // among them), the bulk of a Chinese page: copied and counted in one tight loop.
      if c >= 0xE4 && c <= 0xE9 && i + 3 <= n {
        emitPending(into: &page)
        var j = i
        var count: Int32 = 0
        while j + 3 <= n {
          let b = p[j]
          if b < 0xE4 || b > 0xE9 { break }
          j += 3
          count += 1
        }
        (text + textCount).update(from: p + i, count: j - i)
        textCount += j - i
        chars += count
        linkChars += linkAdd * count
        if h > heading { heading = h }
        i = j
        continue
      }
      // Multi-byte sequence: find its length, guarding against a truncated tail.
      let length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
      if length == 1 || i + length > n { return }
      let c1 = p[i + 1]
      if length == 2 && c == 0xC2 && c1 == 0xA0 {  // NBSP
        if chars > 0 { pendingSpace = true }
        i += 2
        continue
      }
      if length == 3 {
        let c2 = p[i + 2]
        if c == 0xE3 && c1 == 0x80 && c2 == 0x80 {  // U+3000 ideographic space
          if chars > 0 { pendingSpace = true }
          i += 3
          continue
        }
        if c == 0xE2 && c1 == 0x80 {
          if c2 >= 0x80 && c2 <= 0x8A {  // U+2000–U+200A spaces
            if chars > 0 { pendingSpace = true }
            i += 3
            continue
          }
          if c2 >= 0x8B && c2 <= 0x8F {  // zero-width characters
            i += 3
            continue
          }
          if c2 == 0x9C || c2 == 0x9D { punct += 1 }  // “ ”
        } else if c == 0xEF && c1 == 0xBB && c2 == 0xBF {  // ZWNBSP / BOM
          i += 3
          continue
        } else if c == 0xE3 && c1 == 0x80 {
          if c2 == 0x82 {  // 。
            punct += 1
            sentenceEnds += 1
          } else if c2 == 0x81 {  // 、
            punct += 1
          }
        } else if c == 0xEF && c1 == 0xBC {
          switch c2 {
          case 0x8C, 0x9B: punct += 1  // ， ；
          case 0x81, 0x9F:  // ！ ？
            punct += 1
            sentenceEnds += 1
          default: break
          }
        }
      }
      emitPending(into: &page)
      for k in 0..<length { text[textCount + k] = p[i + k] }
      textCount += length
      chars += 1
      linkChars += linkAdd
      if h > heading { heading = h }
      i += length
    }
  }

  @inline(__always)
  mutating func emitPending(into page: inout PageText) {
    if pendingSpace {
      text[textCount] = 0x20
      textCount += 1
      pendingSpace = false
    }
  }

  /// Elements whose content is never visible text.
  static let skipped: [Bool] = {
    let set: Set<HTMLTag> = [
      .script, .style, .noscript, .template, .head, .title, .meta, .link, .iframe, .frame,
      .frameset, .noframes, .object, .embed, .param, .svg, .math, .canvas, .select, .option,
      .optgroup, .textarea, .button, .input, .audio, .video, .source, .dialog, .map, .area,
      .base,
    ]
    return HTMLTag.allCases.map { set.contains($0) }
  }()
}

/// The attributes of one element that the walk looks at, read in one pass over libxml2's list.
struct ElementAttributes {
  /// Where the values of id, class and style are in the tree's bytes (see `HTMLTree.string`).
  var id: HTMLTree.ByteRange?
  var classAttribute: HTMLTree.ByteRange?
  var style: HTMLTree.ByteRange?
  var hidden = false
  /// The values of color, bgcolor and text (in the tree's bytes).
  var color: HTMLTree.ByteRange?
  var bgcolor: HTMLTree.ByteRange?
  var text: HTMLTree.ByteRange?

  /// Reads element `node` of `tree`; an attribute with an empty value counts as absent (except
  /// `hidden`, which needs none).
  init(_ tree: HTMLTree, _ node: Int) {
    let n = tree.nodes[node]
    if n.attributeCount == 0 { return }
    tree.attributes.withUnsafeBufferPointer { attrs in
      tree.bytes.withUnsafeBufferPointer { b in
        for a in Int(n.firstAttribute)..<Int(n.firstAttribute + n.attributeCount) {
          let attr = attrs[a]
          let length = Int(attr.nameLength)
          // Names of up to 7 bytes packed little-endian: one integer compare per name.
          guard length >= 2 && length <= 7 else { continue }
          var key: UInt64 = 0
          let s = Int(attr.nameStart)
          for k in 0..<length { key |= UInt64(b[s + k]) << UInt64(k * 8) }
          let range: HTMLTree.ByteRange? =
            attr.valueLength == 0 ? nil : (start: attr.valueStart, length: attr.valueLength)
          switch key {
          case 0x73_7361_6c63:  // class
            if classAttribute == nil { classAttribute = range }
          case 0x6469:  // id
            if range != nil { id = range }
          case 0x65_6c79_7473:  // style
            if range != nil { style = range }
          case 0x6e65_6464_6968:  // hidden
            hidden = true
          case 0x72_6f6c_6f63:  // color
            color = range
          case 0x72_6f6c_6f63_6762:  // bgcolor
            bgcolor = range
          case 0x7478_6574:  // text
            text = range
          default: break
          }
        }
      }
    }
  }

  /// What a class attribute value means to the walk (cached per distinct value).
  struct ClassFacts {
    var classes: [Substring]
    var hidden: Bool
    var hint: Int8
    var titleLike: Bool

    init(_ value: String) {
      classes =
        ClassFacts.splitASCII(value)
        ?? value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
      hidden = classes.contains(where: { ElementAttributes.hiddenClasses.contains($0) })
      hint = ElementAttributes.hint(id: nil, classes: classes)
      titleLike = classes.contains(where: { ElementAttributes.isTitleLike($0) })
    }

    /// The split of an all-ASCII value on bytes (nil for other values), equal to the Character
    /// split: space, tab and a lone CR or LF separate, but a CR LF pair is one Character that is
    /// neither "\r" nor "\n", so it stays inside its word.
    static func splitASCII(_ value: String) -> [Substring]? {
      var ranges: [(Int, Int)] = []
      var copy = value
      let ascii = copy.withUTF8 { b -> Bool in
        var start = -1
        var i = 0
        while i < b.count {
          let c = b[i]
          if c >= 0x80 { return false }
          var separator = c == 0x20 || c == 0x09 || c == 0x0A
          var width = 1
          if c == 0x0D {
            if i + 1 < b.count, b[i + 1] == 0x0A {
              width = 2
            } else {
              separator = true
            }
          }
          if separator {
            if start >= 0 { ranges.append((start, i)) }
            start = -1
          } else if start < 0 {
            start = i
          }
          i += width
        }
        if start >= 0 { ranges.append((start, b.count)) }
        return true
      }
      guard ascii else { return nil }
      let utf8 = value.utf8
      return ranges.map { r in
        let lo = utf8.index(utf8.startIndex, offsetBy: r.0)
        let hi = utf8.index(utf8.startIndex, offsetBy: r.1)
        return value[lo..<hi]
      }
    }
  }

  static func isTitleLike<S: StringProtocol>(_ s: S) -> Bool {
    let l = s.lowercased()
    return utf8Contains(l, "title") || utf8Contains(l, "headline") || utf8Contains(l, "biaoti")
      || l == "bt" || l.hasPrefix("h1")
  }

  /// +1 / -1 / 0 from class and id words (see `PageText.Element.hint`).
  static func hint(id: String?, classes: [Substring]) -> Int8 {
    if id == nil && classes.isEmpty { return 0 }
    var score: Int8 = 0
    var negative = false
    func scan<S: StringProtocol>(_ s: S) {
      // ASCII-lowercased words split at anything not a letter or digit.
      var word: [UInt8] = []
      func check() {
        guard !word.isEmpty else { return }
        if ElementAttributes.matches(word, negativeWordBytes, prefixFrom: 4) {
          negative = true
        } else if ElementAttributes.matches(word, positiveWordBytes, prefixFrom: 5) {
          score = 1
        }
        word.removeAll(keepingCapacity: true)
      }
      for c in s.utf8 {
        if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) {
          word.append(c)
        } else if c >= 0x41 && c <= 0x5A {
          word.append(c + 32)
        } else {
          check()
        }
      }
      check()
    }
    if let id { scan(id) }
    for c in classes { scan(c) }
    return negative ? -1 : score
  }

  /// Whether `word` equals one of `list`, or starts with one at least `prefixFrom` long.
  static func matches(_ word: [UInt8], _ list: [[UInt8]], prefixFrom: Int) -> Bool {
    for w in list {
      if word.count == w.count {
        if word == w { return true }
      } else if w.count >= prefixFrom, word.count > w.count, word.starts(with: w) {
        return true
      }
    }
    return false
  }

  static let negativeWordBytes: [[UInt8]] = negativeWords.map { Array($0.utf8) }
  static let positiveWordBytes: [[UInt8]] = positiveWords.map { Array($0.utf8) }

  /// Class names that hide an element in common CSS frameworks and site style sheets.
  static let hiddenClasses: Set<Substring> = [
    "hide", "hidden", "d-none", "display-none", "displaynone", "is-hidden", "invisible",
    "visually-hidden", "sr-only", "none",
  ]

  static let negativeWords: [Substring] = [
    "nav", "navbar", "menu", "footer", "foot", "sidebar", "side", "breadcrumb", "crumb",
    "crumbs", "share", "sharebar", "related", "relate", "recommend", "comment", "comments",
    "copyright", "advert", "ad", "ads", "toolbar", "tool", "tools", "pagination", "pager",
    "header", "topbar", "login", "search", "hot", "rank", "links", "friendlink",
  ]
  static let positiveWords: [Substring] = [
    "content", "article", "text", "main", "detail", "body", "zoom", "artibody", "post",
    "entry", "story", "con", "news", "zw", "zhengwen",
  ]
}
