import Fetch
import Foundation
import Frontier
import HTML

/// Page requisites (`scope.requisites`): what replaying an in-scope page needs, fetched from any
/// host as Heritrix's transclusion hops.
///
/// A page's requisites (`PageAnalysis.requisites`) are queued as `.requisite` at the page's
/// depth; a fetched requisite is archived as a resource and never analysed as a page (no
/// article, no links followed), except that a stylesheet's `url()` and `@import` references
/// are queued as `.styleRequisite`, whose own references are not read: at most two hops from
/// the page. A redirect of a requisite keeps its kind.
extension Crawler {
  /// The canonical references of a requisite stylesheet's 200 response (worker thread), nil
  /// for anything else: Content-Encoding undone within `fetch.max_body_bytes`, at most
  /// `scope.max_links_per_page` references, resolved against the stylesheet's URL.
  func stylesheetReferences(_ record: URLRecord, _ response: FetchResponse) -> [String]? {
    guard config.requisites, record.kind == .requisite, response.status == 200,
      !response.truncated,
      Self.isStylesheet(contentType: response.header("Content-Type"), url: record.url),
      let css = try? pipeline.decodedBody(
        response.body, contentEncoding: response.header("Content-Encoding"))
    else { return nil }
    var seen = Set<String>()
    var out: [String] = []
    let refs = css.withUnsafeBufferPointer { CSSURLScanner.references(in: $0) }
    for ref in refs where out.count < pipeline.maxLinks {
      let clean = ref.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !clean.isEmpty, !clean.hasPrefix("#"), !clean.lowercased().hasPrefix("data:"),
        let absolute = URLCanonicalizer.resolve(clean, against: response.url),
        let canonical = canonicalizer.canonicalize(absolute), seen.insert(canonical).inserted
      else { continue }
      out.append(canonical)
    }
    return out
  }

  /// Whether a response is a stylesheet: `text/css`, or without a Content-Type a `.css` path.
  static func isStylesheet(contentType: String?, url: String) -> Bool {
    if let type = contentType?.lowercased() {
      return type.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) == "text/css"
    }
    var path = Substring(url)
    if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
    return path.lowercased().hasSuffix(".css")
  }

  /// Queues a requisite stylesheet's references as `.styleRequisite` (engine queue).
  func admitStyleReferences(
    _ refs: [String], from stylesheet: URLRecord, into out: inout [URLRecord]
  ) {
    guard config.requisites, !refs.isEmpty else { return }
    admit(refs, from: stylesheet, into: &out, requisites: Set(refs), requisiteKind: .styleRequisite)
  }

  /// The kind a redirect's target is queued as: a sitemap's or a requisite's own, else nil.
  static func redirectTargetKind(_ kind: URLKind) -> URLKind? {
    kind == .sitemap || kind.isRequisite ? kind : nil
  }

  /// A page's outlinks as stored in `URLRecord.outlinks`: one a line, requisites marked "+".
  static func outlinkLines(_ links: [String], requisites: Set<String>) -> String {
    links.map { requisites.contains($0) ? "+" + $0 : $0 }.joined(separator: "\n")
  }

  /// The links and requisites of stored `URLRecord.outlinks` (see `outlinkLines`).
  static func parseOutlinks(_ stored: String) -> (links: [String], requisites: Set<String>) {
    var links: [String] = []
    var requisites = Set<String>()
    for line in stored.split(separator: "\n") {
      if line.hasPrefix("+") {
        let url = String(line.dropFirst())
        requisites.insert(url)
        links.append(url)
      } else {
        links.append(String(line))
      }
    }
    return (links, requisites)
  }
}
