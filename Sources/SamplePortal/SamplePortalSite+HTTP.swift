import Charset
import Foundation

/// Routing and HTTP semantics of the sample portal: status, validators, 304s and gzip.
extension SamplePortalSite {
  /// What a path resolves to, before encoding and conditional handling.
  enum Resource {
    case html(String, lastModified: Int)
    case htmlBytes([UInt8], lastModified: Int)
    case file([UInt8], type: String, lastModified: Int)
    case redirect(Int, String)
    case error(Int)
  }

  static let htmlType = "text/html; charset=gb2312"
  /// Last-Modified of pages that never change (channel, search, calendar, robots, logo).
  static let fixedLastModified = SampleDate(year: 2007, month: 12, day: 20).days * 86400 + 9 * 3600

  /// Answers a GET for `target` (path plus optional `?query`) with the given request headers.
  ///
  /// Deterministic except for the flaky-article fault (500 on the first request only). Header
  /// names are matched case-insensitively. Handles `If-None-Match` (wins) and
  /// `If-Modified-Since`, and gzips HTML when `Accept-Encoding` allows it.
  public func response(for target: String, headers: [String: String]) -> SampleResponse {
    var h: [String: String] = [:]
    for (k, v) in headers { h[k.lowercased()] = v }
    var target = target
    if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
    let path: String
    let query: String
    if let q = target.firstIndex(of: "?") {
      path = String(target[..<q])
      query = String(target[target.index(after: q)...])
    } else {
      path = target
      query = ""
    }
    var delay = 0.0
    if config.faults && path == "/slow.htm" { delay = config.slowSeconds }
    if let i = flakyIndex, path == models[i].truth.path, faultState.firstTime(path) {
      return finish(.error(500), headers: h, delay: delay)
    }
    var answer = answer(target: target, path: path, query: query, headers: h, delay: delay)
    if answer.status == 200, let i = byPath[path], models[i].sectionIndex == chunkedSection {
      answer.chunked = true
    }
    return answer
  }

  /// The section whose article pages are sent chunked (the last one).
  var chunkedSection: Int { sections.count - 1 }

  private func answer(
    target: String, path: String, query: String, headers h: [String: String], delay: Double
  ) -> SampleResponse {
    if let cached = pageCache.get(target) {
      return serve(cached, target: target, headers: h, delay: delay)
    }
    let resolved = resource(path: path, query: query)
    guard let entity = Entity(resolved) else { return finish(resolved, headers: h, delay: delay) }
    // Query pages (the endless search and calendar traps) are not cached, so memory stays bounded.
    let cacheable = query.isEmpty && entity.body.count <= PageCache.maxEntityBytes
    if cacheable { pageCache.put(target, entity) }
    return serve(entity, target: cacheable ? target : nil, headers: h, delay: delay)
  }

  /// Resolves a path to a resource (the routing table of the site).
  func resource(path: String, query: String) -> Resource {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(
      String.init)
    if path == "/" { return .html(renderHome(), lastModified: homeLastModified) }
    if path == "/robots.txt" {
      return .file(
        Array("User-agent: *\nDisallow: /search/\n".utf8), type: "text/plain",
        lastModified: Self.fixedLastModified)
    }
    if let i = byPath[path] {
      return .html(renderArticle(i), lastModified: models[i].lastModified)
    }
    if parts.count == 2, let k = sections.firstIndex(where: { $0.slug == parts[0] }) {
      let page: Int?
      if parts[1] == "index.html" {
        page = 1
      } else if parts[1].hasPrefix("index_"), parts[1].hasSuffix(".html") {
        page = Int(parts[1].dropFirst(6).dropLast(5))
      } else {
        page = nil
      }
      if let page, page >= 1, page <= pageCount(k), !(page == 1 && parts[1] != "index.html") {
        return .html(renderList(section: k, page: page), lastModified: sectionLastModified(k))
      }
      return .error(404)
    }
    if parts.count == 2, parts[1] == "index.html",
      let c = SamplePortalText.channels.first(where: { $0.slug == parts[0] })
    {
      return .html(
        renderChannel(label: c.label, slug: c.slug), lastModified: Self.fixedLastModified)
    }
    if parts.count == 2, parts[0] == "img", parts[1].hasSuffix(".jpg"),
      let id = Int(parts[1].dropLast(4)), let i = byID[id]
    {
      return .file(
        SampleAssets.jpeg(comment: "sample portal image \(id)"), type: "image/jpeg",
        lastModified: models[i].date.days * 86400 + models[i].minuteOfDay * 60)
    }
    if path == "/images/logo.jpg" {
      return .file(
        SampleAssets.jpeg(comment: "sample portal logo"), type: "image/jpeg",
        lastModified: Self.fixedLastModified)
    }
    if parts.count == 2, parts[0] == "files", parts[1].hasSuffix(".pdf"),
      let id = Int(parts[1].dropLast(4)), let i = byID[id], models[i].truth.hasAttachment
    {
      return .file(
        SampleAssets.pdf(line: "Sample portal attachment \(id)"), type: "application/pdf",
        lastModified: models[i].date.days * 86400 + models[i].minuteOfDay * 60)
    }
    if path == "/search/" || path == "/search/index.html" {
      let n = queryValue(query, "q").flatMap { Int($0) } ?? 1
      return .html(renderSearch(max(n, 1)), lastModified: Self.fixedLastModified)
    }
    if path == "/calendar/" || path == "/calendar/index.html" {
      guard let d = queryValue(query, "d"), let day = SampleDate(compact: Substring(d)) else {
        return .error(404)
      }
      return .html(renderCalendar(day), lastModified: Self.fixedLastModified)
    }
    if config.faults { return faultResource(path: path, parts: parts) }
    return .error(404)
  }

