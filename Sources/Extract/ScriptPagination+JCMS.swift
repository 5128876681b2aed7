import Foundation

/// Hanweb JCMS: a column's first records in a `<datastore>` data island (`<record>` CDATA, a
/// `<nextgroup>` link, sometimes `<totalrecord>`), the rest only from POSTs to the `jpage`
/// proxy (`dataproxy.jsp?startrecord=16&endrecord=30&perpage=15`) with the column's form
/// (`ajaxParam`, or the `nextgroup` link's query when the call is missing).
extension ScriptPagination {
  /// One `<datastore>` island: its records' links, the nextgroup link, its total if given.
  struct DataStore {
    var links: [String] = []
    var recordCount = 0
    var nextGroup: String?
    var totalRecord: Int?
  }

  /// One `jpage({...})` call's paging fields.
  struct JPageCall {
    var proxyURL: String?
    var totalRecord: Int?
    var perPage: Int?
    /// `ajaxParam` fields in written order, values as JavaScript would print them.
    var form: [(String, String)]?
  }

  /// Records per page when nothing says (JCMS's default).
  static let defaultPerPage = 15

  /// The record links and POST pages of a page's JCMS lists.
  static func jcmsList(text: String, scripts: [ScriptBlock], url: String, maxPages: Int)
    -> Found
  {
    let stores = elements("datastore", in: text[...]).map { dataStore($0, base: url) }
    let calls = scripts.filter { !$0.isXML }.flatMap { jpageCalls(ScriptTokenizer.tokens($0.body)) }
    var found = Found()
    found.recordLinks = stores.flatMap(\.links)
    var seen = Set<PostRequest>()
    let n = max(stores.count, calls.count)
    for i in 0..<n {
      let store = i < stores.count ? stores[i] : nil
      let call = i < calls.count ? calls[i] : nil
      for post in posts(store: store, call: call, base: url, maxPages: maxPages)
      where seen.insert(post).inserted {
        found.posts.append(post)
      }
    }
    return found
  }

  /// The record links of a JCMS POST answer, and the later pages its `<totalrecord>` reveals
  /// (when the list page did not give the total).
  public static func scanAnswer(_ text: String, request: PostRequest, maxPages: Int = 1000)
    -> Found
  {
    var found = Found()
    let island = elements("datastore", in: text[...]).first ?? text[...]
    let store = dataStore(island, base: request.url)
    found.recordLinks = store.links
    guard let total = store.totalRecord, let query = request.url.split(separator: "?", maxSplits: 1).last,
      request.url.contains("?")
    else { return found }
    let params = queryPairs(query)
    func param(_ name: String) -> Int? {
      params.first { $0.0.lowercased() == name }.flatMap { Int($0.1) }
    }
    guard let start = param("startrecord"), let perPage = param("perpage"), perPage > 0,
      start > 0, case (let first, false) = start.addingReportingOverflow(perPage)
    else { return found }
    let endpoint = String(request.url.split(separator: "?", maxSplits: 1)[0])
    let kept = params.filter { !["startrecord", "endrecord", "perpage"].contains($0.0.lowercased()) }
    let base = kept.isEmpty ? endpoint : endpoint + "?" + kept.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    found.posts = pagePosts(
      endpoint: base, body: request.body, first: first, total: total, perPage: perPage,
      maxPages: maxPages)
    return found
  }

  // MARK: - Pieces

  /// The POSTs of one list: from the call's fields, else from the island's nextgroup link.
  static func posts(store: DataStore?, call: JPageCall?, base: String, maxPages: Int)
    -> [PostRequest]
  {
    let next = store?.nextGroup.flatMap { absolute($0, base: base) }
    let nextParts = next.map { $0.split(separator: "?", maxSplits: 1) }
    let nextQuery = nextParts.flatMap { $0.count > 1 ? queryPairs($0[1]) : nil } ?? []
    let endpoint =
      call?.proxyURL.flatMap { absolute($0, base: base) } ?? nextParts.map { String($0[0]) }
    guard let endpoint, call != nil || next != nil else { return [] }
    let paging: Set<String> = ["page", "startrecord", "endrecord", "perpage"]
    let perPage =
      call?.perPage ?? nextQuery.first { $0.0.lowercased() == "perpage" }.flatMap { Int($0.1) }
      ?? defaultPerPage
    guard perPage > 0, perPage <= 10_000 else { return [] }
    let form =
      call?.form
      ?? nextQuery.filter { !paging.contains($0.0.lowercased()) }.map {
        (unescapeForm($0.0), unescapeForm($0.1))
      }
    let body = form.map { formEncode($0.0) + "=" + formEncode($0.1) }.joined(separator: "&")
    let embedded = store?.recordCount ?? 0
    let first = embedded >= perPage && embedded % perPage == 0 ? embedded + 1 : perPage + 1
    let total = call?.totalRecord ?? store?.totalRecord
    // Without a total the first POST is sent alone; its answer's total brings the rest.
    return pagePosts(
      endpoint: endpoint, body: body, first: first, total: total ?? first, perPage: perPage,
      maxPages: maxPages)
  }

  /// POSTs for records `first...total`, `perPage` a page, at most `maxPages` pages of the list.
  static func pagePosts(
    endpoint: String, body: String, first: Int, total: Int, perPage: Int, maxPages: Int
  ) -> [PostRequest] {
    var out: [PostRequest] = []
    var start = first
    let separator = endpoint.contains("?") ? "&" : "?"
    while start <= total, start > 0, (start - 1) / perPage < maxPages {
      let (end, overflow) = start.addingReportingOverflow(perPage - 1)
      let last = overflow ? total : min(end, total)
      out.append(
        PostRequest(
          url: endpoint + separator + "startrecord=\(start)&endrecord=\(last)&perpage=\(perPage)",
          body: body))
      let (next, over) = start.addingReportingOverflow(perPage)
      if over { break }
      start = next
    }
    return out
  }

