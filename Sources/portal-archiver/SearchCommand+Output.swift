import Foundation
import HTML
import Index

extension SearchCommand {
  /// A hit as one JSON object: url, title, published, source, author, host, fetched,
  /// warc_file, warc_offset, score, snippet (hits between « and »).
  static func jsonLine(_ h: SearchHit) -> String {
    var j = JSONLine()
    j.add("url", h.url)
    j.add("title", h.title)
    j.add("published", h.published)
    j.add("source", h.source)
    j.add("author", h.author)
    j.add("host", h.host)
    j.add("fetched", h.fetched)
    j.add("warc_file", h.warcFile)
    j.add("warc_offset", Int(h.warcOffset))
    j.add("score", h.score)
    j.add("snippet", h.snippet.marked())
    return j.closed
  }

  /// A hit for people: number and title, publication day, URL (hosts in Unicode), fetch
  /// time, snippet; a blank line after.
  static func textBlock(_ h: SearchHit, number: Int) -> String {
    let published = h.published.isEmpty ? "" : "  (\(h.published))"
    return """
      \(number). \(h.title)\(published)
         \(IDNDisplay.url(h.url))
         fetched \(h.fetched)
         \(h.snippet.marked())


      """
  }
}
