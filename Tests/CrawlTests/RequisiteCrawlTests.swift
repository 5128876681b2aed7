import Foundation
import Frontier
import Testing
import TestSupport
import WARC

@testable import Crawl

/// Page requisites end to end on loopback (issue 13 item 2): a page of the seed host embeds an
/// image, a stylesheet (whose `url()`s name a font, an image and an `@import`ed stylesheet), a
/// script, style `url()`s and links a PDF and a declared-type download, all on a second origin
/// out of scope (its own server and port on 127.0.0.1, reached by a `fetch.resolve` entry:
/// private for its own name only). They are fetched one hop (the stylesheet's references one
/// more, no further) without depth, robots.txt of that host obeyed, an HTML requisite not
/// extracted and its links not followed; with `scope.requisites = false` that host gets no
/// request at all.
@Suite(.serialized) struct RequisiteCrawlTests {
  static let cdnHost = "cdn.elsewhere-cdn.test"
  static let portalHost = "www.requisite-portal.test"

  /// The out-of-scope origin: requisites by path, robots.txt disallowing /private/.
  static func cdnServer() throws -> FetchTestServer {
    try FetchTestServer { request in
      func ok(_ type: String, _ body: String) -> [FetchTestServer.Step] {
        [.send(FetchTestServer.response(headers: [("Content-Type", type)], body: Array(body.utf8)))]
      }
      switch request.target {
      case "/robots.txt": return ok("text/plain", "User-agent: *\nDisallow: /private/\n")
      case "/css/site.css":
        return ok(
          "text/css; charset=utf-8",
          "@import url(\"more.css\");\n@font-face{font-family:f;src:url(../fonts/f.woff) format(\"woff\")}\n"
            + "/* url(/img/commented.png) */ body{background:url( '/img/bg.gif' )}")
      case "/css/more.css": return ok("text/css", ".x{background:url(/img/deep.png)}")
      case "/widget.html":
        return ok(
          "text/html; charset=utf-8",
          ResolveCrawlTests.article("挂件页面").replacingOccurrences(
            of: "</body>", with: "<a href=\"/b/other.html\">其他</a></body>"))
      case "/files/report.pdf": return ok("application/pdf", "%PDF-1.4 report")
      case "/download?id=7": return ok("application/msword", "doc bytes")
      case "/js/a.js": return ok("application/javascript", "var a = 1;")
      case "/fonts/f.woff": return ok("font/woff", "wOFF")
      default:
        if request.target.hasPrefix("/img/") || request.target.hasPrefix("/private/") {
          return ok("image/png", "png " + request.target)
        }
        return ok("text/html", "<html><body><a href=\"/b/more.html\">更多</a></body></html>")
      }
    }
  }

  /// The seed host: a home page with requisites on the other origin and an article (depth 1)
  /// with images on both hosts and a link one hop too deep.
  static func portalServer(cdnPort: Int) throws -> FetchTestServer {
    let cdn = "http://\(cdnHost):\(cdnPort)"
    return try ResolveCrawlTests.virtualHosts { host, _, path in
      guard host == portalHost else { return nil }
      switch path {
      case "/":
        return """
          <html><head><link rel="stylesheet" href="\(cdn)/css/site.css">
          <link rel="icon" href="/favicon.ico"><script src="\(cdn)/js/a.js"></script>
          <style>.banner{background:url('\(cdn)/img/banner.png')}</style></head>
          <body style="background-image:url(\(cdn)/img/inline.png)">
          <img src="\(cdn)/img/logo.png" srcset="\(cdn)/img/logo2x.png 2x">
          <img src="\(cdn)/private/x.png"><img src="http://127.0.0.2:\(cdnPort)/img/ip.png">
          <a href="/art/1.html">文章</a> <a href="\(cdn)/files/report.pdf">附件</a>
          <a href="\(cdn)/download?id=7" type="application/msword">下载</a>
          <a href="\(cdn)/page.html">外站页面</a> <embed src="\(cdn)/widget.html">
          </body></html>
          """
      case "/art/1.html":
        return ResolveCrawlTests.article("第一篇文章").replacingOccurrences(
          of: "</body>",
          with: "<img src=\"/img/a.jpg\"><img src=\"\(cdn)/img/art.png\">"
            + "<a href=\"/deeper.html\">更深</a></body>")
      case "/favicon.ico", "/img/a.jpg": return "icon"
      case "/deeper.html": return "<html><body>too deep</body></html>"
      default: return nil
      }
    }
  }

  static func crawl(requisites: Bool) async throws -> (
    summary: CrawlSummary, dir: TemporaryDirectory, portal: [String], cdn: [String],
    cdnBase: String
  ) {
    let cdnServer = try cdnServer()
    defer { cdnServer.stop() }
    let portalServer = try portalServer(cdnPort: cdnServer.port)
    defer { portalServer.stop() }
    let dir = try TemporaryDirectory()
    var config = CrawlEndToEndTests.config(
      archive: dir.path, seed: "http://\(portalHost):\(portalServer.port)/")
    config.maxDepth = 1
    config.requisites = requisites
    config.resolve = [
      "\(portalHost):\(portalServer.port):127.0.0.1", "\(cdnHost):\(cdnServer.port):127.0.0.1",
    ]
    let summary = try await CrawlEndToEndTests.crawl(config)
    return (
      summary, dir, portalServer.receivedRequests.map(\.target),
      cdnServer.receivedRequests.map(\.target), "http://\(cdnHost):\(cdnServer.port)"
    )
  }

