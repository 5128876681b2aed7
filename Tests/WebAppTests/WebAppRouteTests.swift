import Foundation
import SamplePortal
import Testing
import TestSupport
import WARC
import WebApp
import ZIPFoundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Every route of the web app over HTTP on loopback, on a crawl of the sample portal (day 0,
/// then day 1 on the same state): status and content, and the 4xx pages of bad requests.
@Suite(.serialized) struct WebAppRouteTests {
  /// The `portal-archiver` binary next to this test bundle.
  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("portal-archiver")
  }

  static func run(_ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Runs the binary off the cooperative pool, which the portal server needs meanwhile.
  static func runAsync(_ arguments: [String]) async throws -> (Int32, String) {
    try await withCheckedThrowingContinuation { c in
      DispatchQueue.global().async { c.resume(with: Result { try run(arguments) }) }
    }
  }

  struct Answer {
    var status: Int
    var headers: [String: String]
    var body: String
    var bytes: Data
  }

  /// GET (or `method`) `path` on the app at `port`.
  static func get(_ port: Int, _ path: String, method: String = "GET") async throws -> Answer {
    var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
    request.httpMethod = method
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = try #require(response as? HTTPURLResponse)
    var headers: [String: String] = [:]
    for (k, v) in http.allHeaderFields {
      if let k = k as? String, let v = v as? String { headers[k.lowercased()] = v }
    }
    return Answer(
      status: http.statusCode, headers: headers, body: String(decoding: data, as: UTF8.self),
      bytes: data)
  }

  static func encoded(_ s: String) -> String {
    var allowed = CharacterSet.alphanumerics.intersection(
      CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
    allowed.insert(charactersIn: "-._~")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }

  /// The port of an app serving `archive`, running until `body` returns.
  static func withApp<T: Sendable>(_ archive: String, _ body: (Int) async throws -> T) async throws
    -> T
  {
    let app = try WebApp(archiveRoot: archive, statePath: archive + "/state.sqlite")
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let task = Task {
      try await app.run(bind: "127.0.0.1", port: 0) { port in continuation.yield(port) }
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw CancellationError() }
    do {
      let result = try await body(port)
      task.cancel()
      _ = await task.result
      return result
    } catch {
      task.cancel()
      _ = await task.result
      throw error
    }
  }

  /// The archive of the sample portal crawled on day 0 then day 1 (same state), with the
  /// URLs of the articles edited on day 1 and their added paragraphs.
  struct Fixture {
    var dir: TemporaryDirectory
    var archive: String
    var articles: [ArchivedArticle]
    var edited: [String: String]
  }

  static func crawlFixture() async throws -> Fixture {
    let dir = try TemporaryDirectory()
    let archive = dir.path + "/archive"
    let conf = dir.path + "/crawl.conf"
    try "[crawl]\ndelay = 0\nrecrawl_after_days = 0\n".write(toFile: conf, atomically: true, encoding: .utf8)
    var edited: [String: String] = [:]
    // One server, its site replaced by day 1's: the same URLs, some articles edited.
    try await SamplePortalFixtures.withServer { server, url in
      for day in [0, 1] {
        server.replaceSite(SamplePortalSite(config: SamplePortalConfig(day: day)))
        let (status, out) = try await Self.runAsync([
          "crawl", "-c", conf, "-a", archive, "-s", url.absoluteString + "/", "-q",
        ])
        #expect(status == 0, "\(out)")
      }
      for a in server.site.articles where a.editedOnDay == 1 {
        edited[url.absoluteString + a.path] = a.paragraphs.last ?? ""
      }
    }
    var articles: [ArchivedArticle] = []
    try WARCArchive(root: archive).forEachArticle { articles.append($0) }
    return Fixture(dir: dir, archive: archive, articles: articles, edited: edited)
  }

  @Test func everyRouteAnswersWithItsContentAndBadRequestsGetA4xxPage() async throws {
    let f = try await Self.crawlFixture()
    #expect(!f.edited.isEmpty, "day 1 edits some articles")
    let a = try #require(f.articles.first { !$0.metadata.title.isEmpty && f.edited[$0.url] == nil })
    try await Self.withApp(f.archive) { port in
      try await Self.checkHome(port)
      try await Self.checkSearch(port, a)
      try await Self.checkArticle(port, a, f)
      try await Self.checkChanges(port, f)
      try await Self.checkReplay(port, a)
      try await Self.checkExports(port, a, f)
      try await Self.checkBadRequests(port, a)
    }
  }

  /// The app serves while a crawl writes the archive: every page answered during the day-1
  /// crawl is a 200, and the articles it adds are found once it is done.
  @Test func servesWhileACrawlWritesTheArchive() async throws {
    let dir = try TemporaryDirectory()
    let archive = dir.path + "/archive"
    let conf = dir.path + "/crawl.conf"
    try "[crawl]\ndelay = 0.01\nrecrawl_after_days = 0\n".write(toFile: conf, atomically: true, encoding: .utf8)
    try await SamplePortalFixtures.withServer { server, url in
      let crawl = ["crawl", "-c", conf, "-a", archive, "-s", url.absoluteString + "/", "-q"]
      let (first, out) = try await Self.runAsync(crawl)
      #expect(first == 0, "\(out)")
      let site1 = SamplePortalSite(config: SamplePortalConfig(day: 1))
      let added = site1.articles.filter { $0.createdOnDay == 1 }
      #expect(!added.isEmpty)
      server.replaceSite(site1)
      try await Self.withApp(archive) { port in
        let done = Flag()
        let running = Task {
          defer { done.set() }
          return try await Self.runAsync(crawl)
        }
        var statuses: [String: Int] = [:]
        var answered = 0
        // Pages read while the crawl writes (at least one round, until it is done).
        repeat {
          for path in ["/", "/search?q=%E7%9A%84", "/changes"] {
            let r = try await Self.get(port, path)
            statuses[path + " \(r.status)", default: 0] += 1
            answered += 1
          }
        } while !done.isSet
        let (second, out2) = try await running.value
        #expect(second == 0, "\(out2)")
        #expect(statuses.keys.allSatisfy { $0.hasSuffix(" 200") }, "\(statuses)")
        #expect(answered >= 3)
        let title = try #require(added.first?.title)
        let found = try await Self.get(port, "/search?q=" + Self.encoded("\"\(title)\""))
        #expect(found.status == 200 && found.body.contains(url.absoluteString + (added.first?.path ?? "")))
      }
    }
  }

  /// A flag set once by one task and read by another.
  final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
  }

  static func checkHome(_ port: Int) async throws {
    let home = try await get(port, "/")
    #expect(home.status == 200)
    #expect(home.headers["content-type"] == "text/html; charset=utf-8")
    #expect(home.body.contains("<svg") && home.body.contains("<rect"), "the per-day chart")
    #expect(home.body.contains(">127.0.0.1<"), "the host is listed")
    #expect(home.body.contains("<h2>Runs</h2>"))
    let runs = home.body.components(separatedBy: "<h2>Runs</h2>").last ?? ""
    #expect(runs.components(separatedBy: "<tr><td>").count - 1 == 2, "two runs listed")
    // A host's link lists its articles with no terms, newest first; so do its exports.
    let link = try #require(
      home.body.components(separatedBy: "href=\"").dropFirst().map {
        String($0.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
      }.first { $0.hasPrefix("/search?host=") })
    let listed = try await get(port, link)
    #expect(listed.status == 200)
    #expect(listed.body.contains("<ol class=\"hits\""), "the host's articles are listed")
    #expect(!listed.body.contains("id=\"no-hits\""))
    let lines = try await get(port, "/export.jsonl?host=127.0.0.1&q=")
    #expect(lines.status == 200)
    #expect(lines.body.split(separator: "\n").count > 1)
    let nothing = try await get(port, "/export.jsonl?q=")
    #expect(nothing.status == 400)
    #expect(nothing.body.contains("nothing to search"))
  }

  static func checkSearch(_ port: Int, _ a: ArchivedArticle) async throws {
    let phrase = a.metadata.title
    let search = try await get(port, "/search?q=" + encoded(phrase))
    #expect(search.status == 200)
    #expect(search.body.contains(a.url))
    #expect(search.body.contains("name=\"url-prefix\""), "the form has every filter")
    let body = String(a.text.prefix(8))
    let inText = try await get(port, "/search?q=" + encoded("\"\(body)\""))
    #expect(inText.status == 200)
    #expect(inText.body.contains("<mark>\(body)</mark>"), "the snippet marks the hit")
    #expect(inText.body.contains(a.url))
    let q = "/search?q=" + encoded("\"\(body)\"")
    let day = String(a.fetched.prefix(10))
    let published = String(a.metadata.published.prefix(10))
    // Each filter keeps the hit when it matches and drops it when it does not.
    let filters: [(String, Bool)] = [
      ("&host=127.0.0.1", true), ("&host=nowhere.example", false),
      ("&url-prefix=" + encoded(a.url), true), ("&url-prefix=" + encoded("http://nowhere.example/"), false),
      ("&from=\(day)&to=\(day)", true), ("&to=2000-01-01", false), ("&from=2999-01-01", false),
      ("&published-from=\(published)&published-to=\(published)", true),
      ("&published-to=1990-01-01", false),
    ]
    for (filter, kept) in filters {
      let r = try await get(port, q + filter)
      #expect(r.status == 200, "\(filter)")
      #expect(r.body.contains(a.url) == kept, "\(filter): kept \(kept)")
      if !kept { #expect(r.body.contains("No article matches"), "\(filter)") }
    }
    let one = try await get(port, "/search?q=%E7%9A%84")  // 的: a one-character scan
    #expect(one.status == 200)
    #expect(one.body.contains("rel=\"next\""), "paging over more than 20 hits")
    #expect(one.body.components(separatedBy: "<li class=\"hit\">").count - 1 == 20)
    let two = try await get(port, "/search?q=%E7%9A%84&page=2")
    #expect(two.status == 200 && two.body.contains("rel=\"prev\"") && two.body.contains("start=\"21\""))
    let firstPage = Set(hitURLs(one.body))
    #expect(firstPage.isDisjoint(with: hitURLs(two.body)), "page 2 shows other hits")
  }

  /// The article URLs of a search page's hits, in order.
  static func hitURLs(_ page: String) -> [String] {
    page.components(separatedBy: "<li class=\"hit\"><a class=\"title\" href=\"/article?url=").dropFirst()
      .map { String($0.prefix { $0 != "\"" }) }
  }

  static func checkArticle(_ port: Int, _ a: ArchivedArticle, _ f: Fixture) async throws {
    let article = try await get(port, "/article?url=" + encoded(a.url))
    #expect(article.status == 200)
    #expect(article.body.contains("<h1 id=\"title\">\(a.metadata.title)</h1>"))
    for p in a.text.split(separator: "\n").prefix(3) { #expect(article.body.contains("<p>\(p)</p>")) }
    #expect(article.body.contains("<td>\(a.metadata.published)</td>"))
    #expect(article.body.contains("id=\"captures\""))
    let rows = article.body.components(separatedBy: "id=\"captures\"").last?
      .components(separatedBy: "</table>").first ?? ""
    #expect(rows.components(separatedBy: "<tr><td>").count - 1 == 2, "two captures, day 0 and 1")
    #expect(rows.contains("first version"))
    // An edited article: the difference of its two captures marks the added paragraph.
    let (url, added) = try #require(f.edited.first)
    let edited = try await get(port, "/article?url=" + encoded(url))
    #expect(edited.status == 200)
    #expect(edited.body.contains("new version"))
    #expect(edited.body.contains("<ins>\(added)</ins>"), "the added paragraph is marked")
    let stamps = edited.body.components(separatedBy: "<option value=\"").dropFirst()
      .map { String($0.prefix { $0 != "\"" }) }
    let pair = Array(Set(stamps)).sorted()
    #expect(pair.count == 2)
    if pair.count == 2 {
      let reversed = try await get(port, "/article?url=\(encoded(url))&a=\(pair[1])&b=\(pair[0])")
      #expect(reversed.status == 200)
      #expect(reversed.body.contains("<del>\(added)</del>"), "old→new swapped: the paragraph is removed")
      let same = try await get(port, "/article?url=\(encoded(url))&a=\(pair[0])&b=\(pair[0])")
      #expect(same.body.contains("Same text."))
    }
    let missing = try await get(port, "/article?url=\(encoded(url))&a=19990101000000")
    #expect(missing.status == 404 && missing.body.contains("no capture of"))
  }

  static func checkChanges(_ port: Int, _ f: Fixture) async throws {
    let changes = try await get(port, "/changes")
    #expect(changes.status == 200)
    var listed: [String: String] = [:]
    for section in changes.body.components(separatedBy: "<section class=\"change\">").dropFirst() {
      guard let r = section.range(of: "<p class=\"meta\">") else { continue }
      listed[String(section[r.upperBound...].prefix { $0 != " " })] = section
    }
    #expect(Set(listed.keys) == Set(f.edited.keys), "changes lists \(listed.keys.sorted())")
    for (url, added) in f.edited {
      #expect(listed[url]?.contains("<ins>\(added)</ins>") == true, "\(url): its added paragraph")
    }
  }

  static func checkReplay(_ port: Int, _ a: ArchivedArticle) async throws {
    let replay = try await get(port, "/replay?url=" + encoded(a.url))
    #expect(replay.status == 200)
    #expect(replay.headers["content-security-policy"]?.hasPrefix("sandbox") == true)
    #expect(replay.headers["content-type"] == "text/html; charset=utf-8")
    #expect(replay.body.contains("id=\"portal-archiver-banner\""))
    // GBK bytes decoded with the crawl-time charset: the title reads as archived.
    #expect(a.metadata.charset.lowercased().hasPrefix("gb"))
    #expect(replay.body.contains(a.metadata.title))
    let firstParagraph = try #require(a.text.split(separator: "\n").first)
    #expect(replay.body.contains(String(firstParagraph.prefix(20))))
    #expect(!replay.body.contains("href=\"http://127.0.0.1"), "a link left pointing to the site")
    #expect(!replay.body.contains("src=\"/img"), "an image left pointing to the site")
    // Links lead to the nearest capture: the replay of the home page and of an image.
    let links = replay.body.components(separatedBy: "=\"/replay?url=").dropFirst()
      .map { "/replay?url=" + String($0.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&") }
    #expect(links.allSatisfy { $0.contains("&at=") }, "each link carries the capture time")
    let image = try #require(links.first { $0.contains("%2Fimg%2F") }, "the article's image")
    let picture = try await get(port, image)
    #expect(picture.status == 200)
    #expect(picture.headers["content-type"]?.hasPrefix("image/") == true)
    #expect(picture.bytes.starts(with: [0xFF, 0xD8]), "JPEG bytes from the archive")
    let home = try #require(links.first { $0.hasPrefix("/replay?url=" + encoded("http://127.0.0.1")) && $0.contains("%2F&at=") })
    let homePage = try await get(port, home)
    #expect(homePage.status == 200 && homePage.body.contains("portal-archiver-banner"), "\(home)")
  }

  static func checkExports(_ port: Int, _ a: ArchivedArticle, _ f: Fixture) async throws {
    let phrase = a.metadata.title
    let export = try await get(port, "/export.jsonl?q=" + encoded(phrase))
    #expect(export.status == 200)
    let lines = export.body.split(separator: "\n")
    var urls: Set<String> = []
    for line in lines {
      let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      if let u = o?["url"] as? String { urls.insert(u) }
    }
    #expect(urls.contains(a.url))
    #expect(urls.count == lines.count && urls.count < f.articles.count)

    let wacz = try await get(port, "/export.wacz?q=" + encoded(phrase))
    #expect(wacz.status == 200)
    #expect(wacz.headers["content-type"] == "application/wacz+zip")
    let file = f.dir.path + "/search.wacz"
    try wacz.bytes.write(to: URL(fileURLWithPath: file))
    let zip = try Archive(url: URL(fileURLWithPath: file), accessMode: .read)
    var contents: [String: Data] = [:]
    for entry in zip {
      var data = Data()
      _ = try zip.extract(entry) { data.append($0) }
      contents[entry.path] = data
    }
    for name in ["datapackage.json", "datapackage-digest.json", "pages/pages.jsonl", "indexes/index.cdx"] {
      #expect(contents[name] != nil, "\(name) in the WACZ")
    }
    let warcs = contents.keys.filter { $0.hasPrefix("archive/") && $0.hasSuffix(".warc.gz") }
    #expect(warcs.count == 1)
    // pages: exactly the hits.
    let pages = String(decoding: contents["pages/pages.jsonl"] ?? Data(), as: UTF8.self)
      .split(separator: "\n").dropFirst().compactMap {
        (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["url"] as? String
      }
    #expect(Set(pages) == urls)
    // The archive: only the hits' records, their responses and article records among them.
    let warcPath = f.dir.path + "/export.warc.gz"
    try (contents[warcs.first ?? ""] ?? Data()).write(to: URL(fileURLWithPath: warcPath))
    let reader = try WARCReader(path: warcPath)
    var types: [String: Int] = [:]
    var targets: Set<String> = []
    while let item = try reader.next() {
      let r = item.record
      types[r.type ?? "", default: 0] += 1
      guard r.type != "warcinfo" else { continue }
      targets.insert(WARCRecord.pageURL(fromTargetURI: r.targetURI ?? ""))
    }
    #expect(targets == urls, "records of \(targets.subtracting(urls).sorted().prefix(3)) are not hits")
    #expect(types["response", default: 0] >= urls.count)
    #expect(types["metadata", default: 0] >= urls.count)
    let index = String(decoding: contents["indexes/index.cdx"] ?? Data(), as: UTF8.self)
      .split(separator: "\n")
    #expect(!index.isEmpty)
    for line in index {
      let json = line.split(separator: " ", maxSplits: 2).last.map(String.init) ?? ""
      let o = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
      let u = WARCRecord.pageURL(fromTargetURI: o?["url"] as? String ?? "")
      #expect(urls.contains(u), "index line of a non-hit: \(line.prefix(120))")
    }
    let none = try await get(port, "/export.wacz?q=" + encoded("\"不存在的短语甲乙丙\""))
    #expect(none.status == 404 && none.body.contains("nothing to export"))
  }

  static func checkBadRequests(_ port: Int, _ a: ArchivedArticle) async throws {
    let bad: [(String, String)] = [
      ("/search?q=%22abc", "unbalanced quote"),
      ("/search?q=" + String(repeating: "%E4%B8%AD", count: 3500), "the query is too long"),
      ("/search?q=a&from=2024-02-30", "invalid date &#39;2024-02-30&#39; for from"),
      ("/search?q=a&published-to=yesterday", "invalid date"),
      ("/search?q=a&page=x", "invalid page"),
      ("/export.jsonl?q=(a", "unbalanced parenthesis"),
      ("/export.wacz?q=(a", "unbalanced parenthesis"),
      ("/article", "missing url"),
      ("/article?url=" + encoded("http://nowhere.example/x.html"), "no archived article"),
      ("/replay?url=" + encoded("http://nowhere.example/x.html"), "is not in the archive"),
      ("/replay?url=" + encoded("file:///etc/passwd"), "is not in the archive"),
      ("/replay?url=" + encoded("/etc/passwd"), "is not in the archive"),
      ("/replay?url=" + encoded("../../state.sqlite"), "is not in the archive"),
      ("/replay?url=" + encoded(a.url) + "&at=yesterday", "invalid capture time"),
      ("/../../etc/passwd", "no page at"),
      ("/%2e%2e/%2e%2e/etc/passwd", "no page at"),
      ("/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "no page at"),
      ("//etc/passwd", "no page at"),
      ("/state.sqlite", "no page at"),
      ("/nothing", "no page at"),
    ]
    for (path, message) in bad {
      let r = try await get(port, path)
      #expect((400..<500).contains(r.status), "\(path.prefix(60)): \(r.status)")
      #expect(r.body.contains(message), "\(path.prefix(60)): \(r.body.suffix(300))")
      #expect(!r.body.contains("root:x:0"), "\(path.prefix(60)) read a file outside the archive")
    }
    #expect(try await get(port, "/", method: "POST").status == 405)
  }
}
