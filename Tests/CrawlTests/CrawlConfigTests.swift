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
      [fetch]
      max_retry_wait = 5
      allow_private_addresses = true
      [archive]
      max_file_size = 100000
      """, file: "t.conf")
    #expect(c.maxRetryWait == 5)
    #expect(c.allowPrivateAddresses && !CrawlConfig().allowPrivateAddresses)
    #expect(CrawlConfig().maxRetryWait == 60)
    #expect(c.seeds == ["http://www.example.gov.cn/"])
    #expect(c.concurrency == 16)
    #expect(c.delay == 0)
    #expect(c.recrawlAfter == 1.5 * 86_400)
    #expect(c.deny == ["/print/"])
    #expect(c.maxFileSize == 100_000)
    #expect(c.statePath == "archive/state.sqlite")
  }

  /// The error `CrawlConfig.parse` gives for `text` (as "bad.conf"), or "" when it parses.
  func message(_ text: String) -> String {
    do {
      _ = try CrawlConfig.parse(text, file: "bad.conf")
      return ""
    } catch {
      return "\(error)"
    }
  }

  @Test func rejectsUnknownKeysWrongTypesAndBadValuesNamingThem() {
    #expect(message("[crawl]\nconcurency = 3").contains("unknown key 'crawl.concurency'"))
    #expect(message("[crawl]\nconcurrency = \"x\"").contains("'crawl.concurrency' must be"))
    #expect(message("[crawl]\nconcurrency = 0").contains("crawl.concurrency"))
    #expect(message("[scope]\ndeny = [\"(\"]").contains("not a regular expression"))
    #expect(message("[crawl]\nseeds = [\"ftp://x/\"]").contains("ftp://x/"))
    #expect(message("[crawl\n").hasPrefix("bad.conf: line"))
    #expect(message("[nope]\n").contains("unknown key 'nope'"))
  }

  /// Table headers that abort TOMLKit's parser (found by fuzz-conf) are errors naming the line;
  /// the ones it reports itself still get its message.
  @Test func nonASCIITableNamesAreErrorsNotCrashes() {
    let headers = [
      "[中]", "[[中]]", "[ \u{FFFD}]", "[crawl]\n[ 范围 ]", "[.crawl]", "[=]", "[[[a]]]",
      // A combining mark after '[' (one Character with it), ideographic spaces, a BOM, CRLF.
      "[\u{035E}\u{FFFD} 0", "\u{3000}[\u{3000}中]", "[\t\u{0B}\tcrawl]", "\u{FEFF}[中]", "a = 1\r\n[中]\r\n",
      // A header line that also holds a multi-line string delimiter; a literal string holding one.
      "[\t\u{FFFD}\"\"\"crawl]", "x = '\"\"\"'\n[中]", "x = \"\\\"\"\"\"\n[中]",
      // After a closed multi-line string and a multi-line array.
      "x = \"\"\"\n[a]\n\"\"\"\n[中]", "x = [\n  [1], [\"]\"],\n]\n[中]",
    ]
    for header in headers {
      let m = message(header + "\n")
      #expect(m.hasPrefix("bad.conf: line"), "\(header): \(m)")
      #expect(m.contains("a table name must be quoted"), "\(header): \(m)")
    }
    #expect(message("[crawl]\nseeds = [\"http://x/\"]\n[\"中\"]\n").contains("unknown key '中'"))
    #expect(message("[ ]\n").contains("blank bare keys"))
    #expect(message("[crawl]\n[\n").contains("line 2 (`[`): a table header without a name"))
    #expect(message("[[ ").contains("line 1 (`[[`): a table header without a name"))
    #expect(message("[a..b]\n").contains("line 1"))
    // A value or an inline table's key that cannot start as TOML says aborted toml++ too.
    for bad in ["[crawl]\nseeds = [}\n", "x = \u{0B}1\n", "x = { 中 = 1 }\n", "x = [1, 中]\n"] {
      #expect(message(bad).contains("cannot start with"), "\(bad): \(message(bad))")
    }
    #expect(!message("x = [\n  1, # c\n  [2, {a = \"]\"}],\n]\ny = { b = [] }\n").contains("start"))
    // Inside a multi-line string such a line is text.
    #expect(!message("x = \"\"\"\n[中]\n\"\"\"\n").contains("table name"))
    #expect(!message("x = \'\'\'\n[中]\n\'\'\'\n").contains("table name"))
    // A line of a multi-line array that starts with '[' is a value, not a header.
    #expect(!message("[crawl]\nseeds = [\n  [ [\"x\"] ],\n]\n").contains("table"))
  }

  /// Values that trapped or hung a crawl (a timeout of inf, a concurrency of Int.max, a delay of
  /// inf) are refused at load, naming the key, its range and the value.
  @Test func numbersOutsideTheirRangeOrNotFiniteAreRefused() {
    #expect(
      message("[fetch]\ntimeout = inf")
        == "bad.conf: fetch.timeout must be a number from 0.1 to 86400 (seconds), not inf")
    #expect(
      message("[fetch]\nconnect_timeout = -inf").contains(
        "fetch.connect_timeout must be a number from 0.1 to 600 (seconds), not -inf"))
    #expect(
      message("[crawl]\ndelay = nan").contains(
        "crawl.delay must be a number from 0 to 3600 (seconds), not nan"))
    #expect(
      message("[fetch]\ntimeout = 1e300")
        == "bad.conf: fetch.timeout must be a number from 0.1 to 86400 (seconds), not 1e+300")
    #expect(
      message("[crawl]\nconcurrency = 9223372036854775807")
        == "bad.conf: crawl.concurrency must be an integer from 1 to 1024, not 9223372036854775807")
    #expect(
      message("[crawl]\ndelay = 3601")
        == "bad.conf: crawl.delay must be a number from 0 to 3600 (seconds), not 3601")
    #expect(message("[crawl]\nrecrawl_after_days = 40000").contains("0 to 36500 (days), not 40000"))
    #expect(message("[archive]\ngzip_level = 10").contains("archive.gzip_level must be an integer from 0 to 9"))
    #expect(message("[archive]\nsync_interval = -1").contains("archive.sync_interval"))
    #expect(message("[fetch]\nmax_attempts = 0").contains("fetch.max_attempts"))
    #expect(message("[scope]\nmax_links_per_page = 0").contains("scope.max_links_per_page"))
    // The edges of each range are accepted.
    #expect(message("[crawl]\nconcurrency = 1024\ndelay = 3600\n[fetch]\ntimeout = 0.1") == "")
    #expect(message("[crawl]\nmax_pages = 0\nmax_depth = 0\n[archive]\ngzip_level = 0") == "")
  }
}
