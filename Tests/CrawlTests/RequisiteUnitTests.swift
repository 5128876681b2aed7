import Foundation
import Frontier
import Testing

@testable import Crawl

/// `scope.requisites` pieces below the crawl: the key, the scope's requisite rules, the stored
/// outlink marks, stylesheet detection and the kinds.
@Suite struct RequisiteUnitTests {
  @Test func theKeyIsReadAndTyped() throws {
    #expect(CrawlConfig().requisites)
    let off = try CrawlConfig.parse("[scope]\nrequisites = false\n", file: "t.conf")
    #expect(!off.requisites)
    do {
      _ = try CrawlConfig.parse("[scope]\nrequisites = \"yes\"\n", file: "bad.conf")
      Issue.record("a string for scope.requisites was accepted")
    } catch {
      #expect("\(error)".contains("'scope.requisites' must be"), "\(error)")
    }
  }

  @Test func requisitesPassHostAndDepthButNotDenyOrLength() throws {
    var config = CrawlConfig()
    config.maxDepth = 1
    config.maxURLLength = 60
    config.deny = ["/ads/"]
    config.allow = ["/news/"]
    let scope = try ScopeFilter(config: config, seedHosts: ["www.a.gov.cn"])
    func check(_ url: String, depth: Int = 1, requisite: Bool) -> String? {
      guard let parts = URLParts(url) else { return "bad url" }
      return scope.rejection(url, parts: parts, depth: depth, requisite: requisite)
    }
    let offsite = "http://cdn.other.com/img/1.png"
    #expect(check(offsite, requisite: false) == "offsite")
    #expect(check(offsite, requisite: true) == nil)
    #expect(check("http://www.a.gov.cn/img/1.png", depth: 9, requisite: true) == nil)
    #expect(check("http://www.a.gov.cn/news/1.htm", depth: 9, requisite: false) == "too deep")
    #expect(check("http://cdn.other.com/ads/1.png", requisite: true) == "denied")
    #expect(check("http://cdn.other.com/" + String(repeating: "x", count: 60), requisite: true)
      == "url too long")
    // allow narrows the pages followed, not what a followed page needs.
    #expect(check("http://www.a.gov.cn/img/2.png", requisite: false) == "not allowed")
    #expect(check("http://www.a.gov.cn/img/2.png", requisite: true) == nil)
  }

  @Test func storedOutlinksKeepTheirRequisiteMarks() {
    let links = ["http://a.cn/1.htm", "http://cdn.cn/a.png", "http://a.cn/f.pdf"]
    let requisites: Set = ["http://cdn.cn/a.png", "http://a.cn/f.pdf"]
    let stored = Crawler.outlinkLines(links, requisites: requisites)
    #expect(stored == "http://a.cn/1.htm\n+http://cdn.cn/a.png\n+http://a.cn/f.pdf")
    let back = Crawler.parseOutlinks(stored)
    #expect(back.links == links && back.requisites == requisites)
    // Outlinks stored before requisites existed read as plain links.
    #expect(Crawler.parseOutlinks("http://a.cn/1.htm\nhttp://a.cn/2.htm").requisites.isEmpty)
  }

  @Test func stylesheetsByTypeOrElseByExtension() {
    #expect(Crawler.isStylesheet(contentType: "text/css; charset=utf-8", url: "http://a.cn/x"))
    #expect(Crawler.isStylesheet(contentType: "TEXT/CSS", url: "http://a.cn/x.php"))
    #expect(!Crawler.isStylesheet(contentType: "text/plain", url: "http://a.cn/a.css"))
    #expect(Crawler.isStylesheet(contentType: nil, url: "http://a.cn/a.CSS?v=3"))
    #expect(!Crawler.isStylesheet(contentType: nil, url: "http://a.cn/a.js"))
  }

  @Test func kindsOfRequisitesAndTheirRedirects() {
    #expect(URLKind.requisite.isRequisite && URLKind.styleRequisite.isRequisite)
    #expect(!URLKind.resource.isRequisite && !URLKind.page.isRequisite)
    #expect(Crawler.redirectTargetKind(.requisite) == .requisite)
    #expect(Crawler.redirectTargetKind(.styleRequisite) == .styleRequisite)
    #expect(Crawler.redirectTargetKind(.sitemap) == .sitemap)
    #expect(Crawler.redirectTargetKind(.page) == nil)
    #expect(URLKind(rawValue: 6) == .requisite && URLKind(rawValue: 7) == .styleRequisite)
  }
}
