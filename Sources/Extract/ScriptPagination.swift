import Foundation
import HTML

/// Recognises the list pagination that portals write only in script: TRS WCM's
/// `createPageHTML(...)` / `var countPage` loops and Hanweb JCMS's `<datastore>` record lists
/// with their `jpage({...})` POST paging.
///
/// Pure and stateless: page text and its URL in, URLs and POST requests out (absolute, not
/// canonicalised, not scope-checked: the caller does both). Nothing is executed; the scripts are
/// tokenized (`ScriptTokenizer`) and read by pattern, so variants (argument orders, first index
/// 0 or 1, prefix/suffix forms, variables) are handled by what they have in common. Entry points:
/// `scan(page:url:maxPages:)` for an HTML page, `scanAnswer(_:request:maxPages:)` for the XML a
/// JCMS POST answered. `maxPages` bounds what one page can ask for (a `countPage` of 10^9).
public enum ScriptPagination {
  /// A POST the page's script would send: `url` (absolute, with its query) and an
  /// `application/x-www-form-urlencoded` body.
  public struct PostRequest: Sendable, Hashable {
    public var url: String
    public var body: String

    public init(url: String, body: String) {
      self.url = url
      self.body = body
    }
  }

  /// What a page's scripts describe.
  public struct Found: Sendable, Equatable {
    /// Further list pages (GET), in page order.
    public var listPages: [String] = []
    /// Links inside JCMS `<record>` CDATA (articles of the list), in document order.
    public var recordLinks: [String] = []
    /// JCMS pages only reachable by POST, in page order.
    public var posts: [PostRequest] = []

    public init(listPages: [String] = [], recordLinks: [String] = [], posts: [PostRequest] = []) {
      self.listPages = listPages
      self.recordLinks = recordLinks
      self.posts = posts
    }

    public var isEmpty: Bool { listPages.isEmpty && recordLinks.isEmpty && posts.isEmpty }
  }

  /// The Content-Type of the POST bodies built here.
  public static let formContentType = "application/x-www-form-urlencoded"

  /// The script pagination of an HTML page at `url`.
  public static func scan(page text: String, url: String, maxPages: Int = 1000) -> Found {
    let limit = max(0, maxPages)
    guard limit > 0, mayHavePagination(text) else { return Found() }
    var found = Found()
    let scripts = scriptBlocks(text)
    if text.contains("createPageHTML") || text.contains("countPage")
      || text.contains("pageCount")
    {
      found.listPages = trsPages(scripts: scripts, url: url, maxPages: limit)
    }
    if text.contains("datastore") || text.contains("jpage") {
      let jcms = jcmsList(text: text, scripts: scripts, url: url, maxPages: limit)
      found.recordLinks = jcms.recordLinks
      found.posts = jcms.posts
    }
    return found
  }

  /// Whether the page has any marker worth a closer look (a byte search: most pages have none).
  static func mayHavePagination(_ text: String) -> Bool {
    text.contains("createPageHTML") || text.contains("countPage") || text.contains("pageCount")
      || text.contains("datastore") || text.contains("jpage")
  }

  // MARK: - Script blocks

  /// A `<script>` element: its start tag's attributes and its text.
  struct ScriptBlock {
    var attributes: Substring
    var body: Substring

    /// Whether the type attribute says XML (JCMS's data island), not JavaScript.
    var isXML: Bool { attributes.lowercased().contains("xml") }
  }

  /// The script elements of an HTML text, in order (an unterminated one runs to the end).
  static func scriptBlocks(_ text: String) -> [ScriptBlock] {
    var blocks: [ScriptBlock] = []
    var rest = text[...]
    while let open = rest.range(of: "<script", options: .caseInsensitive) {
      guard let close = rest[open.upperBound...].firstIndex(of: ">") else { break }
      let attributes = rest[open.upperBound..<close]
      let bodyStart = rest.index(after: close)
      let end = rest[bodyStart...].range(of: "</script", options: .caseInsensitive)
      blocks.append(
        ScriptBlock(attributes: attributes, body: rest[bodyStart..<(end?.lowerBound ?? rest.endIndex)]))
      guard let end else { break }
      rest = rest[end.upperBound...]
    }
    return blocks
  }

  // MARK: - Shared helpers

  /// `reference` resolved against `base`, or nil.
  static func absolute(_ reference: String, base: String) -> String? {
    let trimmed = reference.trimmingSpaces()
    guard !trimmed.isEmpty, !trimmed.lowercased().hasPrefix("javascript:"),
      !trimmed.hasPrefix("#")
    else { return nil }
    return URLCanonicalizer.resolve(decodeEntities(trimmed), against: base)
  }

  /// `&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;` decoded (attribute values copied out of markup).
  static func decodeEntities(_ s: String) -> String {
    guard s.contains("&") else { return s }
    return s.replacingAll("&quot;", "\"").replacingAll("&#39;", "'").replacingAll("&lt;", "<")
      .replacingAll("&gt;", ">").replacingAll("&amp;", "&")
  }

  /// The `href` values of the `<a>`-like tags in an HTML fragment, in order.
  static func hrefs(in fragment: Substring) -> [String] {
    var out: [String] = []
    var rest = fragment
    while let r = rest.range(of: "href", options: .caseInsensitive) {
      rest = rest[r.upperBound...]
      var i = rest.startIndex
      while i < rest.endIndex, rest[i] == " " || rest[i] == "\t" || rest[i] == "\n" {
        i = rest.index(after: i)
      }
      guard i < rest.endIndex, rest[i] == "=" else { continue }
      i = rest.index(after: i)
      while i < rest.endIndex, rest[i] == " " || rest[i] == "\t" || rest[i] == "\n" {
        i = rest.index(after: i)
      }
      guard i < rest.endIndex else { break }
      let quote = rest[i]
      let value: Substring
      if quote == "\"" || quote == "'" {
        let start = rest.index(after: i)
        let end = rest[start...].firstIndex(of: quote) ?? rest.endIndex
        value = rest[start..<end]
        rest = rest[end...]
      } else {
        let end = rest[i...].firstIndex(where: { $0 == " " || $0 == ">" || $0 == "\t" }) ?? rest.endIndex
        value = rest[i..<end]
        rest = rest[end...]
      }
      out.append(String(value))
    }
    return out
  }

  /// `application/x-www-form-urlencoded` serialisation of one name or value (WHATWG: `*-._` and
  /// alphanumerics kept, space as `+`, everything else UTF-8 percent-encoded).
  static func formEncode(_ s: String) -> String {
    var out = ""
    let hex = Array("0123456789ABCDEF")
    for b in s.utf8 {
      switch b {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2A, 0x2D, 0x2E, 0x5F:
        out.append(Character(Unicode.Scalar(b)))
      case 0x20: out.append("+")
      default:
        out.append("%")
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 15)])
      }
    }
    return out
  }

  /// A number literal as JavaScript would print it in a form (`15`, not `15.0`).
  static func numberText(_ d: Double) -> String {
    if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    return String(d)
  }

  /// A count read from script as a bounded Int (nil when not a positive whole number).
  static func count(_ d: Double?) -> Int? {
    guard let d, d.isFinite, d >= 0, d < 1e15 else { return nil }
    return Int(d)
  }
}

extension StringProtocol {
  /// Every occurrence of `target` replaced (literal, no Foundation options).
  fileprivate func replacingAll(_ target: String, _ replacement: String) -> String {
    var out = ""
    var rest = self[...]
    while let r = rest.range(of: target) {
      out += rest[rest.startIndex..<r.lowerBound]
      out += replacement
      rest = rest[r.upperBound...]
    }
    out += rest
    return out
  }
}
