import Foundation
import SamplePortal
import Testing
import TestSupport
import WARC
import WebApp

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

  @Test func everyRouteAnswersWithItsContentAndBadRequestsGetA4xxPage() async throws {
    let dir = try TemporaryDirectory()
    let archive = dir.path + "/archive"
    let conf = dir.path + "/crawl.conf"
    try "[crawl]\ndelay = 0\nrecrawl_after_days = 0\n".write(toFile: conf, atomically: true, encoding: .utf8)
    var edited: [String] = []
    // One server, its site replaced by day 1's: the same URLs, some articles edited.
    try await SamplePortalFixtures.withServer { server, url in
      for day in [0, 1] {
        server.replaceSite(SamplePortalSite(config: SamplePortalConfig(day: day)))
        let (status, out) = try await Self.runAsync([
          "crawl", "-c", conf, "-a", archive, "-s", url.absoluteString + "/", "-q",
        ])
        #expect(status == 0, "\(out)")
      }
      edited = server.site.articles.filter { $0.editedOnDay == 1 }
        .map { url.absoluteString + $0.path }
    }
    var articles: [ArchivedArticle] = []
    try WARCArchive(root: archive).forEachArticle { articles.append($0) }
    let a = try #require(articles.first { !$0.metadata.title.isEmpty })

    try await Self.withApp(archive) { port in
      let home = try await Self.get(port, "/")
      #expect(home.status == 200)
      #expect(home.body.contains("<svg"))
      #expect(home.body.contains("127.0.0.1"))
      #expect(home.body.contains("Runs"))
      #expect(home.headers["content-type"] == "text/html; charset=utf-8")

      let phrase = a.metadata.title
      let search = try await Self.get(port, "/search?q=" + Self.encoded(phrase))
      #expect(search.status == 200)
      #expect(search.body.contains(a.url))
      let body = String(a.text.prefix(8))
      let inText = try await Self.get(port, "/search?q=" + Self.encoded("\"\(body)\""))
      #expect(inText.status == 200)
      #expect(inText.body.contains("<mark>\(body)</mark>"))
      #expect(inText.body.contains(a.url))
      let filtered = try await Self.get(
        port, "/search?q=" + Self.encoded(phrase) + "&host=nowhere.example&from=2000-01-01")
      #expect(filtered.status == 200)
      #expect(filtered.body.contains("No article matches"))
      let one = try await Self.get(port, "/search?q=%E7%9A%84")  // 的: a one-character scan
      #expect(one.status == 200)
      #expect(one.body.contains("rel=\"next\""), "paging over more than 20 hits")
      let two = try await Self.get(port, "/search?q=%E7%9A%84&page=2")
      #expect(two.status == 200 && two.body.contains("rel=\"prev\""))

      let bad: [(String, String)] = [
        ("/search?q=%22abc", "unbalanced quote"),
        ("/search?q=" + String(repeating: "%E4%B8%AD", count: 3500), "the query is too long"),
        ("/search?q=a&from=2024-02-30", "invalid date &#39;2024-02-30&#39; for from"),
        ("/search?q=a&page=x", "invalid page"),
        ("/export.jsonl?q=(a", "unbalanced parenthesis"),
        ("/article", "missing url"),
        ("/article?url=" + Self.encoded("http://nowhere.example/x.html"), "no archived article"),
        ("/replay?url=" + Self.encoded("http://nowhere.example/x.html"), "is not in the archive"),
        ("/replay?url=" + Self.encoded("file:///etc/passwd"), "is not in the archive"),
        ("/replay?url=" + Self.encoded(a.url) + "&at=yesterday", "invalid capture time"),
        ("/../../etc/passwd", "no page at"),
        ("/state.sqlite", "no page at"),
        ("/nothing", "no page at"),
      ]
      for (path, message) in bad {
        let r = try await Self.get(port, path)
        #expect((400..<500).contains(r.status), "\(path.prefix(60)): \(r.status)")
        #expect(r.body.contains(message), "\(path.prefix(60)): \(r.body.suffix(300))")
      }
      #expect(try await Self.get(port, "/", method: "POST").status == 405)

      let article = try await Self.get(port, "/article?url=" + Self.encoded(a.url))
      #expect(article.status == 200)
      #expect(article.body.contains(a.metadata.title))
      let firstParagraph = try #require(a.text.split(separator: "\n").first)
      #expect(article.body.contains(String(firstParagraph)))
      #expect(article.body.contains("id=\"captures\""))

      let export = try await Self.get(port, "/export.jsonl?q=" + Self.encoded(phrase))
      #expect(export.status == 200)
      let lines = export.body.split(separator: "\n")
      #expect(!lines.isEmpty)
      for line in lines {
        let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(o?["url"] is String)
      }

      let replay = try await Self.get(port, "/replay?url=" + Self.encoded(a.url))
      #expect(replay.status == 200)
      #expect(replay.headers["content-security-policy"]?.hasPrefix("sandbox") == true)
      #expect(replay.body.contains("portal-archiver-banner"))
      #expect(replay.body.contains(a.metadata.title))
      #expect(!replay.body.contains("href=\"http://127.0.0.1"), "a link left pointing to the site")
      #expect(!replay.body.contains("src=\"/img"), "an image left pointing to the site")
      if let r = replay.body.range(of: "src=\"/replay?url=") {
        let rest = replay.body[r.lowerBound...].dropFirst(5)
        let src = String(rest.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
        let image = try await Self.get(port, src)
        #expect(image.status == 200 || image.status == 404, "\(src): \(image.status)")
        if image.status == 200 { #expect(image.headers["content-type"]?.hasPrefix("image/") == true) }
      }

      let changes = try await Self.get(port, "/changes")
      #expect(changes.status == 200)
      let listed = Set(
        changes.body.components(separatedBy: "<section class=\"change\">").dropFirst().compactMap {
          section -> String? in
          guard let r = section.range(of: "<p class=\"meta\">") else { return nil }
          return String(section[r.upperBound...].prefix { $0 != " " })
        })
      #expect(listed == Set(edited), "changes lists \(listed.sorted()), edited \(edited.sorted())")
      if !edited.isEmpty { #expect(changes.body.contains("<ins>")) }
    }
  }
}
