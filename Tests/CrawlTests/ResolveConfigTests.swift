import Foundation
import Testing

@testable import Crawl
@testable import Fetch

/// `[fetch] resolve` in crawl.conf: read, validated with errors naming the key and the entry,
/// hosts turned to punycode, and later entries (the `--resolve` flags) winning.
@Suite struct ResolveConfigTests {
  static func error(_ text: String) -> String {
    do {
      _ = try CrawlConfig.parse(text, file: "t.conf")
      return ""
    } catch {
      return "\(error)"
    }
  }

  @Test func readsEntriesAndTurnsUnicodeHostsToPunycode() throws {
    let c = try CrawlConfig.parse(
      """
      [fetch]
      resolve = ["www.example-portal.test:8080:127.0.0.1", "例子.中国:80:127.0.0.1,[::1]"]
      """, file: "t.conf")
    #expect(c.resolve == ["www.example-portal.test:8080:127.0.0.1", "例子.中国:80:127.0.0.1,[::1]"])
    #expect(CrawlConfig().resolve.isEmpty)
    let entries = try c.resolveEntries()
    #expect(
      entries.map(\.description) == [
        "www.example-portal.test:8080:127.0.0.1", "xn--fsqu00a.xn--fiqs8s:80:127.0.0.1,[::1]",
      ])
  }

  @Test func badEntriesAreErrorsNamingTheKeyAndTheEntry() {
    #expect(
      Self.error("[fetch]\nresolve = [\"a.test:127.0.0.1\"]")
        == "t.conf: fetch.resolve entry 'a.test:127.0.0.1': missing port (expected HOST:PORT:ADDR[,ADDR...])")
    #expect(
      Self.error("[fetch]\nresolve = [\"a.test:70000:127.0.0.1\"]")
        == "t.conf: fetch.resolve entry 'a.test:70000:127.0.0.1': port 70000 is out of range (1 to 65535)")
    #expect(
      Self.error("[fetch]\nresolve = [\"a.test:80:10.0.0.300\"]").hasPrefix(
        "t.conf: fetch.resolve entry 'a.test:80:10.0.0.300': bad address '10.0.0.300'"))
    #expect(
      Self.error("[fetch]\nresolve = [\"a%zz.test:80:127.0.0.1\"]").contains(
        "host 'a%zz.test' is not a valid host name"))
    #expect(Self.error("[fetch]\nresolve = \"a.test:80:127.0.0.1\"").contains("'fetch.resolve' must be an array of strings"))
  }

  @Test func laterEntriesOfTheSameHostAndPortWin() throws {
    var c = CrawlConfig()
    c.resolve = ["a.test:80:127.0.0.1", "b.test:80:127.0.0.1"]
    c.resolve += ["A.test:80:127.0.0.2"]  // what `crawl --resolve` appends
    #expect(
      try c.resolveEntries().map(\.description) == ["a.test:80:127.0.0.2", "b.test:80:127.0.0.1"])
    #expect(throws: ConfigError.self) {
      try CrawlConfig.resolveEntry("a.test", key: "--resolve", file: "command line")
    }
    do {
      _ = try CrawlConfig.resolveEntry("a.test:80", key: "--resolve", file: "command line")
    } catch {
      #expect("\(error)".hasPrefix("command line: --resolve entry 'a.test:80': missing address"))
    }
  }
}
