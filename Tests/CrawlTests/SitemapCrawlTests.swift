import Foundation
import Frontier
import Testing
import TestSupport
import WARC

@testable import Crawl

/// Sitemaps end to end on loopback (issue 13 item 3): robots.txt `Sitemap:` lines, a sitemap
/// index, a gzip'd sitemap sent as application/x-gzip, an orphan article only a sitemap lists,
/// and a second run that revalidates only the article whose `<lastmod>` moved.
@Suite(.serialized) struct SitemapCrawlTests {
  /// The site's mutable part: which article was edited (its Last-Modified and `<lastmod>`).
  final class Site: @unchecked Sendable {
    let lock = NSLock()
    var edited = false
    var isEdited: Bool {
      lock.lock()
      defer { lock.unlock() }
      return edited
    }
    func markEdited() {
      lock.lock()
      defer { lock.unlock() }
      edited = true
    }
  }

  static let lastModified = "Wed, 01 Jul 2015 02:00:00 GMT"
  static let lastModifiedEdited = "Thu, 02 Jul 2015 03:00:00 GMT"

  static func gzip(_ bytes: [UInt8]) -> [UInt8] {
    // Stored (uncompressed) deflate blocks in a gzip member: valid gzip without zlib here.
    var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255]
    var rest = bytes[...]
    repeat {
      let n = min(rest.count, 65_535)
      out += [rest.count <= 65_535 ? 1 : 0, UInt8(n & 0xFF), UInt8(n >> 8)]
      out += [UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
      out += rest.prefix(n)
      rest = rest.dropFirst(n)
    } while !rest.isEmpty
    var crc: UInt32 = 0xFFFF_FFFF
    for b in bytes {
      crc ^= UInt32(b)
      for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
    }
    crc ^= 0xFFFF_FFFF
    let size = UInt32(truncatingIfNeeded: bytes.count)
    for v in [crc, size] { out += (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    return out
  }

  static func server(_ site: Site) throws -> FetchTestServer {
    try FetchTestServer { request in
      let edited = site.isEdited
      let base = "http://\(request.header("Host") ?? "")"
      func ok(_ type: String, _ body: [UInt8], lastModified: String? = nil) -> [FetchTestServer.Step] {
        var headers = [("Content-Type", type)]
        if let lastModified {
          if request.header("If-Modified-Since") == lastModified {
            return [.send(FetchTestServer.response(status: 304, reason: "Not Modified"))]
          }
          headers.append(("Last-Modified", lastModified))
        }
        return [.send(FetchTestServer.response(headers: headers, body: body))]
      }
      let html = "text/html; charset=utf-8"
      switch request.target {
      case "/robots.txt":
        return ok("text/plain", Array("User-agent: *\nAllow: /\nSitemap: \(base)/sitemap_index.xml\n".utf8))
      case "/":
        return ok(html, Array("<html><body><a href=\"/a/1.html\">一</a><a href=\"/a/2.html\">二</a></body></html>".utf8))
      case "/a/1.html":
        return ok(html, Array(ResolveCrawlTests.article("第一篇").utf8), lastModified: lastModified)
      case "/a/2.html":
        let lm = edited ? lastModifiedEdited : lastModified
        return ok(html, Array(ResolveCrawlTests.article(edited ? "第二篇（修订）" : "第二篇").utf8), lastModified: lm)
      case "/orphan/3.html":
        return ok(html, Array(ResolveCrawlTests.article("只在网站地图中").utf8), lastModified: lastModified)
      case "/sitemap_index.xml":
        return ok("application/xml", Array("""
          <?xml version="1.0" encoding="UTF-8"?>
          <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <sitemap><loc>\(base)/sm/news.xml</loc></sitemap>
          <sitemap><loc>\(base)/sm/orphans.xml.gz</loc></sitemap></sitemapindex>
          """.utf8))
      case "/sm/news.xml":
        let second = edited ? "2015-07-02T11:00:00+08:00" : "2015-07-01T10:00:00+08:00"
        return ok("text/xml", Array("""
          <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>\(base)/a/1.html</loc><lastmod>2015-07-01</lastmod></url>
          <url><loc>\(base)/a/2.html</loc><lastmod>\(second)</lastmod></url>
          <url><loc>http://elsewhere.invalid/x.html</loc></url></urlset>
          """.utf8))
      case "/sm/orphans.xml.gz":
        return ok("application/x-gzip", gzip(Array("""
          <urlset><url><loc>/orphan/3.html</loc><lastmod>2015-07-01T10:00:00+08:00</lastmod></url></urlset>
          """.utf8)))
      default:
        return [.send(FetchTestServer.response(status: 404, reason: "Not Found"))]
      }
    }
  }

  @Test func orphansAreArchivedAndMovedLastmodsRevalidated() async throws {
    let site = Site()
    let server = try Self.server(site)
    defer { server.stop() }
    let seed = server.baseURL + "/"
    let dir = try TemporaryDirectory()
    let config = CrawlEndToEndTests.config(archive: dir.path, seed: seed)
    let first = try await CrawlEndToEndTests.crawl(config)
    #expect(first.exitCode == .done, "\(first.verdict)")
    let uris = Set(try ResolveCrawlTests.responseURIs(dir.path))
    for path in ["a/1.html", "a/2.html", "orphan/3.html", "sitemap_index.xml", "sm/news.xml",
      "sm/orphans.xml.gz", "sitemap.xml"]
    {
      #expect(uris.contains(seed + path) || path == "sitemap.xml", "\(path)")
    }
    let targets = server.receivedRequests.map(\.target)
    #expect(targets.contains("/sitemap.xml"), "the guessed sitemap is asked for")
    #expect(!targets.contains { $0.contains("elsewhere") })
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    #expect(try frontier.record(for: seed + "orphan/3.html")?.kind == .article)
    #expect(try frontier.record(for: seed + "sm/news.xml")?.kind == .sitemap)
    #expect(try frontier.record(for: seed + "sitemap.xml")?.reason == "http 404")
    #expect(try frontier.record(for: "http://elsewhere.invalid/x.html")?.reason == "offsite")
    let article = try WARCArchive(root: dir.path).latestArticle(url: seed + "orphan/3.html")
    #expect(article.metadata.title.contains("只在网站地图中"))

    // Day 1: article 2 was edited (its <lastmod> moved); 1 and the orphan were not. Both are
    // fresh (recrawl_after_days = 7): only 2 is fetched again, conditionally.
    site.markEdited()
    let before = server.receivedRequests.count
    let second = try await CrawlEndToEndTests.crawl(config)
    #expect(second.exitCode == .done, "\(second.verdict)")
    let day1 = server.receivedRequests.dropFirst(before)
    let articleRequests = day1.filter { $0.target.hasSuffix(".html") && $0.target != "/" }
    #expect(articleRequests.map(\.target) == ["/a/2.html"])
    #expect(articleRequests.first?.header("If-Modified-Since") == Self.lastModified)
    #expect(day1.contains { $0.target == "/sm/news.xml" })
    let edited = try WARCArchive(root: dir.path).latestArticle(url: seed + "a/2.html")
    #expect(edited.metadata.title.contains("修订"))
  }
}
