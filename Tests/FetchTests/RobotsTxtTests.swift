import Foundation
import Testing

@testable import Fetch

let ourAgent = "portal-archiver/0.1 (+https://example.invalid/portal-archiver)"

@Suite struct RobotsTxtTests {
  @Test func longestMatchWinsAndAllowWinsTies() {
    let robots = RobotsTxt(
      text: """
        User-agent: *
        Disallow: /private/
        Allow: /private/public/
        Disallow: /page
        Allow: /page
        Disallow: /folder/
        Allow: /folder/page.html
        """, userAgent: ourAgent)
    #expect(robots.isAllowed("/index.html"))
    #expect(!robots.isAllowed("/private/x.html"))
    #expect(robots.isAllowed("/private/public/x.html"))
    #expect(robots.isAllowed("/page"))  // equal length: Allow wins
    #expect(!robots.isAllowed("/folder/other.html"))
    #expect(robots.isAllowed("/folder/page.html"))
    #expect(robots.matchedAgent == "*")
  }

  @Test func wildcardsAndEndAnchor() {
    let robots = RobotsTxt(
      text: """
        User-agent: *
        Disallow: /*.pdf$
        Disallow: /search*q=
        Disallow: /a/*/b
        Disallow: /exact$
        """, userAgent: ourAgent)
    #expect(!robots.isAllowed("/docs/file.pdf"))
    #expect(robots.isAllowed("/docs/file.pdf?download=1"))
    #expect(robots.isAllowed("/docs/file.pdfx"))
    #expect(!robots.isAllowed("/search?lang=zh&q=abc"))
    #expect(robots.isAllowed("/search?lang=zh"))
    #expect(!robots.isAllowed("/a/x/y/b/c"))
    #expect(robots.isAllowed("/a/b"))
    #expect(!robots.isAllowed("/exact"))
    #expect(robots.isAllowed("/exact/more"))
  }

  @Test func selectsMostSpecificGroupForOurToken() {
    let text = """
      User-agent: *
      Disallow: /

      User-agent: portal
      Disallow: /only-portal/

      User-agent: Googlebot
      User-agent: Portal-Archiver/2.0
      Disallow: /tmp/
      Crawl-delay: 2.5

      User-agent: other
      Disallow: /tmp2/

      user-agent: portal-archiver
      disallow: /cgi-bin/
      """
    let robots = RobotsTxt(text: text, userAgent: ourAgent)
    #expect(robots.matchedAgent == "portal-archiver")
    #expect(robots.isAllowed("/"))
    #expect(robots.isAllowed("/only-portal/"))  // less specific group not used
    #expect(!robots.isAllowed("/tmp/a"))  // consecutive UA lines share the group
    #expect(!robots.isAllowed("/cgi-bin/x"))  // groups for the same agent are merged
    #expect(robots.isAllowed("/tmp2/a"))
    #expect(robots.crawlDelay == 2.5)
    // Another crawler falls back to '*'.
    let other = RobotsTxt(text: text, userAgent: "somebot/1.0")
    #expect(other.matchedAgent == "*")
    #expect(!other.isAllowed("/index.html"))
    #expect(other.isAllowed("/robots.txt"))
    #expect(other.crawlDelay == nil)
  }

  @Test func emptyDisallowSitemapsCommentsAndJunk() {
    let robots = RobotsTxt(
      bytes: Array(
        "\u{FEFF}# comment\r\nSitemap: https://www.example.gov.cn/sitemap.xml\r\nUser-agent: * # all\r\nDisallow:\r\nthis line is junk\r\nCrawl-delay: soon\r\nSitemap: /s2.xml\n"
          .utf8), userAgent: ourAgent)
    #expect(robots.isAllowed("/anything"))
    #expect(robots.crawlDelay == nil)
    #expect(robots.sitemaps == ["https://www.example.gov.cn/sitemap.xml", "/s2.xml"])
    let none = RobotsTxt(text: "", userAgent: ourAgent)
    #expect(none.isAllowed("/x"))
    #expect(none.matchedAgent == nil)
  }

  @Test func percentEncodingIsNormalised() {
    let robots = RobotsTxt(
      text: "User-agent: *\nDisallow: /%7Euser/\nDisallow: /新闻/\nDisallow: /a%2fb\n",
      userAgent: ourAgent)
    #expect(!robots.isAllowed("/~user/home"))
    #expect(!robots.isAllowed("/%7euser/home"))
    #expect(!robots.isAllowed("/%E6%96%B0%E9%97%BB/1.html"))
    #expect(!robots.isAllowed("/新闻/1.html"))
    #expect(!robots.isAllowed("/a%2Fb"))
    #expect(robots.isAllowed("/a/b"))  // an encoded slash is not a slash
  }