  /// A `<datastore>` island's content read: records, nextgroup, totalrecord.
  static func dataStore(_ island: Substring, base: String) -> DataStore {
    var store = DataStore()
    for record in elements("record", in: island) {
      store.recordCount += 1
      store.links += hrefs(in: unwrapCDATA(record)[...]).compactMap { absolute($0, base: base) }
    }
    if let next = elements("nextgroup", in: island).first {
      store.nextGroup = hrefs(in: unwrapCDATA(next)[...]).first
    }
    if let total = elements("totalrecord", in: island).first {
      store.totalRecord = count(Double(unwrapCDATA(total).trimmingSpaces()))
    }
    return store
  }

  /// The contents of every `<name ...>...</name>` element (case-insensitive; not nested).
  static func elements(_ name: String, in text: Substring) -> [Substring] {
    var out: [Substring] = []
    var rest = text
    while let open = rest.range(of: "<" + name, options: .caseInsensitive) {
      rest = rest[open.upperBound...]
      // `<record>` but not `<recordset>`.
      guard let next = rest.first, next == ">" || next == " " || next == "\t" || next == "\n"
        || next == "\r" || next == "/"
      else { continue }
      guard let gt = rest.firstIndex(of: ">") else { break }
      if rest[rest.startIndex..<gt].hasSuffix("/") {
        out.append(rest[gt..<gt])
        rest = rest[rest.index(after: gt)...]
        continue
      }
      let contentStart = rest.index(after: gt)
      let end = closeTag(name, in: rest[contentStart...])
      out.append(rest[contentStart..<(end?.lowerBound ?? rest.endIndex)])
      guard let end else { break }
      rest = rest[end.upperBound...]
    }
    return out
  }

  /// The `</name>` that ends an element, skipping over CDATA sections (which may hold markup).
  private static func closeTag(_ name: String, in text: Substring) -> Range<Substring.Index>? {
    var rest = text
    while true {
      let close = rest.range(of: "</" + name, options: .caseInsensitive)
      guard let cdata = rest.range(of: "<![CDATA[") else { return close }
      if let close, close.lowerBound < cdata.lowerBound { return close }
      guard let cdataEnd = rest[cdata.upperBound...].range(of: "]]>") else { return nil }
      rest = rest[cdataEnd.upperBound...]
    }
  }

  /// The text of CDATA sections joined, or the text itself when it has none.
  static func unwrapCDATA(_ s: Substring) -> String {
    guard s.contains("<![CDATA[") else { return String(s) }
    var out = ""
    var rest = s
    while let open = rest.range(of: "<![CDATA[") {
      let end = rest[open.upperBound...].range(of: "]]>")
      out += rest[open.upperBound..<(end?.lowerBound ?? rest.endIndex)]
      guard let end else { break }
      rest = rest[end.upperBound...]
    }
    return out
  }

  /// `a=1&b=2` as pairs, still escaped.
  static func queryPairs(_ query: Substring) -> [(String, String)] {
    query.split(separator: "&").map { pair in
      let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      return (String(kv[0]), kv.count > 1 ? String(kv[1]) : "")
    }
  }

  /// A form-encoded name or value decoded (`+` as space, `%XX` as UTF-8 bytes).
  static func unescapeForm(_ s: String) -> String {
    (s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding) ?? s
  }

  /// The `.jpage({...})` calls of a script.
  static func jpageCalls(_ t: [ScriptTokenizer.Token]) -> [JPageCall] {
    var out: [JPageCall] = []
    var i = 0
    while i + 3 < t.count {
      defer { i += 1 }
      guard t[i] == .punct("."), t[i + 1] == .identifier("jpage"), t[i + 2] == .punct("("),
        t[i + 3] == .punct("{")
      else { continue }
      var call = JPageCall()
      for (key, value) in objectLiteral(t, openAt: i + 3) {
        switch key.lowercased() {
        case "proxyurl":
          if case .string(let s) = value.first { call.proxyURL = s }
        case "totalrecord": call.totalRecord = value.first.flatMap(numberValue).flatMap(count)
        case "perpage": call.perPage = value.first.flatMap(numberValue).flatMap(count)
        case "ajaxparam":
          guard value.first == .punct("{") else { continue }
          call.form = formFields(value)
        default: break
        }
      }
      out.append(call)
    }
    return out
  }

  /// `{key: value, ...}` whose `{` is at `open`: keys with their value's tokens.
  static func objectLiteral(_ t: [ScriptTokenizer.Token], openAt open: Int)
    -> [(String, [ScriptTokenizer.Token])]
  {
    callArguments(t, openAt: open).compactMap { entry in
      guard entry.count >= 2, entry[1] == .punct(":") else { return nil }
      switch entry[0] {
      case .identifier(let k), .string(let k): return (k, Array(entry[2...]))
      case .number(let d): return (numberText(d), Array(entry[2...]))
      default: return nil
      }
    }
  }

  /// The literal fields of an object literal's tokens (`{col:1, path:'/', webname:'…'}`).
  static func formFields(_ value: [ScriptTokenizer.Token]) -> [(String, String)] {
    objectLiteral(value, openAt: 0).compactMap { key, v in
      guard v.count == 1 else { return nil }
      switch v[0] {
      case .string(let s): return (key, s)
      case .number(let d): return (key, numberText(d))
      case .identifier(let id) where id == "true" || id == "false": return (key, id)
      default: return nil
      }
    }
  }

  static func numberValue(_ tok: ScriptTokenizer.Token) -> Double? {
    switch tok {
    case .number(let d): d
    case .string(let s): Double(s.trimmingSpaces())
    default: nil
    }
  }
}
