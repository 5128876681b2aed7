import CLibXML2

/// The HTML element names the extractor and link finder distinguish; everything else is `.other`.
///
/// Looking a tag up packs the (lower-case, as libxml2's HTML parser writes it) name into an
/// integer and reads a table, so classifying an element costs no String allocation.
public enum HTMLTag: UInt8, Sendable, CaseIterable {
  case other
  case a, abbr, address, area, article, aside, audio, b, base, big, blockquote, body, br, button
  case canvas, caption, center, cite, code, col, colgroup, dd, del, details, dfn, dialog, dir
  case div, dl, dt, em, embed, fieldset, figcaption, figure, font, footer, form, frame, frameset
  case h1, h2, h3, h4, h5, h6, head, header, hr, html, i, iframe, img, input, ins, kbd, label
  case legend, li, link, main, map, mark, menu, meta, nav, noframes, noscript, object, ol
  case optgroup, option, p, param, pre, q, s, samp, script, section, select, small, source, span
  case strike, strong, style, sub, summary, sup, svg, table, tbody, td, template, textarea, tfoot
  case th, thead, time, title, tr, tt, u, ul, `var`, video, wbr, xmp, math

  /// The tag of an element named by a NUL-terminated lower-case C string.
  @inlinable
  public static func lookup(_ name: UnsafePointer<xmlChar>?) -> HTMLTag {
    guard let name else { return .other }
    var key: UInt64 = 0
    var i = 0
    while i < 8 {
      let c = name[i]
      if c == 0 { return HTMLTagTable.short[key] ?? .other }
      key |= UInt64(c) << UInt64(i &* 8)
      i &+= 1
    }
    // Names longer than 8 bytes: only two are interesting.
    if name[8] == 0 { return HTMLTagTable.short[key] ?? .other }
    if xmlStrEqual(name, HTMLTagTable.blockquote) != 0 {
      return .blockquote
    }
    if xmlStrEqual(name, HTMLTagTable.figcaption) != 0 {
      return .figcaption
    }
    return .other
  }

  /// The element's name as HTML spells it ("" for `.other`).
  public var name: String { HTMLTagTable.names[Int(rawValue)] }

  /// Whether the element starts a new line of text (a paragraph boundary) when rendered.
  @inlinable
  public var isBlock: Bool { HTMLTagTable.block[Int(rawValue)] }
}

/// Lookup tables for `HTMLTag`, built once.
@usableFromInline
enum HTMLTagTable {
  @usableFromInline nonisolated(unsafe) static let blockquote = cString("blockquote")
  @usableFromInline nonisolated(unsafe) static let figcaption = cString("figcaption")

  static func cString(_ s: String) -> UnsafePointer<xmlChar> {
    let bytes = Array(s.utf8) + [0]
    let p = UnsafeMutablePointer<xmlChar>.allocate(capacity: bytes.count)
    p.initialize(from: bytes, count: bytes.count)
    return UnsafePointer(p)
  }

  /// Names by raw value (reflection is only used once, here).
  static let names: [String] = HTMLTag.allCases.map { tag in
    switch tag {
    case .other: return ""
    case .var: return "var"
    default: return String(describing: tag)
    }
  }

  @usableFromInline
  static let short: [UInt64: HTMLTag] = {
    var table: [UInt64: HTMLTag] = [:]
    for tag in HTMLTag.allCases where tag != .other {
      guard tag.name.utf8.count <= 8 else { continue }
      table[HTMLTreeBuilder.packed(tag.name.utf8)] = tag
    }
    return table
  }()

  /// The tag of a name given as bytes (any ASCII case): `key` packs its first eight bytes,
  /// lower-cased, little-endian (what `HTMLTreeBuilder` computes while scanning the name).
  ///
  /// An open-addressing table with a multiplicative hash: measured faster than a Dictionary
  /// lookup, which hashes with SipHash, for the thousands of tags of a page.
  static func lookup(key: UInt64, _ name: UnsafePointer<UInt8>, _ count: Int) -> HTMLTag {
    if count > 8 {
      guard count == 10 else { return .other }
      if HTMLTreeBuilder.nameIs(name, count, "blockquote") { return .blockquote }
      if HTMLTreeBuilder.nameIs(name, count, "figcaption") { return .figcaption }
      return .other
    }
    if count == 0 { return .other }
    var h = slot(key)
    while true {
      let k = hashKeys[h]
      if k == key { return hashTags[h] }
      if k == 0 { return .other }
      h = (h + 1) & 255
    }
  }

  @inline(__always)
  static func slot(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56)
  }

  static let hashed: (keys: [UInt64], tags: [HTMLTag]) = {
    var keys = [UInt64](repeating: 0, count: 256)
    var tags = [HTMLTag](repeating: .other, count: 256)
    for (key, tag) in short {
      var h = slot(key)
      while keys[h] != 0 { h = (h + 1) & 255 }
      keys[h] = key
      tags[h] = tag
    }
    return (keys, tags)
  }()
  static let hashKeys = hashed.keys
  static let hashTags = hashed.tags

  @usableFromInline
  static let block: [Bool] = {
    let blocks: Set<HTMLTag> = [
      .address, .article, .aside, .blockquote, .body, .br, .caption, .center, .dd, .details,
      .dialog, .dir, .div, .dl, .dt, .fieldset, .figcaption, .figure, .footer, .form, .frameset,
      .h1, .h2, .h3, .h4, .h5, .h6, .header, .hr, .html, .legend, .li, .main, .menu, .nav, .ol,
      .p, .pre, .section, .summary, .table, .tbody, .td, .tfoot, .th, .thead, .tr, .ul, .xmp,
      .iframe, .video, .audio, .select, .textarea, .title,
    ]
    return HTMLTag.allCases.map { blocks.contains($0) }
  }()
}