  @Test func agentMatchesTheWholeProductTokenOnly() {
    let text = """
      User-agent: archiver
      Disallow: /a/

      User-agent: portal-archiver-beta
      Disallow: /b/

      User-agent: *
      Disallow: /c/
      """
    let robots = RobotsTxt(text: text, userAgent: ourAgent)
    #expect(robots.matchedAgent == "*")  // neither a substring nor a longer name is ours
    #expect(robots.isAllowed("/a/x"))
    #expect(robots.isAllowed("/b/x"))
    #expect(!robots.isAllowed("/c/x"))
    let versioned = RobotsTxt(
      text: "User-agent: PORTAL-ARCHIVER/9 (more)\nDisallow: /d/\n", userAgent: ourAgent)
    #expect(versioned.matchedAgent == "portal-archiver")
    #expect(!versioned.isAllowed("/d/x"))
    #expect(RobotsTxt.productToken(ourAgent) == "portal-archiver")
    #expect(RobotsTxt.productToken("(odd) agent").isEmpty)
  }

  @Test func starMustStandAloneToBeTheDefaultGroup() {
    let robots = RobotsTxt(text: "User-agent: *bot\nDisallow: /\n", userAgent: ourAgent)
    #expect(robots.matchedAgent == nil)
    #expect(robots.isAllowed("/x"))
    let spaced = RobotsTxt(text: "User-agent: * # all\nDisallow: /\n", userAgent: ourAgent)
    #expect(spaced.matchedAgent == "*")
    #expect(!spaced.isAllowed("/x"))
  }

  @Test(arguments: [
    [0xEF, 0xBB, 0xBF] as [UInt8], [0xEF, 0xBB], [0xEF],
  ])
  func byteOrderMarkWholeOrPartialIsSkipped(_ bom: [UInt8]) {
    let robots = RobotsTxt(
      bytes: bom + Array("User-agent: portal-archiver\nDisallow: /x/\n".utf8), userAgent: ourAgent)
    #expect(robots.matchedAgent == "portal-archiver")
    #expect(!robots.isAllowed("/x/y"))
  }

  @Test func brokenOrMisplacedByteOrderMarkSpoilsItsLine() {
    let broken = RobotsTxt(
      bytes: [0xEF, 0x11, 0xBF] + Array("User-agent: *\nDisallow: /x/\n".utf8),
      userAgent: ourAgent)
    #expect(broken.matchedAgent == nil)  // the agent line is garbage, its rules are outside groups
    #expect(broken.isAllowed("/x/y"))
    let middle = RobotsTxt(
      bytes: Array("User-agent: *\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("Disallow: /x/\n".utf8),
      userAgent: ourAgent)
    #expect(middle.isAllowed("/x/y"))
  }

  @Test func missingColonAndMisspelledKeysAreTolerated() {
    let robots = RobotsTxt(
      text: "user-agent portal-archiver\ndisallow /a/\ndissalow: /b/\ndisallow /c/ /d/\n",
      userAgent: ourAgent)
    #expect(robots.matchedAgent == "portal-archiver")
    #expect(!robots.isAllowed("/a/x"))
    #expect(!robots.isAllowed("/b/x"))
    #expect(robots.isAllowed("/c/x"))  // three words without a colon: not a rule
  }

  @Test func rulesOutsideGroupsAndOtherRecords() {
    let robots = RobotsTxt(
      text: """
        Disallow: /before/
        User-agent: somebot
        Crawl-delay: 3
        Sitemap: /s.xml
        User-agent: portal-archiver
        Disallow: /shared/
        """, userAgent: ourAgent)
    #expect(robots.isAllowed("/before/x"))
    #expect(!robots.isAllowed("/shared/x"))  // Crawl-delay and Sitemap do not end the agent run
    #expect(robots.crawlDelay == 3)
    #expect(robots.sitemaps == ["/s.xml"])
  }

  @Test func longLinesAreCutAndLargeFilesIgnoredBeyondTheLimit() {
    let long = "/x/" + String(repeating: "a", count: RobotsTxt.maxLineLength)
    let robots = RobotsTxt(text: "User-agent: *\nDisallow: \(long)/end\n", userAgent: ourAgent)
    #expect(!robots.isAllowed(long + "/other"))  // the rule was cut before "/end"
    #expect(robots.isAllowed("/x/b"))
    let padding = String(repeating: "#", count: RobotsTxt.maxFileSize)
    let late = RobotsTxt(text: "\(padding)\nUser-agent: *\nDisallow: /\n", userAgent: ourAgent)
    #expect(late.isAllowed("/x"))
  }

  @Test func robotsTxtIsAlwaysAllowed() {
    let robots = RobotsTxt.disallowingAll(userAgent: ourAgent)
    #expect(!robots.isAllowed("/"))
    #expect(robots.isAllowed("/robots.txt"))
    #expect(RobotsTxt.allowingAll(userAgent: ourAgent).isAllowed("/x"))
  }

  @Test func statusPolicy() {
    #expect(RobotsTxt.policy(forStatus: 200) == .parseBody)
    #expect(RobotsTxt.policy(forStatus: 301) == .followRedirect)
    #expect(RobotsTxt.policy(forStatus: 404) == .allowAll)
    #expect(RobotsTxt.policy(forStatus: 403) == .allowAll)
    #expect(RobotsTxt.policy(forStatus: 503) == .disallowAll)
    #expect(RobotsTxt.policy(forStatus: nil) == .disallowAll)
  }
}
