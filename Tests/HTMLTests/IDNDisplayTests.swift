import Testing

@testable import HTML

/// Punycode hosts shown in Unicode for `show` and `status`, and typed Unicode URLs turned into
/// the punycode the archive has; ASCII hosts and anything odd pass through unchanged.
@Suite struct IDNDisplayTests {
  @Test func punycodeHostsAreShownInUnicode() {
    #expect(IDNDisplay.host("xn--fsqu00a.xn--fiqs8s") == "例子.中国")
    #expect(IDNDisplay.host("www.xn--fiqs8s") == "www.中国")
    #expect(IDNDisplay.host("www.gov.cn") == "www.gov.cn")
    #expect(IDNDisplay.host("127.0.0.1") == "127.0.0.1")
    // Not valid punycode, or not what IDNA would produce: shown as it is.
    #expect(IDNDisplay.host("xn--.test") == "xn--.test")
    #expect(IDNDisplay.host("xn--zz-zzzzzzz.test") == "xn--zz-zzzzzzz.test")
  }

  @Test func urlsKeepEverythingButTheHost() {
    #expect(
      IDNDisplay.url("http://xn--fsqu00a.xn--fiqs8s:8080/a/b.html?x=1#f")
        == "http://例子.中国:8080/a/b.html?x=1#f")
    #expect(IDNDisplay.url("https://u:p@xn--fiqs8s/") == "https://u:p@中国/")
    #expect(IDNDisplay.url("http://xn--fiqs8s") == "http://中国")
    #expect(IDNDisplay.url("http://www.gov.cn/xn--fiqs8s") == "http://www.gov.cn/xn--fiqs8s")
    #expect(IDNDisplay.url("http://[::1]:80/") == "http://[::1]:80/")
    #expect(IDNDisplay.url("not a url") == "not a url")
    #expect(IDNDisplay.url("") == "")
  }

  @Test func typedUnicodeURLsBecomeTheArchivedPunycode() {
    #expect(
      IDNDisplay.punycodeURL("http://例子.中国:8080/a.html") == "http://xn--fsqu00a.xn--fiqs8s:8080/a.html")
    #expect(IDNDisplay.punycodeURL("http://www.gov.cn/文章") == "http://www.gov.cn/文章")
    #expect(IDNDisplay.punycodeURL("http://www.gov.cn/") == "http://www.gov.cn/")
    // Round trip, and the canonicaliser agrees.
    let typed = "http://例子.中国/"
    #expect(IDNDisplay.url(IDNDisplay.punycodeURL(typed)) == typed)
    #expect(URLCanonicalizer().canonicalize(typed) == IDNDisplay.punycodeURL(typed))
  }
}
