/// An outlink found in a document, resolved to an absolute URL.
public struct Link: Sendable, Hashable {
  /// Where the link was found.
  ///
  /// Navigation: `a`/`area` href, `frame`/`iframe` src, a meta refresh. Embedded (the page's
  /// requisites, see `isEmbedded`): `img` src and srcset, `input type=image` src and the
  /// `background` attribute (`image`); `link rel=stylesheet` (`stylesheet`); `link rel=icon`
  /// (`icon`); `script` src (`script`); `embed`/`video`/`audio`/`source` src, `source` srcset,
  /// `video` poster, `object` data (`media`); `url(…)` and `@import` in a `style` attribute or
  /// block (`style`).
  public enum Kind: String, Sendable {
    case anchor, area, frame, iframe, refresh, image
    case stylesheet, icon, script, media, style
  }
  public var url: String
  public var kind: Kind
  /// The anchor text (whitespace-collapsed), an image's alt text, or "".
  public var text: String
  /// The Content-Type an `a`/`area` declares for its target (`type="application/pdf"`), lower
  /// case without parameters; nil when none is declared (and for every other kind).
  public var declaredType: String?

  public init(url: String, kind: Kind, text: String, declaredType: String? = nil) {
    self.url = url
    self.kind = kind
    self.text = text
    self.declaredType = declaredType
  }
}
