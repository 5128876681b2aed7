extension WebPages {
  /// The sandbox every replayed response is served in: no script runs, and nothing loads
  /// from anywhere but the app (links were rewritten to it).
  static let replayPolicy =
    "sandbox allow-same-origin allow-forms allow-popups; default-src 'self' data:; style-src 'self' 'unsafe-inline' data:; script-src 'none'; object-src 'none'"

  /// Replay: the capture of `url` nearest `at`, HTML decoded with its crawl-time charset and
  /// its links rewritten to the archive, anything else served as archived.
  func replay(_ form: [String: String]) throws -> WebResponse {
    let url = try requestedURL(form)
    let at = form["at"] ?? ""
    guard at.isEmpty || (at.count <= 14 && at.allSatisfy(\.isNumber)) else {
      throw WebError.badRequest("invalid capture time '\(at)': expected up to 14 digits (YYYYMMDDhhmmss)")
    }
    guard let capture = try catalog.nearestCapture(of: url, to: at.isEmpty ? "99999999999999" : at)
    else {
      throw WebError.notFound("\(url) is not in the archive")
    }
    guard let payload = try reader.payload(of: capture) else {
      throw WebError.notFound("the record of \(url) at \(capture.timestamp) is not in the archive")
    }
    var headers: [(String, String)] = [
      ("Content-Security-Policy", Self.replayPolicy), ("X-Content-Type-Options", "nosniff"),
      ("X-Archive-Capture", capture.warcDate),
    ]
    let type = payload.contentType ?? capture.mime
    guard type.lowercased().contains("html") else {
      headers.append(("Content-Type", type.isEmpty || type == "unk" ? "application/octet-stream" : type))
      return WebResponse(status: 200, headers: headers, body: payload.body)
    }
    let html = CaptureReader.decodedHTML(payload)
    let article = "/article" + HTMLText.query([("url", url)])
    let banner = """
      <div id="portal-archiver-banner" style="position:sticky;top:0;z-index:99999;background:#222;color:#fff;font:14px sans-serif;padding:6px">\
      Archived capture of \(HTMLText.escape(url)) fetched \(HTMLText.escape(capture.warcDate)) (HTTP \(capture.status)) · \
      <a style="color:#9cf" href="\(HTMLText.escape(article))" target="_top">article and captures</a> · <a style="color:#9cf" href="/" target="_top">archive home</a></div>
      """
    let page = ReplayRewriter(pageURL: url, timestamp: capture.timestamp).rewrite(html, banner: banner)
    headers.append(("Content-Type", "text/html; charset=utf-8"))
    return WebResponse(status: 200, headers: headers, body: Array(page.utf8))
  }
}
