import Testing

@testable import HTML

/// The WHATWG URL parser on cases typed in from web-platform-tests' `url/resources/
/// urltestdata.json` (© web-platform-tests contributors, BSD-3-Clause), plus the project's own.
///
/// A nil base means "no base"; `resolve` then gets "about:blank", which an input with an http(s)
/// scheme ignores. scripts/url-conformance.sh measures the whole file.
@Suite struct WHATWGURLTests {
  /// (input, base, href) from urltestdata.json.
  static let browserCases: [(String, String?, String)] = [
    ("http://example\u{9}.\u{a}org", "http://example.org/foo/bar", "http://example.org/"),
    ("http://user:pass@foo:21/bar;par?b#c", "http://example.org/foo/bar", "http://user:pass@foo:21/bar;par?b#c"),
    ("https://test:@test", nil, "https://test@test/"),
    ("http://f:00000000000000000000080/c", "http://example.org/foo/bar", "http://f/c"),
    ("http://f:\u{a}/c", "http://example.org/foo/bar", "http://f/c"),
    ("http://&a:foo(b]c@d:2/", "http://example.org/foo/bar", "http://&a:foo(b%5Dc@d:2/"),
    ("http://::@c@d:2", "http://example.org/foo/bar", "http://:%3A%40c@d:2/"),
    ("http://[::127.0.0.1]", "http://example.org/foo/bar", "http://[::7f00:1]/"),
    ("http://[0:0:0:0:0:0:13.1.68.3]", "http://example.org/foo/bar", "http://[::d01:4403]/"),
    ("http://[2001::1]:80", "http://example.org/foo/bar", "http://[2001::1]/"),
    ("http:/example.com/", "http://example.org/foo/bar", "http://example.org/example.com/"),
    ("https:example.com/", "http://example.org/foo/bar", "https://example.com/"),
    ("http://example.com/foo/%2e./%2e%2e/.%2e/%2e.bar", nil, "http://example.com/%2e.bar"),
    ("http://192.0x00A80001", nil, "http://192.168.0.1/"),
    ("http:a:b@www.example.com", nil, "http://a:b@www.example.com/"),
    ("http://www.@pple.com", nil, "http://www.@pple.com/"),
    ("//www.example2.com", "http://www.example.com/test", "http://www.example2.com/"),
    ("http://ExAmPlE.CoM", "http://other.com/", "http://example.com/"),
    ("http://GOO\u{200b}\u{2060}\u{feff}goo.com", "http://other.com/", "http://googoo.com/"),
    ("http://www.foo\u{3002}bar.com", "http://other.com/", "http://www.foo.bar.com/"),
    ("http://\u{4f60}\u{597d}\u{4f60}\u{597d}", "http://other.com/", "http://xn--6qqa088eba/"),
    ("https://fa\u{df}.ExAmPlE/", nil, "https://xn--fa-hia.example/"),
    ("http://%30%78%63%30%2e%30%32%35%30.01", "http://other.com/", "http://192.168.0.1/"),
    ("https://a%C2%ADb/", nil, "https://ab/"),
    ("http://foo:\u{1f4a9}@example.com/bar", "http://other.com/", "http://foo:%F0%9F%92%A9@example.com/bar"),
    ("http://!\"$&'()*+,-.;=_`{}~/", nil, "http://!\"$&'()*+,-.;=_`{}~/"),
    ("https://www.example.com/path{\u{7f}path.html?query'\u{7f}=query#fragment<\u{7f}fragment", nil, "https://www.example.com/path%7B%7Fpath.html?query%27%7F=query#fragment%3C%7Ffragment"),
    ("http://[1:0::]", "http://example.net/", "http://[1::]/"),
    ("http://4294967295", "http://other.com/", "http://255.255.255.255/"),
    ("http://256", "http://other.com/", "http://0.0.1.0/"),
    ("\\\\x\\hello", "http://example.org/foo/bar", "http://x/hello"),
    ("..", "http://www.example.com/test", "http://www.example.com/"),
    ("http://example.com/foo/../../..", nil, "http://example.com/"),
    ("http://example.com////../..", nil, "http://example.com//"),
    ("\u{4e2d}/test.txt", "http://www.example.com/test", "http://www.example.com/%E4%B8%AD/test.txt"),
    ("#\u{3b2}", "http://example.org/foo/bar", "http://example.org/foo/bar#%CE%B2"),
  ]