  private func faultResource(path: String, parts: [String]) -> Resource {
    switch path {
    case "/loop/a": return .redirect(302, "/loop/b")
    case "/loop/b": return .redirect(302, "/loop/a")
    case "/slow.htm":
      return .html(
        renderChannel(label: "资料下载中心", slug: "slow"), lastModified: Self.fixedLastModified)
    case "/huge.htm":
      return .htmlBytes(renderHuge(bytes: config.hugeBytes), lastModified: Self.fixedLastModified)
    default: break
    }
    if parts.count == 2, parts[0] == "old", parts[1].hasSuffix(".htm"),
      let id = Int(parts[1].dropLast(4)), let i = byID[id]
    {
      return .redirect(301, models[i].truth.path)
    }
    return .error(404)
  }

  var homeLastModified: Int {
    models.map { $0.date.days * 86400 + $0.minuteOfDay * 60 }.max() ?? Self.fixedLastModified
  }

  func sectionLastModified(_ k: Int) -> Int {
    guard let newest = sectionArticles[k].first else { return Self.fixedLastModified }
    return models[newest].date.days * 86400 + models[newest].minuteOfDay * 60
  }

  func queryValue(_ query: String, _ name: String) -> String? {
    for pair in query.split(separator: "&") {
      let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      if kv.first.map(String.init) == name { return kv.count > 1 ? String(kv[1]) : "" }
    }
    return nil
  }

  /// Turns a resource into a response: encoding, validators, conditional requests, gzip.
  func finish(_ resource: Resource, headers h: [String: String], delay: Double) -> SampleResponse {
    var out: [String: String] = ["Server": SamplePortalText.server]
    switch resource {
    case .redirect(let status, let location):
      out["Location"] = h["host"].map { "http://\($0)\(location)" } ?? location
      out["Content-Type"] = Self.htmlType
      return SampleResponse(
        status: status, headers: out,
        body: encodeGBK("<html><body><a href=\"\(location)\">moved</a></body></html>\r\n"),
        delaySeconds: delay)
    case .error(let status):
      out["Content-Type"] = Self.htmlType
      return SampleResponse(
        status: status, headers: out, body: encodeGBK(renderError(status)), delaySeconds: delay)
    case .html, .htmlBytes, .file:
      guard let entity = Entity(resource) else {
        out["Content-Type"] = Self.htmlType
        return SampleResponse(status: 500, headers: out, body: Array("encoding failed".utf8))
      }
      return serve(entity, target: nil, headers: h, delay: delay)
    }
  }

  /// Answers with a 200-able entity: validators, 304 on a matching condition, gzip for HTML
  /// when accepted (the gzipped body is cached with the entity when `target` is given).
  func serve(_ entity: Entity, target: String?, headers h: [String: String], delay: Double)
    -> SampleResponse
  {
    var out: [String: String] = ["Server": SamplePortalText.server]
    let plainTag = "\"\(entity.tag)\""
    let gzTag = "\"\(entity.tag)-gz\""
    let wantsGzip = entity.isHTML && Self.acceptsGzip(h["accept-encoding"])
    out["ETag"] = wantsGzip ? gzTag : plainTag
    out["Last-Modified"] = SampleDate.httpDate(entity.lastModified)
    if entity.isHTML { out["Vary"] = "Accept-Encoding" }
    if let inm = h["if-none-match"] {
      let tags = inm.split(separator: ",").map {
        var t = $0.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("W/") { t.removeFirst(2) }
        return t
      }
      if tags.contains(where: { $0 == "*" || $0 == plainTag || $0 == gzTag }) {
        return SampleResponse(status: 304, headers: out, body: [], delaySeconds: delay)
      }
    } else if let ims = h["if-modified-since"], let since = SampleDate.parseHTTPDate(ims),
      entity.lastModified <= since
    {
      return SampleResponse(status: 304, headers: out, body: [], delaySeconds: delay)
    }
    out["Content-Type"] = entity.type
    if wantsGzip {
      var gz = entity.gzip
      if gz == nil {
        gz = SampleGzip.compress(entity.body)
        if let target, let gz, entity.body.count <= PageCache.maxEntityBytes {
          var updated = entity
          updated.gzip = gz
          pageCache.put(target, updated)
        }
      }
      if let gz {
        out["Content-Encoding"] = "gzip"
        return SampleResponse(status: 200, headers: out, body: gz, delaySeconds: delay)
      }
    }
    out["ETag"] = plainTag
    return SampleResponse(status: 200, headers: out, body: entity.body, delaySeconds: delay)
  }

  /// Whether an `Accept-Encoding` value allows gzip (present and not `q=0`).
  static func acceptsGzip(_ value: String?) -> Bool {
    guard let value else { return false }
    for item in value.lowercased().split(separator: ",") {
      let fields = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      guard fields.first == "gzip" || fields.first == "x-gzip" || fields.first == "*" else {
        continue
      }
      let q = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) }
      return (q ?? 1) > 0
    }
    return false
  }
}
