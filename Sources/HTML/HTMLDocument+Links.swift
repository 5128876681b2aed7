import CLibXML2

extension HTMLDocument {
  /// The document's outlinks, absolute, in document order, each (URL, kind) once.
  ///
  /// Collects `a`/`area` href, `frame`/`iframe` src, `img` src (kind `.image`, so the crawl can
  /// archive pictures an article shows), `<meta http-equiv=refresh content="N; url=…">`, and
  /// the embedded references `Link.Kind` lists (srcset, stylesheets, icons, scripts, media,
  /// `background`, CSS `url()` in style attributes and blocks).
  /// References are resolved against the first `<base href>` (itself resolved against the
  /// document URL) or else the document URL; without either only absolute references are kept.
  /// Skipped: empty references, fragment-only ones (`#top`), and the schemes `javascript:`,
  /// `mailto:`, `data:`, `tel:` (also `vbscript:`, `about:`, `sms:`). Iterative walk.
  public func links() -> [Link] {
    guard let root else { return [] }
    // One walk collects the references and the first <base>; they are resolved afterwards (the
    // base applies to every reference wherever it stands). Link texts are made only for links
    // that are kept.
    var found: [(raw: String, kind: Link.Kind)] = []
    var nodeOf: [HTMLNode] = []
    found.reserveCapacity(256)
    var baseElement: HTMLNode?
    var n: HTMLNode? = root
    while let node = n {
      defer { n = node.next(within: root) }
      guard node.isElement else { continue }
      let before = found.count
      switch node.tag {
      case .base:
        if baseElement == nil { baseElement = node }
      case .style:
        let css = node.textContent
        if css.utf8.contains(UInt8(ascii: "(")) || css.utf8.contains(UInt8(ascii: "@")) {
          ElementReferences.style(css, into: &found)
        }
      default:
        Self.references(of: node, into: &found)
      }
      for _ in before..<found.count { nodeOf.append(node) }
    }
    return HTMLDocument.resolve(
      found, baseHref: baseElement?.attribute("href"), url: url,
      text: { k in
        let node = nodeOf[k]
        switch found[k].kind {
        case .anchor: return HTMLText.collapseWhitespace(node.textContent)
        case .area, .image: return node.attribute("alt") ?? ""
        default: return ""
        }
      },
      declaredType: { k in
        let kind = found[k].kind
        guard kind == .anchor || kind == .area else { return nil }
        return ElementReferences.declaredType(nodeOf[k].attribute("type"))
      })
  }

  /// The references of one element, in the order `HTMLTree.links` uses.
  private static func references(
    of node: HTMLNode, into found: inout [(raw: String, kind: Link.Kind)]
  ) {
    switch node.tag {
    case .a:
      if let h = node.attributePointer("href") { found.append((String(cString: h), .anchor)) }
    case .area:
      if let h = node.attributePointer("href") { found.append((String(cString: h), .area)) }
    case .frame:
      if let s = node.attributePointer("src") { found.append((String(cString: s), .frame)) }
    case .iframe:
      if let s = node.attributePointer("src") { found.append((String(cString: s), .iframe)) }
    case .img:
      if let s = node.attributePointer("src") { found.append((String(cString: s), .image)) }
    case .meta:
      if let equiv = node.attribute("http-equiv"), equiv.lowercased() == "refresh",
        let content = node.attribute("content"),
        let target = HTMLDocument.refreshTarget(content)
      {
        found.append((target, .refresh))
      }
    default: break
    }
    if ElementReferences.mayEmbed(node.tag) {
      ElementReferences.embedded(
        tag: node.tag, attribute: { name in node.attribute("\(name)") }, into: &found)
    }
    if let style = node.attributePointer("style") {
      let css = String(cString: style)
      var copy = css
      if copy.withUTF8({ CSSURLScanner.mayContainReferences($0) }) {
        ElementReferences.style(css, into: &found)
      }
    }
  }

  /// Resolves collected references (in document order) against the first `<base href>` or the
  /// document URL, dropping unfetchable and repeated ones; `text(k)` gives reference k's link
  /// text and `declaredType(k)` its declared Content-Type, asked only for links that are kept.
  /// Shared by `HTMLDocument` and `HTMLTree`.
  static func resolve(
    _ found: [(raw: String, kind: Link.Kind)], baseHref: String?, url: String?,
    text: (Int) -> String, declaredType: (Int) -> String? = { _ in nil }
  ) -> [Link] {
    var base: String? = url
    if let href = baseHref, let ref = HTMLDocument.cleanReference(href) {
      if let u = url {
        base = URLCanonicalizer.resolve(ref, against: u) ?? base
      } else if HTMLDocument.hasScheme(ref) {
        base = ref
      }
    }
    // Parsed once per page: resolving then only parses the reference.
    let parsedBase = base.flatMap { URLCanonicalizer.BaseURL($0) }
    var out: [Link] = []
    var seen = Set<String>()
    // Pages repeat the same references (navigation, boxes): resolve each distinct one once.
    var resolved: [String: String?] = [:]
    resolved.reserveCapacity(found.count)
    seen.reserveCapacity(found.count)
    for (k, (raw, kind)) in found.enumerated() {
      let absolute: String?
      if parsedBase == nil {
        // Nothing to resolve against: only absolute references count (no cache needed).
        absolute =
          base == nil ? HTMLDocument.cleanReference(raw).flatMap { hasScheme($0) ? $0 : nil } : nil
      } else if let cached = resolved[raw] {
        absolute = cached
      } else {
        var result: String?
        if let ref = HTMLDocument.cleanReference(raw) {
          if let parsedBase {
            result = URLCanonicalizer.resolve(ref, against: parsedBase)
          } else if base != nil {
            result = nil  // a base that is not absolute resolves nothing
          } else {
            result = HTMLDocument.hasScheme(ref) ? ref : nil
          }
        }
        resolved[raw] = result
        absolute = result
      }
      guard let absolute, seen.insert(kind.rawValue + " " + absolute).inserted else { continue }
      out.append(Link(url: absolute, kind: kind, text: text(k), declaredType: declaredType(k)))
    }
    return out
  }