  @Test func requisitesOnAnotherHostAreFetchedOneHop() async throws {
    let (summary, dir, portal, cdn, cdnBase) = try await Self.crawl(requisites: true)
    #expect(summary.exitCode == .done, "\(summary.verdict)")
    let fetched = Set(cdn)
    let expected = [
      "/robots.txt", "/css/site.css", "/css/more.css", "/fonts/f.woff", "/img/bg.gif",
      "/js/a.js", "/img/banner.png", "/img/inline.png", "/img/logo.png", "/img/logo2x.png",
      "/img/art.png", "/files/report.pdf", "/download?id=7", "/widget.html",
    ]
    for path in expected { #expect(fetched.contains(path), "\(path) not fetched") }
    // Not fetched: a plain link to the other host, the links of its HTML requisite, a path its
    // robots.txt disallows, a CSS comment, the third hop (the @imported stylesheet's url()), its
    // sitemap (out of scope).
    for path in [
      "/page.html", "/b/other.html", "/private/x.png", "/img/commented.png", "/img/deep.png",
      "/sitemap.xml",
    ] {
      #expect(!fetched.contains(path), "\(path) fetched")
    }
    #expect(cdn.count == Set(cdn).count, "a requisite fetched twice: \(cdn)")
    // Requisites add no depth (max_depth 1: the article's images are fetched, its link is not).
    #expect(Set(portal).isSuperset(of: ["/", "/art/1.html", "/img/a.jpg", "/favicon.ico"]))
    #expect(!portal.contains("/deeper.html"))
    let uris = Set(try ResolveCrawlTests.responseURIs(dir.path))
    #expect(uris.filter { $0.hasPrefix(cdnBase + "/") }.count == expected.count)
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    let widget = try frontier.record(for: cdnBase + "/widget.html")
    #expect(widget?.kind == .resource, "an HTML requisite is never an article")
    let pdf = try frontier.record(for: cdnBase + "/files/report.pdf")
    #expect(pdf?.kind == .resource && pdf?.depth == 0 && pdf?.state == .done)
    #expect(try frontier.record(for: cdnBase + "/img/art.png")?.depth == 1)
    let article = uris.first { $0.hasSuffix("/art/1.html") } ?? ""
    #expect(try frontier.record(for: article)?.kind == .article)
    #expect(try frontier.record(for: cdnBase + "/page.html")?.reason == "offsite")
    // A requisite is no way around the private-address protection: 127.0.0.2 is neither a
    // seed's host nor a resolve entry's.
    let ip = try frontier.record(for: "http://127.0.0.2:\(cdnBase.split(separator: ":").last ?? "")/img/ip.png")
    #expect(ip?.state == .skipped && ip?.reason == "private address", "\(String(describing: ip))")
  }

  @Test func requisitesOffLeavesTheOtherHostAlone() async throws {
    let (summary, _, portal, cdn, _) = try await Self.crawl(requisites: false)
    #expect(summary.exitCode == .done, "\(summary.verdict)")
    #expect(cdn.isEmpty, "requests to the out-of-scope host: \(cdn)")
    #expect(Set(portal).isSuperset(of: ["/", "/art/1.html"]))
  }

  /// A second run: the unchanged home page answers 304 and its stored requisites are admitted
  /// again (fresh: not fetched again), the other host's links still not followed.
  @Test func aSecondRunKeepsRequisitesFreshAndInTheirScope() async throws {
    let cdnServer = try Self.cdnServer()
    defer { cdnServer.stop() }
    let portalServer = try Self.portalServer(cdnPort: cdnServer.port)
    defer { portalServer.stop() }
    let dir = try TemporaryDirectory()
    var config = CrawlEndToEndTests.config(
      archive: dir.path, seed: "http://\(Self.portalHost):\(portalServer.port)/")
    config.resolve = [
      "\(Self.portalHost):\(portalServer.port):127.0.0.1",
      "\(Self.cdnHost):\(cdnServer.port):127.0.0.1",
    ]
    let first = try await CrawlEndToEndTests.crawl(config)
    #expect(first.exitCode == .done, "\(first.verdict)")
    let before = cdnServer.receivedRequests.count
    let second = try await CrawlEndToEndTests.crawl(config)
    #expect(second.exitCode == .done, "\(second.verdict)")
    let again = cdnServer.receivedRequests.dropFirst(before).map(\.target)
    #expect(again.allSatisfy { $0 == "/robots.txt" }, "fresh requisites fetched again: \(again)")
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    let cdnBase = "http://\(Self.cdnHost):\(cdnServer.port)"
    let logo = try frontier.record(for: cdnBase + "/img/logo.png")
    #expect(logo?.state == .done && logo?.kind == .resource)
    #expect(try frontier.record(for: cdnBase + "/page.html")?.state == .skipped)
  }
}