  /// (input, base) that urltestdata.json marks `failure: true`.
  static let invalidCases: [(String, String?)] = [
    ("http://f:b/c", "http://example.org/foo/bar"),
    ("http://f:999999/c", "http://example.org/foo/bar"),
    ("http://[1::2]:3:4", "http://example.org/foo/bar"),
    ("http://2001::1]", "http://example.org/foo/bar"),
    ("http://user:pass@/", nil),
    ("http:/:@/www.example.com", nil),
    ("http://example example.com", "http://other.com/"),
    ("http://[]", "http://other.com/"),
    ("http://%ef%b7%90zyx.com", "http://other.com/"),  // U+FDD0, which Swift literals refuse
    ("http://a.b.c.xn--pokxncvks", nil),
    ("http://\u{ff05}\u{ff14}\u{ff11}.com", "http://other.com/"),
    ("http://192.168.0.257", "http://other.com/"),
    ("http://[::1.2.3.]", "http://other.com/"),
    ("http://a^b", nil),
    ("http://ho%3Ast/", nil),
    ("http:", "https://example.org/foo/bar"),
    ("http://4294967296", "http://other.com/"),
    ("http://0xffffffff1", "http://other.com/"),
    ("https://[0::0::0]", nil),
    ("http://f:18446744073709551697/c", "http://example.org/"),
    ("http://1.2.3.08", nil),
    ("http://foo.09", nil),
    ("http://foo.0x", nil),
    ("http://\u{1f4a9}.123/", nil),
    ("https://xn--/", nil),
    ("https://\u{ad}/", nil),
  ]

  @Test(arguments: browserCases)
  func resolvesAsBrowsersDo(input: String, base: String?, href: String) {
    #expect(URLCanonicalizer.resolve(input, against: base ?? "about:blank") == href)
  }

  @Test(arguments: invalidCases)
  func rejectsWhatBrowsersReject(input: String, base: String?) {
    #expect(URLCanonicalizer.resolve(input, against: base ?? "about:blank") == nil)
    #expect(URLCanonicalizer().canonicalize(input, against: base ?? "about:blank") == nil)
  }

  @Test func portalStyleInputs() {
    let page = "http://www.gov.cn/zwgk/index.htm"
    let cases: [(String, String?)] = [
      ("http://中国政府网.政务/", "http://xn--fiqs8sirgfmhq98a.xn--zfr164b/"),
      ("http://WWW．GOV．CN/a", "http://www.gov.cn/a"),
      ("http://www.gov.cn:8080", "http://www.gov.cn:8080/"),
      ("http:x.htm", "http://www.gov.cn/zwgk/x.htm"),
      ("https:x.htm", "https://x.htm/"),
      ("http://www.gov.cn/a%2fb/%2E%2E/c", "http://www.gov.cn/c"),
      (
        "http://www.gov.cn/a b/中?q='国'#f g",
        "http://www.gov.cn/a%20b/%E4%B8%AD?q=%27%E5%9B%BD%27#f%20g"
      ),
      ("http://www.gov.cn:65536/", nil),
      ("http://www.gov.cn:-1/", nil),
    ]
    for (input, expected) in cases {
      #expect(URLCanonicalizer.resolve(input, against: page) == expected, "\(input)")
    }
  }

  @Test func ipv4Forms() {
    let cases = [
      ("http://0x7f.1/", "http://127.0.0.1/"), ("http://0177.0.0.1/", "http://127.0.0.1/"),
      ("http://127.1/", "http://127.0.0.1/"), ("http://2130706433/", "http://127.0.0.1/"),
      ("http://1.2.3.4./", "http://1.2.3.4/"), ("http://0x/", "http://0.0.0.0/"),
    ]
    for (input, expected) in cases {
      #expect(URLCanonicalizer.resolve(input, against: "about:blank") == expected, "\(input)")
    }
    // Numbers far beyond 2^32 saturate instead of trapping.
    let long = Array(("0x" + String(repeating: "f", count: 40)).utf8)[...]
    #expect((WHATWGURL.IPv4.number(long) ?? 0) > 0xFFFF_FFFF)
    let nines = "http://" + String(repeating: "9", count: 60) + "/"
    #expect(URLCanonicalizer.resolve(nines, against: "about:blank") == nil)
  }

  @Test func ipv6Serialization() {
    let cases = [
      ("http://[0:0:0:0:0:0:0:1]/", "http://[::1]/"),
      ("http://[1:0:0:2:0:0:0:3]/", "http://[1:0:0:2::3]/"),
      ("http://[1:0:0:2:0:0:3:4]/", "http://[1::2:0:0:3:4]/"),
      ("http://[ABCD::]/", "http://[abcd::]/"),
      ("http://[1:2:3:4:5:6:7:8]/", "http://[1:2:3:4:5:6:7:8]/"),
      ("http://[::ffff:1.2.3.4]/", "http://[::ffff:102:304]/"),
    ]
    for (input, expected) in cases {
      #expect(URLCanonicalizer.resolve(input, against: "about:blank") == expected, "\(input)")
    }
  }

  @Test func otherSchemesAreResolvedNotParsed() {
    let page = "http://www.gov.cn/a/b.htm"
    let canonicalizer = URLCanonicalizer()
    #expect(URLCanonicalizer.resolve("mailto:a@b.cn", against: page) == "mailto:a@b.cn")
    #expect(URLCanonicalizer.resolve("ftp://f.cn/x/../y", against: page) == "ftp://f.cn/y")
    #expect(URLCanonicalizer.resolve("c.txt", against: "ftp://f.cn/a/b") == "ftp://f.cn/a/c.txt")
    #expect(canonicalizer.canonicalize("c.txt", against: "ftp://f.cn/a/b") == nil)
    #expect(
      canonicalizer.canonicalize("http://h.cn/x", against: "ftp://f.cn/a/b") == "http://h.cn/x")
  }
}
