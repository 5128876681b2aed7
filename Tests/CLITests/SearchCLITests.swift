import Foundation
import SamplePortal
import Testing
import TestSupport
import WARC

/// `search` and `index --rebuild` on a crawl of the sample portal: exit codes, JSON lines,
/// exact precision and recall against the archived texts, a rebuild equal to the live index,
/// and an index that survives a kill of the crawl.
@Suite(.serialized) struct SearchCLITests {
  /// Crawls the sample portal (day 0, then `day` if given) into `dir`/archive.
  static func crawl(_ dir: TemporaryDirectory, days: [Int] = [0], environment: [String: String] = [:])
    async throws -> String
  {
    let archive = dir.path + "/archive"
    let conf = dir.path + "/crawl.conf"
    try "[crawl]\ndelay = 0\nrecrawl_after_days = 0\n[archive]\nsync_every = 8\n".write(
      toFile: conf, atomically: true, encoding: .utf8)
    // One server, its site replaced by the next day's: the same URLs, some edited.
    try await SamplePortalFixtures.withServer(SamplePortalConfig(day: days[0])) { server, url in
      for day in days {
        server.replaceSite(SamplePortalSite(config: SamplePortalConfig(day: day)))
        let args = ["crawl", "-c", conf, "-a", archive, "-s", url.absoluteString + "/", "-q"]
        let r = try await KillRecoveryCLITests.run(args, environment: environment)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
      }
    }
    return archive
  }

  /// The latest article of every archived URL, read from the WARC files.
  static func articles(_ archive: String) throws -> [ArchivedArticle] {
    var out: [ArchivedArticle] = []
    try WARCArchive(root: archive).forEachArticle { out.append($0) }
    return out
  }

  /// The URLs of `search --json` lines; every line must be a JSON object with the keys.
  static func searchURLs(_ archive: String, _ args: [String]) throws -> (Int32, [String]) {
    let r = try CLITests.run(["search", "-a", archive, "--json", "--limit", "1000"] + args)
    var urls: [String] = []
    for line in r.stdout.split(separator: "\n") {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
      for key in ["url", "title", "published", "fetched", "snippet", "warc_file", "warc_offset"] {
        #expect(object[key] != nil, "no \(key) in \(line)")
      }
      urls.append(try #require(object["url"] as? String))
    }
    return (r.status, urls)
  }

  /// Full-width letters and digits as ASCII, ASCII lower-cased: what search ignores.
  static func fold(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
      var v = u.value
      if (0xFF10...0xFF19).contains(v) || (0xFF21...0xFF3A).contains(v)
        || (0xFF41...0xFF5A).contains(v)
      {
        v -= 0xFEE0
      }
      if (0x41...0x5A).contains(v) { v += 0x20 }
      out.append(Unicode.Scalar(v) ?? u)
    }
    return String(out)
  }