  /// The URL of a meta refresh `content` ("5; url='x.htm'"), or nil when it names none.
  static func refreshTarget(_ content: String) -> String? {
    guard let semi = content.firstIndex(where: { $0 == ";" || $0 == "," }) else { return nil }
    var rest = content[content.index(after: semi)...].drop(while: { $0 == " " || $0 == "\t" })
    if rest.lowercased().hasPrefix("url") {
      rest = rest.dropFirst(3).drop(while: { $0 == " " || $0 == "\t" })
      guard rest.first == "=" else { return nil }
      rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
    }
    if let q = rest.first, q == "'" || q == "\"" {
      rest = rest.dropFirst()
      if let end = rest.firstIndex(of: q) { rest = rest[..<end] }
    }
    let target = String(rest).trimmingSpaces()
    return target.isEmpty ? nil : target
  }

  /// A reference with surrounding whitespace and embedded tabs/newlines removed, or nil when it
  /// is empty, fragment-only or uses a scheme that is not a fetchable link.
  static func cleanReference(_ raw: String) -> String? {
    if let fast = asciiCleanReference(raw) { return fast.ok ? raw : nil }
    var ref = raw.trimmingSpaces()
    if ref.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
      ref.removeAll(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" })
    }
    if ref.isEmpty || ref.hasPrefix("#") { return nil }
    let lower = ref.prefix(12).lowercased()
    for scheme in ["javascript:", "mailto:", "data:", "tel:", "vbscript:", "about:", "sms:"]
    where lower.hasPrefix(scheme) {
      return nil
    }
    return ref
  }

  /// `cleanReference` decided on the bytes of a printable-ASCII reference without surrounding
  /// spaces (nearly every href): `ok` when `raw` itself is the clean reference; nil when the
  /// general (Unicode) path must decide.
  static func asciiCleanReference(_ raw: String) -> (ok: Bool, Void)? {
    var raw = raw
    return raw.withUTF8 { b -> (ok: Bool, Void)? in
      guard let first = b.first, let last = b.last, first > 0x20, last > 0x20 else { return nil }
      for c in b where c <= 0x20 || c >= 0x7F {
        if c == 0x20 { continue }  // inner spaces are kept by the general path too
        return nil
      }
      if first == UInt8(ascii: "#") { return (false, ()) }
      for scheme in skippedSchemes where b.count >= scheme.count {
        var match = true
        for k in 0..<scheme.count {
          var c = b[k]
          if c >= 0x41 && c <= 0x5A { c += 32 }
          if c != scheme[k] {
            match = false
            break
          }
        }
        if match { return (false, ()) }
      }
      return (true, ())
    }
  }

  static let skippedSchemes: [[UInt8]] = [
    "javascript:", "mailto:", "data:", "tel:", "vbscript:", "about:", "sms:",
  ].map { Array($0.utf8) }

  /// Whether `ref` starts with "scheme:" (an absolute reference).
  static func hasScheme(_ ref: String) -> Bool {
    var copy = ref
    let ascii: Bool? = copy.withUTF8 { b -> Bool? in
      // Printable ASCII: Characters are bytes, decide on them.
      guard let colon = b.firstIndex(of: UInt8(ascii: ":")) else {
        return b.allSatisfy { $0 < 0x80 } ? false : nil
      }
      for c in b[..<colon] where c >= 0x80 { return nil }
      // A ':' followed by a combining mark is not the Character ':'.
      if colon + 1 < b.count, b[colon + 1] >= 0x80 { return nil }
      guard colon > 0 else { return false }
      let first = b[0]
      let firstOK =
        (first >= 0x30 && first <= 0x39) || (first >= 0x41 && first <= 0x46)
        || (first >= 0x61 && first <= 0x66) || (first >= 0x41 && first <= 0x7A)
      guard firstOK else { return false }
      for c in b[..<colon] {
        let ok =
          (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
          || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
        if !ok { return false }
      }
      return true
    }
    if let ascii { return ascii }
    return hasSchemeGeneral(ref)
  }

  static func hasSchemeGeneral(_ ref: String) -> Bool {
    guard let colon = ref.firstIndex(of: ":"), colon != ref.startIndex else { return false }
    let scheme = ref[..<colon]
    guard let first = scheme.unicodeScalars.first,
      first.properties.isASCIIHexDigit || (first.value >= 0x41 && first.value <= 0x7A)
    else { return false }
    return scheme.unicodeScalars.allSatisfy {
      ($0.value >= 0x61 && $0.value <= 0x7A) || ($0.value >= 0x41 && $0.value <= 0x5A)
        || ($0.value >= 0x30 && $0.value <= 0x39) || $0 == "+" || $0 == "-" || $0 == "."
    }
  }
}

extension String {
  /// The string without leading and trailing whitespace (`HTMLText.isSpace`: HTML and Unicode
  /// spaces). Shared by the link extractor and the article extractor.
  public func trimmingSpaces() -> String {
    let scalars = unicodeScalars
    guard let start = scalars.firstIndex(where: { !HTMLText.isSpace($0) }),
      let end = scalars.lastIndex(where: { !HTMLText.isSpace($0) })
    else { return "" }
    return String(scalars[start...end])
  }
}
