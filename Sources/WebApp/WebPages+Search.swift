import Foundation
import Index

extension WebPages {
  /// The search form's fields, in the order links carry them.
  static let searchFields = ["q", "host", "from", "to", "published-from", "published-to", "url-prefix"]

  /// The query and filters of a request; a bad query or date is a 400 saying what is wrong.
  func searchRequest(_ form: [String: String]) throws -> (SearchQuery, SearchFilters) {
    let q = form["q"] ?? ""
    let query: SearchQuery
    do {
      query = try SearchQuery(q)
    } catch {
      throw WebError.badRequest("bad query: \(error)")
    }
    return (query, try searchFilters(form))
  }

  /// A page of the request's hits: ranked by its terms, or with no terms the articles its
  /// filters leave, newest first (a host's link on /); neither is a 400.
  func searchHits(_ form: [String: String], limit: Int, offset: Int) throws -> [SearchHit] {
    guard Self.isBlank(form["q"] ?? "") else {
      let (query, filters) = try searchRequest(form)
      return try index.search(query, filters: filters, limit: limit, offset: offset)
    }
    let filters = try searchFilters(form)
    guard !filters.isEmpty else {
      throw WebError.badRequest("nothing to search: give terms (q) or a filter")
    }
    return try index.browse(filters: filters, limit: limit, offset: offset)
  }

  static func isBlank(_ s: String) -> Bool { s.trimmingCharacters(in: .whitespaces).isEmpty }

  /// The filters of a request; a bad date is a 400 naming the field.
  func searchFilters(_ form: [String: String]) throws -> SearchFilters {
    func value(_ k: String) -> String? {
      guard let v = form[k]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
      return v
    }
    let filters = SearchFilters(
      host: value("host"), fetchedFrom: value("from"), fetchedTo: value("to"),
      publishedFrom: value("published-from"), publishedTo: value("published-to"),
      urlPrefix: value("url-prefix"))
    do {
      try filters.validate()
    } catch {
      throw WebError.badRequest("\(error)".replacingOccurrences(of: "for --", with: "for "))
    }
    return filters
  }

  func page(_ form: [String: String]) throws -> Int {
    guard let p = form["page"], !p.isEmpty else { return 1 }
    guard let n = Int(p), (1...10_000).contains(n) else {
      throw WebError.badRequest("invalid page '\(p)': expected a number from 1 to 10000")
    }
    return n
  }

  func search(_ form: [String: String]) throws -> WebResponse {
    let q = form["q"] ?? ""
    var b = "<h1>Search</h1>" + filterForm(form)
    if Self.isBlank(q), try searchFilters(form).isEmpty {
      b += "<p>Terms and \"phrases\", AND / OR / NOT, parentheses; every term matches as an exact substring.</p>"
      return .html(layout(title: "Search", body: b, query: q))
    }
    let page = try self.page(form)
    let hits = try searchHits(form, limit: Self.pageSize + 1, offset: (page - 1) * Self.pageSize)
    let shown = hits.prefix(Self.pageSize)
    let keep = Self.searchFields.map { ($0, form[$0]) }
    if shown.isEmpty {
      b += "<p id=\"no-hits\">No article matches.</p>"
    } else {
      b += "<ol class=\"hits\" start=\"\((page - 1) * Self.pageSize + 1)\">"
      for h in shown { b += hitItem(h) }
      b += "</ol>"
    }
    b += "<p>"
    if page > 1 {
      b += "<a rel=\"prev\" href=\"/search\(HTMLText.escape(HTMLText.query(keep + [("page", String(page - 1))])))\">← previous</a> "
    }
    b += "page \(page)"
    if hits.count > Self.pageSize {
      b += " <a rel=\"next\" href=\"/search\(HTMLText.escape(HTMLText.query(keep + [("page", String(page + 1))])))\">next →</a>"
    }
    b += " · <a id=\"export-jsonl\" href=\"/export.jsonl\(HTMLText.escape(HTMLText.query(keep)))\">export as JSONL</a>"
    b += " · <a id=\"export-wacz\" href=\"/export.wacz\(HTMLText.escape(HTMLText.query(keep)))\">as WACZ</a></p>"
    return .html(layout(title: "Search: \(q)", body: b, query: q))
  }

  func hitItem(_ h: SearchHit) -> String {
    let article = "/article" + HTMLText.query([("url", h.url)])
    let replay = "/replay" + HTMLText.query([("url", h.url), ("at", Self.timestamp14(h.fetched))])
    var snippet = h.snippet.cutBefore ? "…" : ""
    for p in h.snippet.pieces {
      snippet += p.isHit ? "<mark>" + HTMLText.escape(p.text) + "</mark>" : HTMLText.escape(p.text)
    }
    if h.snippet.cutAfter { snippet += "…" }
    return """
      <li class="hit"><a class="title" href="\(HTMLText.escape(article))">\(HTMLText.escape(h.title.isEmpty ? h.url : h.title))</a>
      <div class="meta">\(HTMLText.escape(h.published)) · \(HTMLText.escape(h.url)) · fetched \(HTMLText.escape(h.fetched)) · <a href="\(HTMLText.escape(replay))">replay</a></div>
      <div class="snippet">\(snippet)</div></li>
      """
  }

  func filterForm(_ form: [String: String]) -> String {
    func field(_ name: String, _ label: String, _ type: String = "text") -> String {
      "<label>\(label) <input type=\"\(type)\" name=\"\(name)\" value=\"\(HTMLText.escape(form[name] ?? ""))\"></label> "
    }
    return "<form class=\"filters\" action=\"/search\" method=\"get\">"
      + field("q", "query") + field("host", "host")
      + field("from", "fetched from") + field("to", "to")
      + field("published-from", "published from") + field("published-to", "to")
      + field("url-prefix", "URL prefix")
      + "<button type=\"submit\">Search</button></form>"
  }

  /// `YYYY-MM-DDThh:mm:ssZ` as the 14 digits of a CDX timestamp.
  static func timestamp14(_ warcDate: String) -> String {
    String(warcDate.filter(\.isNumber).prefix(14))
  }
}
