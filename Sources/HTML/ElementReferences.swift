/// The embedded references of one element (images beyond `img src`, stylesheets, icons,
/// scripts, media, CSS `url()`), shared by both link walkers so that they agree. Stateless.
enum ElementReferences {
  /// Appends the references element `tag` embeds through its attributes, in a fixed order;
  /// `attribute(name)` gives an attribute's value (name lower-case ASCII), nil when absent.
  /// `img src`, anchors, frames and the `style` attribute are the walkers' own.
  static func embedded(
    tag: HTMLTag, attribute: (StaticString) -> String?,
    into found: inout [(raw: String, kind: Link.Kind)]
  ) {
    func add(_ name: StaticString, _ kind: Link.Kind) {
      if let v = attribute(name) { found.append((v, kind)) }
    }
    switch tag {
    case .img:
      if let set = attribute("srcset") { for u in SrcSet.urls(set) { found.append((u, .image)) } }
    case .link:
      guard let rel = attribute("rel")?.lowercased() else { return }
      let tokens = rel.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
      if tokens.contains("stylesheet") {
        add("href", .stylesheet)
      } else if tokens.contains(where: { $0.contains("icon") }) {
        add("href", .icon)
      }
    case .script: add("src", .script)
    case .embed, .audio: add("src", .media)
    case .video:
      add("src", .media)
      add("poster", .media)
    case .source:
      add("src", .media)
      if let set = attribute("srcset") { for u in SrcSet.urls(set) { found.append((u, .media)) } }
    case .object: add("data", .media)
    case .input:
      if attribute("type")?.lowercased() == "image" { add("src", .image) }
    case .body, .table, .tr, .td, .th: add("background", .image)
    default: break
    }
  }

  /// Whether a tag can carry `embedded` references (a cheap filter before attribute lookups).
  static func mayEmbed(_ tag: HTMLTag) -> Bool {
    switch tag {
    case .img, .link, .script, .embed, .audio, .video, .source, .object, .input, .body, .table,
      .tr, .td, .th:
      true
    default: false
    }
  }

  /// The `url()`/`@import` references of a style attribute's or block's CSS.
  static func style(_ css: String, into found: inout [(raw: String, kind: Link.Kind)]) {
    for ref in CSSURLScanner.references(in: css) { found.append((ref, .style)) }
  }

  /// The declared Content-Type of an `a`/`area` `type` attribute: lower case, no parameters,
  /// nil when absent or empty.
  static func declaredType(_ value: String?) -> String? {
    guard var v = value?.lowercased() else { return nil }
    if let semi = v.firstIndex(of: ";") { v = String(v[..<semi]) }
    let t = v.trimmingSpaces()
    return t.isEmpty ? nil : t
  }
}
