extension HTMLTree {
  /// The page's outlinks, absolute, in document order, each (URL, kind) once: the same rules as
  /// `HTMLDocument.links()` (a/area href, frame/iframe/img src, meta refresh; `<base href>`;
  /// javascript:, mailto:, data: and the like skipped).
  ///
  /// - Parameter texts: fill `Link.text` (anchor text, alt text); false leaves it "" and saves
  ///   the work when only the URLs are wanted (the crawl, link counts).
  public func links(texts: Bool = true) -> [Link] {
    var found: [(raw: String, kind: Link.Kind)] = []
    var nodeOf: [Int] = []
    found.reserveCapacity(256)
    nodeOf.reserveCapacity(256)
    var baseHref: String?
    var sawBase = false
    for i in 1..<max(count, 1) {
      let n = nodes[i]
      if n.isText || n.attributeCount == 0 { continue }
      var reference: (String, Link.Kind)?
      switch n.tag {
      case .a: reference = attribute(i, "href").map { ($0, .anchor) }
      case .area: reference = attribute(i, "href").map { ($0, .area) }
      case .frame: reference = attribute(i, "src").map { ($0, .frame) }
      case .iframe: reference = attribute(i, "src").map { ($0, .iframe) }
      case .img: reference = attribute(i, "src").map { ($0, .image) }
      case .meta:
        if let equiv = attribute(i, "http-equiv"), equiv.lowercased() == "refresh",
          let content = attribute(i, "content"),
          let target = HTMLDocument.refreshTarget(content)
        {
          reference = (target, .refresh)
        }
      case .base:
        if !sawBase {
          sawBase = true
          baseHref = attribute(i, "href")
        }
      default: break
      }
      if let (raw, kind) = reference {
        found.append((raw, kind))
        nodeOf.append(i)
      }
    }
    return HTMLDocument.resolve(found, baseHref: baseHref, url: url) { k in
      guard texts else { return "" }
      let i = nodeOf[k]
      switch found[k].kind {
      case .anchor: return HTMLText.collapseWhitespace(textContent(i))
      case .area, .image: return attribute(i, "alt") ?? ""
      case .frame, .iframe, .refresh: return ""
      }
    }
  }
}
