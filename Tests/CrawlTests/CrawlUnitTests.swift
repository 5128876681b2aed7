import Fetch
import HTML
import Testing

@testable import Crawl

@Suite struct CrawlUnitTests {
  @Test func urlPartsSplitsCanonicalURLs() throws {
    let p = try #require(URLParts("http://127.0.0.1:8080/calendar/?d=20090101"))
    #expect(p.origin == "http://127.0.0.1:8080")
    #expect(p.host == "127.0.0.1")
    #expect(p.path == "/calendar/")
    #expect(p.pathAndQuery == "/calendar/?d=20090101")
    #expect(p.hasQuery)
    let q = try #require(URLParts("https://www.gov.cn"))
    #expect(q.pathAndQuery == "/")
    #expect(!q.hasQuery)
    #expect(URLParts("no scheme") == nil)
  }

  @Test func scopeRejectsOffsiteDeepLongAndDenied() throws {
    var config = CrawlConfig()
    config.deny = ["/print/"]
    config.maxDepth = 2
    config.maxURLLength = 40
    let scope = try ScopeFilter(config: config, seedHosts: ["a.gov.cn"])
    func check(_ url: String, _ depth: Int = 1) -> String? {
      scope.rejection(url, parts: URLParts(url)!, depth: depth)
    }
    #expect(check("http://a.gov.cn/x.htm") == nil)
    #expect(check("http://b.gov.cn/x.htm") == "offsite")
    #expect(check("http://a.gov.cn/x.htm", 3) == "too deep")
    #expect(check("http://a.gov.cn/print/x.htm") == "denied")
    #expect(check("http://a.gov.cn/" + String(repeating: "x", count: 50)) == "url too long")
  }

  @Test func scopeTakesWildcardsSubdomainsAndRedirectTargets() throws {
    var config = CrawlConfig()
    config.scopeHosts = ["*.Example.gov.cn", "files.other.cn"]
    var scope = try ScopeFilter(config: config, seedHosts: ["www.jianghuai.gov.cn", "127.0.0.1"])
    // The seed's registrable domain, not its public suffix.
    #expect(scope.contains("jianghuai.gov.cn") && scope.contains("zwgk.jianghuai.gov.cn"))
    #expect(!scope.contains("gov.cn") && !scope.contains("other.gov.cn"))
    // A wildcard matches the domain and every name under it; an exact name only itself.
    #expect(scope.contains("example.gov.cn") && scope.contains("a.b.example.gov.cn"))
    #expect(!scope.contains("notexample.gov.cn"))
    #expect(scope.contains("files.other.cn") && !scope.contains("www.other.cn"))
    // An IP seed brings only itself.
    #expect(scope.contains("127.0.0.1") && !scope.contains("0.0.1") && !scope.contains("127.0.0.2"))
    // A redirect target comes in with its registrable domain.
    scope.admit(host: "www.moved.cn")
    #expect(scope.contains("static.moved.cn"))
    config.subdomains = false
    let exact = try ScopeFilter(config: config, seedHosts: ["www.jianghuai.gov.cn"])
    #expect(exact.contains("www.jianghuai.gov.cn") && !exact.contains("zwgk.jianghuai.gov.cn"))
    #expect(exact.contains("x.example.gov.cn"))
  }

  @Test func simhashIsCloseForNearCopiesAndFarForOthers() {
    let a = String(repeating: "会议认真学习贯彻全国工会帮扶工作会议精神，研究部署今后一个时期的工作。", count: 4)
    let b = a + "编者按"
    let c = String(repeating: "东营市总工会、胜利油田工会等单位进行了典型发言，各市总工会分管主席出席。", count: 4)
    let ha = TextFingerprint.simhash(a)
    #expect(
      TextFingerprint.distance(ha, TextFingerprint.simhash(b)) <= TextFingerprint.nearThreshold)
    #expect(TextFingerprint.distance(ha, TextFingerprint.simhash(c)) > 10)
  }

  @Test func retryAfterAcceptsSecondsAndHTTPDates() {
    #expect(RetryPolicy.parseRetryAfter("120") == 120)
    #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == 0)
    #expect(RetryPolicy.parseRetryAfter("soon") == nil)
  }
}
