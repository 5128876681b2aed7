import Foundation
import Index

/// The pages of the app, rendered on the server as HTML that works without JavaScript.
///
/// Ownership: holds the archive's read-only catalog (state DB) and search index, both safe
/// to use from concurrent requests; pages keep no state between requests.
struct WebPages: Sendable {
  let root: String
  let catalog: ArchiveCatalog
  let index: SearchIndex
  let reader: CaptureReader
  static let pageSize = 20

  init(archiveRoot: String, statePath: String) throws {
    root = archiveRoot
    catalog = try ArchiveCatalog(statePath: statePath)
    index = try SearchIndex(path: statePath)
    reader = CaptureReader(root: archiveRoot, catalog: catalog)
  }

  /// Answers `path` with the decoded query `form`; a refused request gets its 4xx page, an
  /// archive that cannot be read a 503 page (never a 500).
  func respond(path: String, form: [String: String]) -> WebResponse {
    do {
      switch path {
      case "/", "/index.html": return try home()
      case "/search": return try search(form)
      case "/export.jsonl": return try exportJSONL(form)
      case "/export.wacz": return try exportWACZ(form)
      case "/article": return try article(form)
      case "/changes": return try changes(form)
      case "/replay": return try replay(form)
      default: throw WebError.notFound("no page at \(path)")
      }
    } catch let e as WebError {
      return errorPage(e)
    } catch {
      return errorPage(WebError(status: 503, message: "the archive could not be read: \(error)"))
    }
  }

  func errorPage(_ e: WebError) -> WebResponse {
    let title = e.status == 404 ? "Not found" : (e.status < 500 ? "Bad request" : "Unavailable")
    return .html(
      layout(title: title, body: "<h1>\(title)</h1><p class=\"error\">\(HTMLText.escape(e.message))</p>"),
      status: e.status)
  }

  /// A whole page: navigation, a search box, `body`.
  func layout(title: String, body: String, query: String = "") -> String {
    """
    <!DOCTYPE html>
    <html lang="zh"><head><meta charset="utf-8"><title>\(HTMLText.escape(title)) · portal-archiver</title>
    <style>
    body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;line-height:1.5}
    nav a{margin-right:1em} mark{background:#ffe066} .meta{color:#555;font-size:90%}
    ins{background:#d4f7d4;text-decoration:none;display:block} del{background:#f7d4d4;display:block}
    table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:2px 6px;font-size:90%}
    .error{color:#a00;font-weight:bold} form.filters input{margin:2px}
    </style></head><body>
    <nav><a href="/">Home</a><a href="/search">Search</a><a href="/changes">Changes</a>
    <form action="/search" method="get" style="display:inline"><input name="q" value="\(HTMLText.escape(query))" size="30" aria-label="search"> <button>Search</button></form></nav>
    \(body)
    </body></html>
    """
  }

  static func time(_ unix: Double?) -> String {
    guard let unix else { return "—" }
    let f = ISO8601DateFormatter()
    return f.string(from: Date(timeIntervalSince1970: unix))
  }
}
