import Foundation

/// Ground truth as JSON lines, in the format `../shared/bench/score_extract.py` reads.
extension SamplePortalSite {
  private struct ArticleLine: Encodable {
    var url: String
    var id: Int
    var section: String
    var title: String
    var date: String
    var source: String
    var author: String
    var paragraphs: [String]
    var createdOnDay: Int
    var editedOnDay: Int?
    var attachment: Bool

    enum CodingKeys: String, CodingKey {
      case url, id, section, title, date, source, author, paragraphs, attachment
      case createdOnDay = "created_on_day"
      case editedOnDay = "edited_on_day"
    }
  }

  private struct SiteLine: Encodable {
    var kind = "site"
    var home: String
    var articleCount: Int
    var listPages: [String]
    var watermarks: [String]
    var boilerplate: [String]
    var deadLinks: [String]
    var flaky500: [String]
    var redirects: [String: String]
    var traps: [String]
    var disallowed: [String]
    var chunkedSection: String

    enum CodingKeys: String, CodingKey {
      case kind, home, watermarks, boilerplate, redirects, traps, disallowed
      case chunkedSection = "chunked_section"
      case articleCount = "article_count"
      case listPages = "list_pages"
      case deadLinks = "dead_links"
      case flaky500 = "flaky_500"
    }
  }

  /// One JSON object per article (`url` is `baseURL` + path), then one `{"kind":"site",…}` line
  /// with watermarks, boilerplate, list pages and the fault and trap paths. Keys are sorted, so
  /// the output is byte-stable.
  public func truthJSONLines(baseURL: String = "") throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var out = ""
    for a in articles {
      let line = ArticleLine(
        url: baseURL + a.path, id: a.id, section: a.section, title: a.title, date: a.date,
        source: a.source, author: a.author, paragraphs: a.paragraphs,
        createdOnDay: a.createdOnDay, editedOnDay: a.editedOnDay, attachment: a.hasAttachment)
      out += String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
    }
    let site = SiteLine(
      home: baseURL + homePath, articleCount: articles.count, listPages: listPaths,
      watermarks: watermarks, boilerplate: boilerplate, deadLinks: deadLinkPaths,
      flaky500: flakyPath.map { [$0] } ?? [], redirects: redirectPaths,
      traps: ["/search/?q=", "/calendar/?d="], disallowed: ["/search/"],
      chunkedSection: sections[chunkedSection].slug)
    out += String(decoding: try encoder.encode(site), as: UTF8.self) + "\n"
    return out
  }
}
