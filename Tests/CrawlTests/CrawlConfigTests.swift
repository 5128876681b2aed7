import Foundation
import Testing

@testable import Crawl

@Suite struct CrawlConfigTests {
  @Test func parsesEveryKeyOfTheShippedConfig() throws {
    // The shipped crawl.conf must parse and equal the defaults (it documents them).
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let config = try CrawlConfig.load(file: root.appendingPathComponent("crawl.conf").path)
    #expect(config == CrawlConfig())
  }

  @Test func readsValuesAndUnits() throws {
    let c = try CrawlConfig.parse(
      """
      [crawl]
      seeds = ["http://www.example.gov.cn/"]
      concurrency = 16
      delay = 0
      recrawl_after_days = 1.5
      [scope]
      deny = ["/print/"]
      [archive]
      max_file_size = 100000
      """, file: "t.conf")
    #expect(c.seeds == ["http://www.example.gov.cn/"])
    #expect(c.concurrency == 16)
    #expect(c.delay == 0)
    #expect(c.recrawlAfter == 1.5 * 86_400)
    #expect(c.deny == ["/print/"])
    #expect(c.maxFileSize == 100_000)
    #expect(c.statePath == "archive/state.sqlite")
  }

  @Test func rejectsUnknownKeysWrongTypesAndBadValuesNamingThem() {
    func message(_ text: String) -> String {
      do {
        _ = try CrawlConfig.parse(text, file: "bad.conf")
        return ""
      } catch {
        return "\(error)"
      }
    }
    #expect(message("[crawl]\nconcurency = 3").contains("unknown key 'crawl.concurency'"))
    #expect(message("[crawl]\nconcurrency = \"x\"").contains("'crawl.concurrency' must be"))
    #expect(message("[crawl]\nconcurrency = 0").contains("crawl.concurrency"))
    #expect(message("[scope]\ndeny = [\"(\"]").contains("not a regular expression"))
    #expect(message("[crawl]\nseeds = [\"ftp://x/\"]").contains("ftp://x/"))
    #expect(message("[crawl\n").hasPrefix("bad.conf: line"))
    #expect(message("[nope]\n").contains("unknown key 'nope'"))
  }
}