  /// Substrings of `text` of `length` characters without spaces or line breaks, picked
  /// deterministically.
  static func phrases(of text: String, length: Int, count: Int, seed: UInt64) -> [String] {
    let chars = Array(text)
    guard chars.count > length else { return [] }
    var rng = SplitMix64(seed: seed)
    var out: [String] = []
    var tries = 0
    while out.count < count, tries < 100 {
      tries += 1
      let start = Int(rng.next() % UInt64(chars.count - length))
      let piece = chars[start..<(start + length)]
      if piece.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "(" || $0 == ")" }) {
        continue
      }
      out.append(String(piece))
    }
    return out
  }

  @Test func searchFindsExactlyTheArticlesContainingAPhraseAndRebuildAgrees() async throws {
    let dir = try TemporaryDirectory()
    let archive = try await Self.crawl(dir, days: [0, 1])
    let articles = try Self.articles(archive)
    #expect(articles.count > 20)
    var queries: [String] = []
    for (i, a) in articles.prefix(6).enumerated() {
      for length in [2, 3, 4, 8] {
        queries += Self.phrases(of: a.text, length: length, count: 1, seed: UInt64(i * 10 + length))
      }
    }
    #expect(queries.count >= 20)
    var live: [String: [String]] = [:]
    for q in queries {
      let (status, urls) = try Self.searchURLs(archive, ["\"\(q)\""])
      let expected = Set(
        articles.filter { Self.fold($0.metadata.title + "\n" + $0.text).contains(Self.fold(q)) }
          .map(\.url))
      #expect(status == 0, "\(q)")
      #expect(Set(urls) == expected, "\(q): \(urls.count) hits, \(expected.count) expected")
      #expect(urls.count == Set(urls).count, "\(q): a URL listed twice")
      live[q] = urls
    }
    let before = try CLITests.run(["index", "-a", archive])
    #expect(before.status == 0)
    #expect(before.stdout.contains(": \(articles.count) articles indexed"), "\(before.stdout)")

    let rebuilt = try CLITests.run(["index", "--rebuild", "-a", archive])
    #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
    #expect(rebuilt.stdout.contains("\(articles.count) articles indexed"), "\(rebuilt.stdout)")
    for q in queries {
      let (_, urls) = try Self.searchURLs(archive, ["\"\(q)\""])
      #expect(urls == live[q], "\(q): rebuilt index differs from the live one")
    }

    // An archive copied without its state DB becomes searchable again.
    let copy = dir.path + "/copy"
    try FileManager.default.copyItem(atPath: archive, toPath: copy)
    for suffix in ["", "-wal", "-shm", ".lock", ".live.json"] {
      try? FileManager.default.removeItem(atPath: copy + "/state.sqlite" + suffix)
    }
    let fresh = try CLITests.run(["index", "--rebuild", "-a", copy])
    #expect(fresh.status == 0, "\(fresh.stderr)")
    #expect(fresh.stdout.contains("\(articles.count) articles indexed for search"), "\(fresh.stdout)")
    for q in queries.prefix(6) {
      let (_, urls) = try Self.searchURLs(copy, ["\"\(q)\""])
      #expect(Set(urls) == Set(live[q] ?? []), "\(q) in the copy")
    }
  }

  @Test func exitCodesFollowGrepAndBadInputIsNamed() async throws {
    let dir = try TemporaryDirectory()
    let archive = try await Self.crawl(dir)
    let a = try #require(try Self.articles(archive).first)
    let title = try CLITests.run(["search", "-a", archive, a.metadata.title])
    #expect(title.status == 0, "\(title.stderr)")
    #expect(title.stdout.hasPrefix("1. "))
    #expect(title.stdout.contains(a.url))
    #expect(title.stdout.contains("fetched \(a.fetched)"))

    let none = try CLITests.run(["search", "-a", archive, "绝对不会出现的词语组合"])
    #expect(none.status == 1)
    #expect(none.stdout.isEmpty)

    let cases: [([String], String)] = [
      (["\"中国"], "bad query: unbalanced quote at 1"),
      (["中国", "AND"], "bad query: AND needs a term on each side"),
      ([String(repeating: "中", count: 3500)], "bad query: the query is too long: 10500 bytes"),
      (["--from", "2024-02-30", "中国"], "invalid date '2024-02-30' for --from"),
      (["--published-to", "昨天", "中国"], "invalid date '昨天' for --published-to"),
    ]
    for (args, message) in cases {
      let r = try CLITests.run(["search", "-a", archive] + args)
      #expect(r.status == 2, "\(args.prefix(2))")
      #expect(r.stderr.contains(message), "\(r.stderr)")
    }
    let noState = try CLITests.run(["search", "-a", dir.path + "/nothing", "中国"])
    #expect(noState.status == 2)
    #expect(noState.stderr.contains("no state DB"), "\(noState.stderr)")

    // Filters: the archive's one host, and days around the crawl's.
    let host = try #require(URL(string: a.url)?.host)
    let (s1, u1) = try Self.searchURLs(archive, ["--host", host, a.metadata.title])
    #expect(s1 == 0 && u1.contains(a.url))
    let (s2, _) = try Self.searchURLs(archive, ["--host", "other.example", a.metadata.title])
    #expect(s2 == 1)
    let day = String(a.fetched.prefix(10))
    let (s3, u3) = try Self.searchURLs(archive, ["--from", day, "--to", day, a.metadata.title])
    #expect(s3 == 0 && u3.contains(a.url))
    let (s4, _) = try Self.searchURLs(archive, ["--to", "2000-01-01", a.metadata.title])
    #expect(s4 == 1)
  }

  @Test func aKilledCrawlIndexesEveryArchivedArticleExactlyOnce() async throws {
    for point in ["before-commit", "before-commit-of-extractions"] {
      let dir = try TemporaryDirectory()
      let archive = dir.path + "/archive"
      let conf = dir.path + "/crawl.conf"
      try "[crawl]\ndelay = 0.05\n[archive]\nmax_file_size = 30000\nsync_every = 8\n".write(
        toFile: conf, atomically: true, encoding: .utf8)
      try await SamplePortalFixtures.withServer { _, url in
        let args = ["crawl", "-c", conf, "-a", archive, "-s", url.absoluteString + "/", "-q"]
        let killed = try await KillRecoveryCLITests.run(
          args, environment: ["PORTAL_ARCHIVER_FAULT": point])
        #expect(killed.status == 137, "the fault point was not reached: \(killed.stderr)")
        let resumed = try await KillRecoveryCLITests.run(args)
        #expect(resumed.status == 0, "\(resumed.stdout)\n\(resumed.stderr)")
      }
      let articles = try Self.articles(archive)
      #expect(!articles.isEmpty)
      let count = try CLITests.run(["index", "-a", archive])
      #expect(count.stdout.contains(": \(articles.count) articles indexed"), "\(point): \(count.stdout)")
      for a in articles {
        let (status, urls) = try Self.searchURLs(archive, ["\"\(a.metadata.title)\""])
        #expect(status == 0, "\(point): \(a.url) not found by its title")
        #expect(urls.filter { $0 == a.url }.count == 1, "\(point): \(a.url) listed \(urls.count)")
      }
    }
  }
}
