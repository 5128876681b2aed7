import Foundation

extension Link {
  /// Whether the page embeds the target (it is shown or run as part of the page: images,
  /// stylesheets, icons, scripts, media, CSS `url(…)`), as opposed to navigating to it.
  public var isEmbedded: Bool {
    switch kind {
    case .image, .stylesheet, .icon, .script, .media, .style: true
    case .anchor, .area, .frame, .iframe, .refresh: false
    }
  }

  /// Whether the target is one of the page's requisites: what replaying the page needs, fetched
  /// even from hosts outside the crawl's scope (Heritrix's transclusion hops). Embedded links,
  /// and `a`/`area` links to attachments: by the target URL's extension
  /// (`Link.isAttachment(url:)`) or by the Content-Type the link declares (`type=`).
  public var isRequisite: Bool {
    if isEmbedded { return true }
    guard kind == .anchor || kind == .area else { return false }
    if let type = declaredType, Link.isAttachment(contentType: type) { return true }
    return Link.isAttachment(url: url)
  }

  /// File extensions (lower case) of the attachments portals link: documents, archives, and
  /// the images and media an article links instead of showing ("点击查看大图").
  public static let attachmentExtensions: Set<String> = [
    "pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "dps", "ppt", "pptx", "txt", "rtf", "csv",
    "ofd", "zip", "rar", "7z", "jpg", "jpeg", "png", "gif", "bmp", "webp", "mp3", "mp4", "flv",
  ]

  /// Whether an absolute URL names an attachment by extension: its path's last segment
  /// (`/files/a.PDF`), or a query value, as download scripts take the file name
  /// (`/module/download/downfile.jsp?classid=0&filename=1403.pdf`).
  public static func isAttachment(url: String) -> Bool {
    var rest = Substring(url)
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    let query: Substring?
    if let q = rest.firstIndex(of: "?") {
      query = rest[rest.index(after: q)...]
      rest = rest[..<q]
    } else {
      query = nil
    }
    // The path's last segment (after the authority: "http://h.cn" has no path).
    if let scheme = rest.range(of: "://") {
      let afterAuthority = rest[scheme.upperBound...].firstIndex(of: "/")
      if let slash = afterAuthority, hasAttachmentExtension(lastSegment(rest[slash...])) {
        return true
      }
    }
    guard let query else { return false }
    return query.split(separator: "&").contains { pair in
      guard let eq = pair.firstIndex(of: "=") else { return false }
      return hasAttachmentExtension(lastSegment(pair[pair.index(after: eq)...]))
    }
  }

  /// Whether a Content-Type (parameters allowed) is one of an attachment's: documents,
  /// archives, images, audio and video, and the CSS and scripts a page embeds.
  public static func isAttachment(contentType: String) -> Bool {
    var type = Substring(contentType.lowercased())
    if let semi = type.firstIndex(of: ";") { type = type[..<semi] }
    let t = type.trimmingCharacters(in: " \t")
    if t.hasPrefix("image/") || t.hasPrefix("audio/") || t.hasPrefix("video/") { return true }
    return attachmentTypes.contains(t)
      || t.hasPrefix("application/vnd.ms-") || t.hasPrefix("application/vnd.openxmlformats")
  }

  static let attachmentTypes: Set<String> = [
    "application/pdf", "application/msword", "application/rtf", "application/zip",
    "application/x-zip-compressed", "application/x-rar-compressed", "application/vnd.rar",
    "application/x-7z-compressed", "application/octet-stream", "application/wps-office.wps",
    "application/kswps", "application/ofd", "text/plain", "text/csv", "text/css",
    "application/javascript", "text/javascript", "application/x-javascript",
  ]

  /// The text after the last "/" (or all of it), percent escapes left as they are.
  private static func lastSegment(_ s: Substring) -> Substring {
    guard let slash = s.lastIndex(of: "/") else { return s }
    return s[s.index(after: slash)...]
  }

  private static func hasAttachmentExtension(_ segment: Substring) -> Bool {
    guard let dot = segment.lastIndex(of: "."), dot != segment.startIndex else { return false }
    let ext = segment[segment.index(after: dot)...]
    guard (1...5).contains(ext.utf8.count) else { return false }
    return attachmentExtensions.contains(ext.lowercased())
  }
}

extension Substring {
  /// The text without leading and trailing characters of `set` (ASCII only).
  fileprivate func trimmingCharacters(in set: String) -> String {
    let scalars = Set(set.unicodeScalars)
    let u = unicodeScalars
    guard let start = u.firstIndex(where: { !scalars.contains($0) }),
      let end = u.lastIndex(where: { !scalars.contains($0) })
    else { return "" }
    return String(u[start...end])
  }
}
