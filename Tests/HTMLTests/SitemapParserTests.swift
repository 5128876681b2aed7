import Testing

@testable import HTML

/// Sitemap fixtures in the shapes portals publish: plain URL sets, indexes, no namespace, a
/// prefix, text sitemaps, and broken or hostile files.
@Suite struct SitemapParserTests {
  static func parse(_ xml: String, maxEntries: Int = 50_000) throws -> Sitemap {
    try SitemapParser.parse(bytes: Array(xml.utf8), maxEntries: maxEntries)
  }

  @Test func plainURLSetWithNamespace() throws {
    let s = try Self.parse(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
        <url><loc> http://www.example.gov.cn/xwzx/201507/t20150701_1.html </loc>
          <lastmod>2015-07-01T10:20:30+08:00</lastmod><changefreq>daily</changefreq>
          <image:image><image:loc>http://static.example.gov.cn/1.jpg</image:loc></image:image>
        </url>
        <url><loc>http://www.example.gov.cn/a?x=1&amp;y=2</loc><lastmod>2015-06-30</lastmod></url>
        <url><lastmod>2015-06-30</lastmod></url>
      </urlset>
      """)
    #expect(s.kind == .urlset)
    #expect(s.problem == nil)
    #expect(
      s.entries == [
        SitemapEntry(
          loc: "http://www.example.gov.cn/xwzx/201507/t20150701_1.html",
          lastmod: SitemapDate(seconds: 1_435_717_230)),
        SitemapEntry(
          loc: "http://www.example.gov.cn/a?x=1&y=2", lastmod: SitemapDate(seconds: 1_435_622_400)),
      ])
  }

  @Test func indexWithoutNamespace() throws {
    let s = try Self.parse(
      """
      <sitemapindex><sitemap><loc>/sitemap/xwzx.xml</loc><lastmod>2015-07</lastmod></sitemap>
      <sitemap><loc>http://h.cn/sitemap/tzgg.xml.gz</loc></sitemap></sitemapindex>
      """)
    #expect(s.kind == .index)
    #expect(s.entries.map(\.loc) == ["/sitemap/xwzx.xml", "http://h.cn/sitemap/tzgg.xml.gz"])
    #expect(s.entries[0].lastmod == SitemapDate.parse("2015-07-01T00:00:00Z"))
    #expect(s.entries[1].lastmod == nil)
  }

  @Test func prefixedNamespaceAndOtherNamespacesIgnored() throws {
    let s = try Self.parse(
      """
      <sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:x="urn:x">
        <sm:url><sm:loc>http://h.cn/1.html</sm:loc><x:loc>http://h.cn/no.html</x:loc></sm:url>
        <x:url><sm:loc>http://h.cn/no2.html</sm:loc></x:url>
      </sm:urlset>
      """)
    #expect(s.entries.map(\.loc) == ["http://h.cn/1.html"])
  }

  @Test func bareAmpersandsAndCDATA() throws {
    let s = try Self.parse(
      """
      <urlset><url><loc>http://h.cn/list.jsp?a=1&b=2&#38;c=3</loc></url>
      <url><loc><![CDATA[http://h.cn/x?p=1&q=2]]></loc></url>
      <!-- a & comment --><url><loc>http://h.cn/&nbsp;</loc></url></urlset>
      """)
    #expect(s.problem == nil)
    #expect(
      s.entries.map(\.loc) == [
        "http://h.cn/list.jsp?a=1&b=2&c=3", "http://h.cn/x?p=1&q=2", "http://h.cn/&nbsp;",
      ])
  }

  @Test func textSitemap() throws {
    let s = try SitemapParser.parse(
      bytes: Array("\u{FEFF}http://h.cn/1.html\r\n\r\nnot a url\nHTTPS://h.cn/2.html\n".utf8))
    #expect(s.kind == .text)
    #expect(s.entries.map(\.loc) == ["http://h.cn/1.html", "HTTPS://h.cn/2.html"])
  }

  @Test func truncatedKeepsEntriesBeforeTheCut() throws {
    let s = try Self.parse(
      "<urlset><url><loc>http://h.cn/1.html</loc></url><url><loc>http://h.cn/2.ht")
    #expect(s.entries.map(\.loc) == ["http://h.cn/1.html"])
    #expect(s.problem != nil)
  }

  @Test func malformedAndForeignDocuments() {
    #expect(throws: SitemapError.notASitemap(root: "html")) {
      try Self.parse("<!DOCTYPE html><html><body>404</body></html>")
    }
    #expect(throws: SitemapError.notASitemap(root: "rss")) {
      try Self.parse("<rss><channel><item><link>http://h.cn/</link></item></channel></rss>")
    }
    #expect(throws: SitemapError.self) { try Self.parse("<<<>>>") }
    #expect(throws: SitemapError.self) { try Self.parse("") }
    #expect(throws: SitemapError.compressed) {
      try SitemapParser.parse(bytes: [0x1F, 0x8B, 8, 0, 0, 0])
    }
    #expect(throws: SitemapError.tooLarge(bytes: 11, limit: 10)) {
      try SitemapParser.parse(bytes: Array("<urlset/>  ".utf8), maxBytes: 10)
    }
  }

  @Test func entitiesAreNeverExpanded() throws {
    // External entity (XXE) and exponential expansion ("billion laughs"): neither is read.
    let s = try Self.parse(
      """
      <?xml version="1.0"?>
      <!DOCTYPE urlset [
        <!ENTITY xxe SYSTEM "file:///etc/passwd">
        <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
        <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
        <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
        <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
      ]>
      <urlset><url><loc>http://h.cn/&xxe;</loc></url><url><loc>http://h.cn/&d;&d;</loc></url>
      </urlset>
      """)
    #expect(s.entries.map(\.loc) == ["http://h.cn/&xxe;", "http://h.cn/&d;&d;"])
    #expect(!s.entries.contains { $0.loc.contains("root:") || $0.loc.contains("aaaa") })
  }

  @Test func hugeSitemapIsBounded() throws {
    var xml = "<urlset>"
    for i in 0..<3000 { xml += "<url><loc>http://h.cn/\(i).html</loc></url>" }
    xml += "<url><loc>http://h.cn/" + String(repeating: "x", count: 100_000) + "</loc></url>"
    xml += "</urlset>"
    let s = try Self.parse(xml, maxEntries: 1000)
    #expect(s.entries.count == 1000)
    #expect(s.omitted == 2000)  // the 100,000-byte <loc> is dropped, not kept
    #expect(s.problem == nil)
    let deep = String(repeating: "<a>", count: 5000) + String(repeating: "</a>", count: 5000)
    let nested = try Self.parse("<urlset>" + deep + "</urlset>")
    #expect(nested.problem?.contains("nested deeper") == true)
  }

  @Test func w3cDatetimes() {
    let cases: [(String, Int64?)] = [
      ("2015", 1_420_070_400), ("2015-07", 1_435_708_800), ("2015-07-01", 1_435_708_800),
      ("2015-07-01T10:20+08:00", 1_435_717_200), ("2015-07-01T02:20:30Z", 1_435_717_230),
      ("2015-07-01T02:20:30.45Z", 1_435_717_230), ("2015-07-01T04:20:30+0200", 1_435_717_230),
      ("2015-06-30T21:20:30-05:00", 1_435_717_230), (" 2015-07-01 10:20:30 ", 1_435_717_230),
      ("2016-02-29", 1_456_704_000), ("2015-02-29", nil), ("2015-13", nil), ("15-07-01", nil),
      ("2015-07-01T25:00Z", nil), ("2015-07-01T10Z", nil), ("2015-07T10:00Z", nil),
      ("2015-07-01T10:00:00+08:00junk", nil), ("", nil), ("yesterday", nil),
    ]
    for (text, seconds) in cases {
      #expect(SitemapDate.parse(text)?.seconds == seconds, "\(text)")
    }
  }

  @Test func randomBytesNeverTrap() {
    var rng = UInt64(0x9E37_79B9_7F4A_7C15)
    let pieces = ["<urlset>", "<url>", "<loc>", "</loc>", "</url>", "&", "&#", "<![CDATA[", "]]>",
      "<!--", "-->", "<!DOCTYPE x [", "<!ENTITY e \"&e;\">", "]>", "&e;", "x", "\u{0}", "<"]
    for _ in 0..<500 {
      var s = ""
      for _ in 0..<40 {
        rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        s += pieces[Int(rng >> 33) % pieces.count]
      }
      _ = try? Self.parse(s)
    }
  }
}
