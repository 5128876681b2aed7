import Foundation

extension WebPages {
  /// The URL a request names; a missing one is a 400, one the archive has no capture of a 404.
  func requestedURL(_ form: [String: String]) throws -> String {
    guard let url = form["url"]?.trimmingCharacters(in: .whitespaces), !url.isEmpty else {
      throw WebError.badRequest("missing url: the page needs ?url=…")
    }
    guard url.utf8.count <= 4096 else {
      throw WebError.badRequest("the url is too long: \(url.utf8.count) bytes, at most 4096")
    }
    return url
  }

  /// Article: text and metadata, captures over time, the paragraph difference of two captures.
  func article(_ form: [String: String]) throws -> WebResponse {
    let url = try requestedURL(form)
    guard let a = try catalog.article(url) else {
      throw WebError.notFound("no archived article at \(url)")
    }
    let captures = try catalog.captures(of: url)
    var b = "<h1 id=\"title\">\(HTMLText.escape(a.title))</h1><table class=\"metadata\">"
    for (k, v) in [
      ("URL", a.url), ("Published", a.published), ("Source", a.source), ("Author", a.author),
      ("Fetched", a.fetched), ("WARC", "\(a.warcFile):\(a.warcOffset)"),
    ] {
      b += "<tr><th>\(k)</th><td>\(HTMLText.escape(v))</td></tr>"
    }
    let latest = "/replay" + HTMLText.query([("url", url), ("at", Self.timestamp14(a.fetched))])
    b += "</table><p><a id=\"replay\" href=\"\(HTMLText.escape(latest))\">replay the archived page</a></p>"
    b += "<div id=\"text\">"
    for p in ParagraphDiff.paragraphs(a.text) { b += "<p>\(HTMLText.escape(p))</p>" }
    b += "</div><h2>Captures</h2><table id=\"captures\"><tr><th>fetched</th><th>status</th><th>digest</th><th>kind</th><th></th></tr>"
    var lastDigest: String?
    for c in captures {
      let kind: String
      if c.recordType == "revisit" {
        kind = "revisit (same payload)"
      } else {
        kind = lastDigest == nil ? "first version" : (c.digest == lastDigest ? "same payload" : "new version")
        lastDigest = c.digest
      }
      let replay = "/replay" + HTMLText.query([("url", url), ("at", c.timestamp)])
      b += "<tr><td>\(HTMLText.escape(c.warcDate))</td><td>\(c.status)</td><td>\(HTMLText.escape(c.digest ?? ""))</td>"
      b += "<td>\(kind)</td><td><a href=\"\(HTMLText.escape(replay))\">replay</a></td></tr>"
    }
    b += "</table>"
    b += try diffSection(url: url, captures: captures, form: form)
    return .html(layout(title: a.title, body: b))
  }

  /// The two versions compared: those the form names (`a`, `b`: capture timestamps), else
  /// the last two responses with different payloads.
  func diffSection(url: String, captures: [ArchiveCatalog.CaptureRow], form: [String: String])
    throws -> String
  {
    let responses = captures.filter { $0.recordType == "response" }
    var versions: [ArchiveCatalog.CaptureRow] = []
    for c in responses where versions.last?.digest != c.digest { versions.append(c) }
    guard versions.count >= 2 || form["a"] != nil else {
      return "<p class=\"meta\">One version archived: nothing to compare.</p>"
    }
    func pick(_ key: String, _ fallback: ArchiveCatalog.CaptureRow?) throws -> ArchiveCatalog.CaptureRow? {
      guard let ts = form[key], !ts.isEmpty else { return fallback }
      guard let c = captures.first(where: { $0.timestamp == ts }) else {
        throw WebError.notFound("no capture of \(url) at \(ts)")
      }
      return c
    }
    guard let old = try pick("a", versions.dropLast().last), let new = try pick("b", versions.last)
    else { return "" }
    var s = "<h2>Difference</h2><form action=\"/article\" method=\"get\"><input type=\"hidden\" name=\"url\" value=\"\(HTMLText.escape(url))\">"
    for (key, chosen) in [("a", old), ("b", new)] {
      s += "<select name=\"\(key)\">"
      for c in captures {
        s += "<option value=\"\(c.timestamp)\"\(c.timestamp == chosen.timestamp ? " selected" : "")>\(HTMLText.escape(c.warcDate))</option>"
      }
      s += "</select> "
    }
    s += "<button>Compare</button></form>"
    return s + (try diffHTML(old: old, new: new))
  }

  /// The paragraph difference of two captures' texts as HTML (added in `<ins>`, removed in
  /// `<del>`).
  func diffHTML(old: ArchiveCatalog.CaptureRow, new: ArchiveCatalog.CaptureRow) throws -> String {
    guard let a = try reader.article(of: old).text, let b = try reader.article(of: new).text else {
      return "<p class=\"meta\">The text of one of these captures is not in the archive.</p>"
    }
    let diff = ParagraphDiff(old: a, new: b)
    var s = "<p class=\"meta\">\(HTMLText.escape(old.warcDate)) → \(HTMLText.escape(new.warcDate))</p>"
    if diff.isEmpty { return s + "<p>Same text.</p>" }
    s += "<div class=\"diff\">"
    for line in diff.lines {
      switch line.kind {
      case .same: s += "<p>\(HTMLText.escape(line.text))</p>"
      case .added: s += "<ins>\(HTMLText.escape(line.text))</ins>"
      case .removed: s += "<del>\(HTMLText.escape(line.text))</del>"
      }
    }
    return s + "</div>"
  }
}
