import ArgumentParser
import Crawl
import Foundation
import Index

/// `portal-archiver search QUERY [filters] [--limit N] [--json]`: ranked hits from the index.
///
/// Exit codes follow grep: 0 with hits, 1 with none, 2 for a bad query, a bad date or an index
/// that cannot be read (the message says which). Reads the state DB read-only, so it runs
/// while a crawl writes.
struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Search the archived articles' titles and text (Chinese-aware).",
    discussion: """
      QUERY: terms and "quoted phrases", joined by spaces or AND, OR, NOT (upper case) and \
      parentheses. Every term matches as an exact substring of the title or text (ASCII case \
      and full-width letters and digits ignored), whatever its length: 税 and 中国 find \
      what they are part of. Several words without quotes are one query: `search 中国 经济` \
      finds articles with both. Days are UTC YYYY-MM-DD, inclusive. \
      Exit 0 with hits, 1 with none, 2 for a bad query or date.
      """)

  @OptionGroup var options: ConfigOptions
  @Option(help: "Only this host and its subdomains.") var host: String?
  @Option(help: "Fetched on or after this day (YYYY-MM-DD).") var from: String?
  @Option(help: "Fetched on or before this day (YYYY-MM-DD).") var to: String?
  @Option(name: .customLong("published-from"), help: "Published on or after this day.")
  var publishedFrom: String?
  @Option(name: .customLong("published-to"), help: "Published on or before this day.")
  var publishedTo: String?
  @Option(name: .customLong("url-prefix"), help: "Only URLs starting with this string.")
  var urlPrefix: String?
  @Option(help: "At most this many hits (1–1000).") var limit = 20
  @Option(help: "Skip this many hits first (paging).") var offset = 0
  @Flag(help: "One JSON object per hit and line.") var json = false
  @Argument(help: "The query (several words are joined with spaces).") var query: [String]

  func validate() throws {
    guard (1...1000).contains(limit) else { throw ValidationError("--limit must be 1 to 1000") }
    guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
  }

  func run() throws {
    let parsed: SearchQuery
    do {
      parsed = try SearchQuery(query.joined(separator: " "))
    } catch {
      throw fail("bad query: \(error)", code: 2)
    }
    let filters = SearchFilters(
      host: host, fetchedFrom: from, fetchedTo: to, publishedFrom: publishedFrom,
      publishedTo: publishedTo, urlPrefix: urlPrefix)
    do {
      try filters.validate()
    } catch {
      throw fail("\(error)", code: 2)
    }
    let config = try options.loadOrExit()
    let hits: [SearchHit]
    do {
      let index = try SearchIndex(path: config.statePath)
      hits = try index.search(parsed, filters: filters, limit: limit, offset: offset)
    } catch {
      throw fail("\(error)", code: 2)
    }
    var out = ""
    for (i, hit) in hits.enumerated() {
      out += json ? Self.jsonLine(hit) + "\n" : Self.textBlock(hit, number: offset + i + 1)
    }
    FileHandle.standardOutput.write(Data(out.utf8))
    if hits.isEmpty { throw ExitCode(1) }
  }
}
