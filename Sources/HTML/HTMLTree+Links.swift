extension HTMLTree {
  /// The page's outlinks, absolute, in document order, each (URL, kind) once: the same rules as
  /// `HTMLDocument.links()` (a/area href, frame/iframe/img src, meta refresh, the embedded
  /// references of `Link.Kind`; `<base href>`; javascript:, mailto:, data: and the like
  /// skipped).
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
      if n.isText { continue }
      let before = found.count
      if n.tag == .style {
        styleBlock(i, into: &found)
      } else if n.attributeCount > 0 {
        if n.tag == .base {
          if !sawBase {
            sawBase = true
            baseHref = attribute(i, "href")
          }
        } else {
          references(i, n.tag, into: &found)
        }
      }
      for _ in before..<found.count { nodeOf.append(i) }
    }
    return HTMLDocument.resolve(
      found, baseHref: baseHref, url: url,
      text: { k in
        guard texts else { return "" }
        let i = nodeOf[k]
        switch found[k].kind {
        case .anchor: return HTMLText.collapseWhitespace(textContent(i))
        case .area, .image: return attribute(i, "alt") ?? ""
        default: return ""
        }
      },
      declaredType: { k in
        let kind = found[k].kind
        guard kind == .anchor || kind == .area else { return nil }
        return ElementReferences.declaredType(attribute(nodeOf[k], "type"))
      })
  }

  /// The references of element `i` (which has attributes), in the order both walkers use.
  private func references(_ i: Int, _ tag: HTMLTag, into found: inout [(raw: String, kind: Link.Kind)]) {
    switch tag {
    case .a: if let h = attribute(i, "href") { found.append((h, .anchor)) }
    case .area: if let h = attribute(i, "href") { found.append((h, .area)) }
    case .frame: if let s = attribute(i, "src") { found.append((s, .frame)) }
    case .iframe: if let s = attribute(i, "src") { found.append((s, .iframe)) }
    case .img: if let s = attribute(i, "src") { found.append((s, .image)) }
    case .meta:
      if let equiv = attribute(i, "http-equiv"), equiv.lowercased() == "refresh",
        let content = attribute(i, "content"),
        let target = HTMLDocument.refreshTarget(content)
      {
        found.append((target, .refresh))
      }
    default: break
    }
    if ElementReferences.mayEmbed(tag) {
      ElementReferences.embedded(tag: tag, attribute: { attribute(i, $0) }, into: &found)
    }
    guard let a = attributeIndex(i, "style") else { return }
    let attr = attributes[a]
    let hit = bytes.withUnsafeBufferPointer { b in
      CSSURLScanner.mayContainReferences(
        UnsafeBufferPointer(
          rebasing: b[Int(attr.valueStart)..<Int(attr.valueStart + attr.valueLength)]))
    }
    if hit { ElementReferences.style(string(attr.valueStart, attr.valueLength), into: &found) }
  }

  /// The references of a `style` block's CSS (its raw text child).
  private func styleBlock(_ i: Int, into found: inout [(raw: String, kind: Link.Kind)]) {
    let end = Int(nodes[i].end)
    var hit = false
    bytes.withUnsafeBufferPointer { b in
      for k in (i + 1)..<max(end, i + 1) where nodes[k].isText {
        let t = nodes[k]
        if CSSURLScanner.mayContainReferences(
          UnsafeBufferPointer(rebasing: b[Int(t.start)..<Int(t.start + t.length)]))
        {
          hit = true
        }
      }
    }
    if hit { ElementReferences.style(textContent(i), into: &found) }
  }
}
