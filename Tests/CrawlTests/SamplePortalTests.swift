import Charset
import Foundation
import Testing
import TestSupport

@testable import SamplePortal

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite struct SamplePortalTests {
  static let headers: [String: String] = [:]

  @Test func siteIsDeterministic() {
    let config = SamplePortalConfig(articles: 60, seed: 7, faults: true)
    let a = SamplePortalSite(config: config)
    let b = SamplePortalSite(config: config)
    #expect(a.articles == b.articles)
    #expect(a.articles.count == 60)
    for path in ["/", "/gqzx/index.html", a.articles[10].path, a.articles[59].path, "/robots.txt"] {
      let first = a.response(for: path, headers: [:])
      #expect(first == b.response(for: path, headers: [:]))
      #expect(first == a.response(for: path, headers: [:]), "a cached answer differs")
      let gz = a.response(for: path, headers: ["Accept-Encoding": "gzip"])
      #expect(gz == a.response(for: path, headers: ["Accept-Encoding": "gzip"]))
    }
    let other = SamplePortalSite(config: SamplePortalConfig(articles: 60, seed: 8))
    #expect(other.articles.map(\.paragraphs) != a.articles.map(\.paragraphs))
  }

  @Test func articlesAreWellFormed() throws {
    let site = SamplePortalSite(config: SamplePortalConfig(articles: 300, day: 2))
    #expect(site.articles.count == 306)
    var paragraphs = Set<String>()
    var total = 0
    for a in site.articles {
      #expect(
        a.path
          == "/\(a.section)/\(a.date.prefix(7).replacingOccurrences(of: "-", with: ""))/t\(a.date.replacingOccurrences(of: "-", with: ""))_\(a.id).htm"
      )
      #expect((4...10).contains(a.paragraphs.count))
      for p in a.paragraphs {
        total += 1
        paragraphs.insert(p)
        for w in site.watermarks + site.boilerplate {
          #expect(!p.contains(w), "\(a.path) leaks \(w)")
        }
        #expect(!p.hasPrefix("　"))
      }
    }
    #expect(paragraphs.count == total, "paragraphs repeat across the site")
    for a in site.articles {
      let sentences = a.paragraphs.flatMap { $0.split(separator: "。") }
      #expect(Set(sentences).count == sentences.count, "\(a.path) repeats a sentence")
    }
    #expect(Set(site.articles.map(\.title)).count == site.articles.count)
    #expect(Set(site.articles.map(\.section)).count == 4)
    let dates = site.articles.map(\.date)
    #expect(dates == dates.sorted())
    #expect(dates.first == "2008-01-01" && dates[299] == "2009-09-30" && dates.last == "2009-10-02")
  }

  @Test func pagesAreGBKLabelledGB2312() throws {
    let site = SamplePortalSite(config: SamplePortalConfig(articles: 80))
    // An article whose author has a GBK-only character.
    let gbkOnly: Set<Character> = ["镕", "堃", "喆", "珺", "玥", "昇"]
    let a = try #require(site.articles.first { $0.author.contains { gbkOnly.contains($0) } })
    let r = site.response(for: a.path, headers: [:])
    #expect(r.status == 200)
    #expect(r.header("Content-Type") == "text/html; charset=gb2312")
    #expect(r.header("Content-Encoding") == nil)
    let body = r.body
    let meta = Array(
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />".utf8)
    #expect(contains(body, meta))
    // The page text is representable in GBK, and the bytes are exactly its GBK encoding.
    let index = try #require(site.byPath[a.path])
    let text = site.renderArticle(index)
    #expect(try CharsetEncoder.encode(text, to: "GBK") == body)
    #expect(contains(body, try CharsetEncoder.encode(a.author, to: "GBK")))
    #expect(!contains(body, Array(a.title.utf8)))
    // Title in <title> and heading, date line, indented paragraphs, watermarks.
    #expect(text.contains("<title>\(a.title)_华夏国情资料社</title>"))
    #expect(text.contains("<td class=\"biaoti\">\(a.title)</td>"))
    #expect(text.contains("来源：\(a.source)"))
    #expect(text.contains("作者：\(a.author)"))
    #expect(text.contains("<p>　　\(a.paragraphs[0])"))
    #expect(text.contains("当前位置：<a href=\"/\">华夏国情资料社</a> &gt; "))
    #expect(text.contains("【打印本页】") == false)  // split by links, as on the real page
    #expect(text.contains("打印本页</a>】【<a"))
    #expect(body.count >= 10_000 && body.count <= 30_000, "article page is \(body.count) bytes")
    for path in ["/", "/gqzx/index.html", "/robots.txt", "/bsjj/index.html"] {
      let page = site.response(for: path, headers: [:])
      #expect(page.status == 200, "\(path)")
      if path != "/robots.txt" {
        #expect(page.header("Content-Type") == "text/html; charset=gb2312")
        #expect(contains(page.body, meta))
      }
      if path == "/" || path == "/gqzx/index.html" {
        #expect(
          page.body.count >= 10_000 && page.body.count <= 30_000, "\(path): \(page.body.count)")
      }
    }
  }

  @Test func watermarksAndDateFormatsVary() {
    let site = SamplePortalSite(config: SamplePortalConfig(articles: 120))
    var styles = Set<Int>()
    var tails = 0
    var copyrights = 0
    var hiddenSpans = 0
    var whiteFonts = 0
    for a in site.articles {
      guard let i = site.byPath[a.path] else { continue }
      let text = site.renderArticle(i)
      if text.contains("发布时间：\(a.date) 来源") { styles.insert(0) }
      if text.contains("年") && text.contains("发布时间：\(a.date.prefix(4))年") { styles.insert(1) }
      if text.contains("发布时间：\(a.date) ") && text.contains(":")
        && !text.contains("发布时间：\(a.date) 来源")
      {
        styles.insert(2)
      }
      if text.contains(" 内容来自华夏国情资料社</p>") { tails += 1 }
      if text.contains("<p>copyright 华夏国情资料社</p>") { copyrights += 1 }
      if text.contains("<span style=\"display:none\">") { hiddenSpans += 1 }
      if text.contains("<font color=\"#ffffff\">") { whiteFonts += 1 }
    }
    #expect(styles == [0, 1, 2])
    #expect(tails > 30 && copyrights > 10 && hiddenSpans > 10 && whiteFonts > 10)
  }

  @Test func everyArticleIsReachableFromHome() {
    for faults in [false, true] {
      let site = SamplePortalSite(config: SamplePortalConfig(articles: 150, day: 1, faults: faults))
      let seen = SamplePortalFixtures.reachable(site)
      for a in site.articles {
        #expect(seen[a.path] != nil, "\(a.path) unreachable (faults \(faults))")
      }
      for a in site.articles where a.hasAttachment { #expect(seen["/files/\(a.id).pdf"] == 200) }
      for a in site.articles { #expect(seen["/img/\(a.id).jpg"] == 200) }
      let broken = seen.filter { $0.value != 200 }
      if faults {
        #expect(broken.filter { $0.value == 404 }.count == 2)
        #expect(broken.filter { $0.value == 301 }.count == 1)
        #expect(broken.filter { $0.value == 302 }.count == 2)
        #expect(broken.filter { $0.value == 500 }.count == 1)
        #expect(seen["/huge.htm"] == 200 && seen["/slow.htm"] == 200)
      } else {
        #expect(broken.isEmpty, "\(broken)")
        #expect(seen.keys.allSatisfy { !$0.hasPrefix("/loop/") && !$0.hasPrefix("/old/") })
      }
      // Pages are relative-linked TRS-style.
      let article = site.response(for: site.articles[40].path, headers: [:])
      let hrefs = SamplePortalFixtures.links(in: article.body)
      #expect(hrefs.contains { $0.hasPrefix("../") })
      #expect(hrefs.contains { $0.hasPrefix("/search/?q=") })
    }
  }

  @Test func truthExportsAsJSONLines() throws {
    let site = SamplePortalSite(config: SamplePortalConfig(articles: 12, faults: true))
    let text = try site.truthJSONLines(baseURL: "http://127.0.0.1:8080")
    let lines = text.split(separator: "\n")
    #expect(lines.count == 13)
    let first = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(first["url"] as? String == "http://127.0.0.1:8080" + site.articles[0].path)
    #expect(first["paragraphs"] as? [String] == site.articles[0].paragraphs)
    #expect(first["title"] as? String == site.articles[0].title)
    let last = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[12].utf8)) as? [String: Any])
    #expect(last["kind"] as? String == "site")
    #expect(last["watermarks"] as? [String] == site.watermarks)
    #expect((last["dead_links"] as? [String])?.count == 2)
    #expect(try site.truthJSONLines(baseURL: "http://127.0.0.1:8080") == text)
  }

  @Test func resolverHandlesRelativeLinks() {
    let page = "/gqzx/200905/t20090515_20123.htm"
    #expect(SamplePortalFixtures.resolve("../../img/1.jpg", against: page) == "/img/1.jpg")
    #expect(SamplePortalFixtures.resolve("./t2.htm", against: page) == "/gqzx/200905/t2.htm")
    #expect(SamplePortalFixtures.resolve("../index.html", against: page) == "/gqzx/index.html")
    #expect(SamplePortalFixtures.resolve("/search/?q=3", against: page) == "/search/?q=3")
    #expect(SamplePortalFixtures.resolve("/", against: page) == "/")
    #expect(
      SamplePortalFixtures.resolve("./index_2.html", against: "/gqzx/index.html")
        == "/gqzx/index_2.html")
    #expect(SamplePortalFixtures.resolve("http://offsite.invalid/x.htm", against: page) == nil)
    #expect(SamplePortalFixtures.resolve("javascript:doZoom(16)", against: page) == nil)
  }

  @Test func threeSectionsAndPaging() {
    let site = SamplePortalSite(config: SamplePortalConfig(articles: 90, sections: 3))
    #expect(Set(site.articles.map(\.section)) == ["gqzx", "zcjd", "dfcz"])
    #expect(site.response(for: "/wszl/index.html", headers: [:]).status == 404)
    let counts = Dictionary(grouping: site.articles, by: \.section).mapValues(\.count)
    var expected: [String] = []
    for slug in ["gqzx", "zcjd", "dfcz"] {
      let pages = (counts[slug, default: 0] + 19) / 20
      expected += (1...pages).map { $0 == 1 ? "/\(slug)/index.html" : "/\(slug)/index_\($0).html" }
    }
    #expect(site.listPaths == expected)
    for path in site.listPaths {
      let text = String(decoding: site.response(for: path, headers: [:]).body, as: UTF8.self)
      let rows = text.components(separatedBy: "class=\"list_date\"").count - 1
      #expect(rows >= 1 && rows <= 20, "\(path) lists \(rows)")
    }
  }

  @Test func trapsAndRobots() {
    let site = SamplePortalSite(config: SamplePortalConfig())
    let robots = site.response(for: "/robots.txt", headers: [:])
    #expect(String(decoding: robots.body, as: UTF8.self) == "User-agent: *\nDisallow: /search/\n")
    #expect(robots.header("Content-Type") == "text/plain")
    let search = site.response(for: "/search/?q=41", headers: [:])
    #expect(search.status == 200)
    #expect(SamplePortalFixtures.links(in: search.body).contains("/search/?q=42"))
    let calendar = site.response(for: "/calendar/?d=20091231", headers: [:])
    #expect(SamplePortalFixtures.links(in: calendar.body).contains("/calendar/?d=20100101"))
    #expect(site.response(for: "/calendar/?d=20090230", headers: [:]).status == 404)
    #expect(site.response(for: "/nothing.htm", headers: [:]).status == 404)
    #expect(site.response(for: "/gqzx/index_99.html", headers: [:]).status == 404)
  }

  @Test func faultPages() throws {
    let site = SamplePortalSite(config: SamplePortalConfig(faults: true, hugeBytes: 200_000))
    let a = site.response(for: "/loop/a", headers: ["Host": "127.0.0.1:9"])
    #expect(a.status == 302 && a.header("Location") == "http://127.0.0.1:9/loop/b")
    #expect(site.response(for: "/loop/b", headers: [:]).header("Location") == "/loop/a")
    let moved = try #require(site.movedIndex)
    let old = site.response(for: "/old/\(site.articles[moved].id).htm", headers: [:])
    #expect(old.status == 301 && old.header("Location") == site.articles[moved].path)
    #expect(site.redirectPaths["/old/\(site.articles[moved].id).htm"] == site.articles[moved].path)
    #expect(site.deadLinkPaths.count == 2)
    for dead in site.deadLinkPaths { #expect(site.response(for: dead, headers: [:]).status == 404) }
    #expect(site.flakyPath == site.articles[5].path)
    let flaky = try #require(site.flakyIndex)
    #expect(site.response(for: site.articles[flaky].path, headers: [:]).status == 500)
    #expect(site.response(for: site.articles[flaky].path, headers: [:]).status == 200)
    let huge = site.response(for: "/huge.htm", headers: [:])
    #expect(huge.body.count >= 200_000 && huge.body.count < 201_000)
    #expect(site.response(for: "/slow.htm", headers: [:]).delaySeconds == 3)
    let home = String(decoding: site.response(for: "/", headers: [:]).body, as: UTF8.self)
    #expect(home.contains("http://offsite.invalid/x.htm"))
    let calm = SamplePortalSite(config: SamplePortalConfig())
    #expect(calm.response(for: "/loop/a", headers: [:]).status == 404)
    #expect(calm.response(for: "/slow.htm", headers: [:]).delaySeconds == 0)
  }

  @Test func conditionalAndGzipInProcess() throws {
    let site = SamplePortalSite(config: SamplePortalConfig())
    let path = site.articles[3].path
    let plain = site.response(for: path, headers: [:])
    let etag = try #require(plain.header("ETag"))
    let lastModified = try #require(plain.header("Last-Modified"))
    #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && !etag.hasPrefix("W/"))
    #expect(plain.header("Vary") == "Accept-Encoding")
    #expect(site.response(for: path, headers: ["If-None-Match": etag]).status == 304)
    #expect(site.response(for: path, headers: ["if-none-match": "\"nope\""]).status == 200)
    #expect(site.response(for: path, headers: ["If-Modified-Since": lastModified]).status == 304)
    #expect(
      site.response(for: path, headers: ["If-Modified-Since": "Thu, 01 Jan 2004 00:00:00 GMT"])
        .status == 200)
    let gz = site.response(for: path, headers: ["Accept-Encoding": "gzip, deflate"])
    #expect(gz.header("Content-Encoding") == "gzip")
    #expect(gz.header("ETag") == String(etag.dropLast()) + "-gz\"")
    #expect(Array(gz.body.prefix(2)) == [0x1f, 0x8b])
    #expect(gz.body.count < plain.body.count / 2)
    let gz304 = site.response(
      for: path, headers: ["Accept-Encoding": "gzip", "If-None-Match": gz.header("ETag") ?? ""])
    #expect(gz304.status == 304 && gz304.body.isEmpty)
    #expect(
      site.response(for: path, headers: ["Accept-Encoding": "gzip;q=0"]).header("Content-Encoding")
        == nil)
    #expect(SampleDate.parseHTTPDate(lastModified).map(SampleDate.httpDate) == lastModified)
  }

  @Test func dayOneAddsArticlesAndKeepsUnchangedPages() throws {
    let day0 = SamplePortalSite(config: SamplePortalConfig(articles: 200, day: 0))
    let day1 = SamplePortalSite(config: SamplePortalConfig(articles: 200, day: 1))
    let day3 = SamplePortalSite(config: SamplePortalConfig(articles: 200, day: 3))
    #expect(day1.articles.count == 203 && day3.articles.count == 209)
    #expect(day1.articles.suffix(3).allSatisfy { $0.createdOnDay == 1 && $0.date == "2009-10-01" })
    let edited = day3.articles.filter { $0.editedOnDay != nil }
    #expect(edited.count >= 10 && edited.count <= 60, "edited \(edited.count) of 200 over 3 days")
    var unchanged = 0
    for (old, new) in zip(day0.articles, day3.articles) {
      #expect(old.path == new.path && old.title == new.title)
      let a = day0.response(for: old.path, headers: [:])
      let b = day3.response(for: new.path, headers: [:])
      if new.editedOnDay == nil {
        #expect(a.body == b.body, "\(old.path) changed without an edit")
        #expect(a.header("ETag") == b.header("ETag"))
        #expect(a.header("Last-Modified") == b.header("Last-Modified"))
        unchanged += 1
      } else {
        #expect(
          new.paragraphs.count == old.paragraphs.count
            + new.paragraphs.filter { $0.hasPrefix("补充报道：") }.count)
        #expect(a.header("ETag") != b.header("ETag"))
        let lm0 = try #require(a.header("Last-Modified").flatMap(SampleDate.parseHTTPDate))
        let lm3 = try #require(b.header("Last-Modified").flatMap(SampleDate.parseHTTPDate))
        #expect(lm3 > lm0)
        // A client holding the day-0 validators now gets the new page.
        #expect(
          day3.response(for: new.path, headers: ["If-None-Match": a.header("ETag") ?? ""]).status
            == 200)
      }
    }
    #expect(unchanged >= 140)
    // The home page lists the new articles.
    let home = String(decoding: day1.response(for: "/", headers: [:]).body, as: UTF8.self)
    for a in day1.articles.suffix(3) { #expect(home.contains(String(a.path.dropFirst()))) }
  }

  @Test func binaryAssetsAreValid() throws {
    let site = SamplePortalSite(config: SamplePortalConfig())
    let a = try #require(site.articles.first { $0.hasAttachment })
    let img = site.response(for: "/img/\(a.id).jpg", headers: [:])
    #expect(img.header("Content-Type") == "image/jpeg")
    #expect(
      Array(img.body.prefix(3)) == [0xFF, 0xD8, 0xFF] && Array(img.body.suffix(2)) == [0xFF, 0xD9])
    let pdf = site.response(for: "/files/\(a.id).pdf", headers: [:])
    #expect(pdf.header("Content-Type") == "application/pdf")
    let text = String(decoding: pdf.body, as: UTF8.self)
    #expect(text.hasPrefix("%PDF-1.4\n") && text.hasSuffix("%%EOF\n"))
    // startxref points at the xref table, and the table's offsets at their objects.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let start = try #require(lines.firstIndex(of: "startxref")).advanced(by: 1)
    let xref = try #require(Int(lines[start]))
    #expect(text.utf8.dropFirst(xref).starts(with: "xref\n".utf8))
    let entries = text[text.range(of: "0000000000 65535 f \n")!.upperBound...].split(
      separator: "\n")
    for (k, entry) in entries.prefix(5).enumerated() {
      let offset = try #require(Int(entry.prefix(10)))
      #expect(text.utf8.dropFirst(offset).starts(with: "\(k + 1) 0 obj".utf8))
    }
    let noPDF = try #require(site.articles.first { !$0.hasAttachment })
    #expect(site.response(for: "/files/\(noPDF.id).pdf", headers: [:]).status == 404)
  }

  @Test func serverAnswersConditionalRequestsOnLoopback() async throws {
    try await SamplePortalFixtures.withServer(SamplePortalConfig(articles: 30)) { server, base in
      let site = server.site
      let url = URL(string: site.articles[2].path, relativeTo: base)!
      let first = try await Self.get(url, [:])
      #expect(first.status == 200)
      #expect(first.headers["content-type"] == "text/html; charset=gb2312")
      #expect(first.headers["vary"] == "Accept-Encoding")
      let etag = try #require(first.headers["etag"])
      let lastModified = try #require(first.headers["last-modified"])
      // Whatever the client's Accept-Encoding, the decoded body is the page's GBK bytes.
      #expect(first.body == site.response(for: site.articles[2].path, headers: [:]).body)
      let second = try await Self.get(url, ["If-None-Match": etag])
      #expect(second.status == 304)
      #expect(second.body.isEmpty)
      let third = try await Self.get(url, ["If-Modified-Since": lastModified])
      #expect(third.status == 304)
      let robots = try await Self.get(URL(string: "/robots.txt", relativeTo: base)!, [:])
      #expect(String(decoding: robots.body, as: UTF8.self).contains("Disallow: /search/"))
      let log = server.requests
      #expect(log.count == 4)
      #expect(log.map(\.status) == [200, 304, 304, 200])
      #expect(log[1].ifNoneMatch == etag && log[2].ifModifiedSince == lastModified)
      #expect(log.allSatisfy { !$0.path.hasPrefix("/search/") })
    }
  }

  @Test func lastSectionArticlesAreChunked() async throws {
    try await SamplePortalFixtures.withServer(SamplePortalConfig(articles: 40)) { server, base in
      let site = server.site
      let chunked = try #require(site.articles.first { $0.section == "wszl" })
      let plain = try #require(site.articles.first { $0.section == "gqzx" })
      #expect(site.response(for: chunked.path, headers: [:]).chunked)
      #expect(!site.response(for: plain.path, headers: [:]).chunked)
      #expect(!site.response(for: "/wszl/index.html", headers: [:]).chunked)
      let a = try await Self.get(URL(string: chunked.path, relativeTo: base)!, [:])
      #expect(a.status == 200)
      #expect(a.headers["transfer-encoding"] == "chunked")
      #expect(a.headers["content-length"] == nil)
      #expect(a.body == site.response(for: chunked.path, headers: [:]).body)
      let b = try await Self.get(URL(string: plain.path, relativeTo: base)!, [:])
      #expect(b.headers["transfer-encoding"] == nil)
      let etag = try #require(a.headers["etag"])
      let c = try await Self.get(
        URL(string: chunked.path, relativeTo: base)!, ["If-None-Match": etag])
      #expect(c.status == 304 && c.body.isEmpty)
    }
  }

  @Test func serverSwitchesToTheNextDayOnTheSamePort() async throws {
    let day0 = SamplePortalConfig(articles: 60, day: 0)
    try await SamplePortalFixtures.withServer(day0) { server, base in
      let url = URL(string: "/", relativeTo: base)!
      let first = try await Self.get(url, [:])
      let etag = try #require(first.headers["etag"])
      #expect(try await Self.get(url, ["If-None-Match": etag]).status == 304)
      var day1 = day0
      day1.day = 1
      server.replaceSite(SamplePortalSite(config: day1))
      #expect(server.site.articles.count == 63)
      let changed = try await Self.get(url, ["If-None-Match": etag])
      #expect(changed.status == 200)
      #expect(changed.headers["etag"] != etag)
      let old = server.site.articles[0]
      let unchanged = try await Self.get(URL(string: old.path, relativeTo: base)!, [:])
      let again = try await Self.get(
        URL(string: old.path, relativeTo: base)!, ["If-None-Match": unchanged.headers["etag"] ?? ""]
      )
      #expect(again.status == 304)
    }
  }

  @Test func serverRefusesNonLoopbackHosts() async throws {
    let server = SamplePortalServer(site: SamplePortalSite(config: SamplePortalConfig(articles: 5)))
    await #expect(throws: SamplePortalServer.Failure.self) {
      try await server.start(host: "0.0.0.0")
    }
  }

  @Test func serverStartsFromSynchronousCode() async throws {
    let server = SamplePortalServer(
      site: SamplePortalSite(config: SamplePortalConfig(articles: 10)))
    // Call it from a plain thread, as the synchronous CLI command does.
    let port: UInt16 = try await withCheckedThrowingContinuation { continuation in
      Thread { continuation.resume(with: Result { try Self.startSynchronously(server) }) }.start()
    }
    #expect(port > 0)
    #expect(server.port == port)
    let home = try await Self.get(URL(string: "http://127.0.0.1:\(port)/")!, [:])
    #expect(home.status == 200)
    await #expect(throws: SamplePortalServer.Failure.self) { try await server.start() }
    await withCheckedContinuation { continuation in
      Thread {
        Self.stopSynchronously(server)
        continuation.resume()
      }.start()
    }
    await #expect(throws: (any Error).self) {
      try await Self.get(URL(string: "http://127.0.0.1:\(port)/")!, [:])
    }
  }

  // MARK: helpers

  static func stopSynchronously(_ server: SamplePortalServer) { server.stopBlocking() }

  static func startSynchronously(_ server: SamplePortalServer) throws -> UInt16 {
    try server.startInBackground()
  }

  struct Fetched: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
  }

  static func get(_ url: URL, _ headers: [String: String]) async throws -> Fetched {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.urlCache = nil
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    let session = URLSession(configuration: configuration)
    var request = URLRequest(url: url)
    for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
    let (data, response) = try await session.data(for: request)
    let http = try #require(response as? HTTPURLResponse)
    var fields: [String: String] = [:]
    for (k, v) in http.allHeaderFields {
      if let k = k as? String, let v = v as? String { fields[k.lowercased()] = v }
    }
    return Fetched(status: http.statusCode, headers: fields, body: Array(data))
  }
}

private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
  guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
  let first = needle[0]
  var i = 0
  while i <= haystack.count - needle.count {
    if haystack[i] == first && Array(haystack[i..<(i + needle.count)]) == needle { return true }
    i += 1
  }
  return false
}
