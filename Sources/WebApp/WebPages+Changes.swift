extension WebPages {
  /// Changes: articles whose text changed between captures, newest change first, each with
  /// its added and removed paragraphs.
  func changes(_ form: [String: String]) throws -> WebResponse {
    let page = try self.page(form)
    var b = "<h1>Changes</h1>"
    var shown = 0
    var offset = (page - 1) * Self.pageSize
    var more = false
    // Candidates differ in payload; only those whose text differs are listed.
    scan: while true {
      let urls = try catalog.changedCandidates(limit: Self.pageSize, offset: offset)
      if urls.isEmpty { break }
      offset += urls.count
      for url in urls {
        if shown == Self.pageSize {
          more = true
          break scan
        }
        if let entry = try changeEntry(url) {
          b += entry
          shown += 1
        }
      }
    }
    if shown == 0 { b += "<p id=\"no-changes\">No article changed between captures.</p>" }
    b += "<p>"
    if page > 1 { b += "<a rel=\"prev\" href=\"/changes?page=\(page - 1)\">← newer</a> " }
    if more { b += "<a rel=\"next\" href=\"/changes?page=\(page + 1)\">older →</a>" }
    return .html(layout(title: "Changes", body: b + "</p>"))
  }

  /// One changed article: its last two versions and their difference; nil when the texts are
  /// the same (only the page around them changed).
  func changeEntry(_ url: String) throws -> String? {
    let responses = try catalog.captures(of: url).filter { $0.recordType == "response" }
    var versions: [ArchiveCatalog.CaptureRow] = []
    for c in responses where versions.last?.digest != c.digest { versions.append(c) }
    guard versions.count >= 2 else { return nil }
    let old = versions[versions.count - 2]
    let new = versions[versions.count - 1]
    guard let a = try reader.article(of: old).text, let t = try reader.article(of: new).text,
      a != t
    else { return nil }
    let diff = ParagraphDiff(old: a, new: t)
    if diff.isEmpty { return nil }
    let title = try catalog.article(url)?.title ?? url
    let link = "/article" + HTMLText.query([("url", url)])
    var s = "<section class=\"change\"><h2><a href=\"\(HTMLText.escape(link))\">\(HTMLText.escape(title))</a></h2>"
    s += "<p class=\"meta\">\(HTMLText.escape(url)) · \(HTMLText.escape(old.warcDate)) → \(HTMLText.escape(new.warcDate))</p>"
    for p in diff.removed { s += "<del>\(HTMLText.escape(p))</del>" }
    for p in diff.added { s += "<ins>\(HTMLText.escape(p))</ins>" }
    return s + "</section>"
  }
}
