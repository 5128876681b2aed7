import Frontier

/// Which links are pagination hops: links between the list pages of one channel, which do not
/// add depth (`max_depth` counts content hops only).
///
/// A hop is pagination when it leaves a list page (a page that is not an article) for a URL
/// of the same origin and directory whose file name is the page's own with another page number
/// (`index.html` → `index_7.html`, `list_2.htm` → `list_3.htm`, TRS and most CMSs), or the
/// page's own path with another query (`?page=3`, JCMS `?pageNum=2`). Endless query traps stay
/// bounded by `max_query_variants`.
enum PaginationRule {
  static func isPaginationHop(from page: URLRecord, to link: String) -> Bool {
    guard page.kind == .page || page.kind == .unknown else { return false }
    // A JCMS list's POST page (`RequestKey`) continues the list that declared it.
    if RequestKey.isPost(link) { return true }
    let from = split(page.url)
    let to = split(link)
    guard from.directory == to.directory else { return false }
    if from.file == to.file { return from.query != to.query }
    let a = stem(from.file)
    let b = stem(to.file)
    return !a.isEmpty && a == b
  }

  /// (origin and directory with its trailing "/", file name, query) of a canonical URL.
  private static func split(_ url: String) -> (directory: Substring, file: Substring, query: Substring) {
    let q = url.firstIndex(of: "?") ?? url.endIndex
    let path = url[url.startIndex..<q]
    let originEnd = Frontier.origin(of: url).endIndex
    let slash = path[originEnd...].lastIndex(of: "/") ?? originEnd
    let fileStart = slash < path.endIndex ? path.index(after: slash) : slash
    return (path[path.startIndex..<fileStart], path[fileStart...], url[q...])
  }

  /// A file name without its extension, page number and separators: "index_12.html" → "index".
  private static func stem(_ file: Substring) -> Substring {
    var name = file
    if let dot = name.lastIndex(of: ".") { name = name[name.startIndex..<dot] }
    while let last = name.last, last.isASCII && (last.isNumber || last == "_" || last == "-") {
      name = name.dropLast()
    }
    return name
  }
}
