import Testing

@testable import HTML

@Suite struct URLCanonicalizerTests {
  let canonicalizer = URLCanonicalizer()
  static let base = "http://a/b/c/d;p?q"

  /// RFC 3986 §5.4.1, as browsers read them: "//g" gets the path "/" every http(s) URL has.
  static let normalExamples: [(String, String)] = [
    ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
    ("/g", "http://a/g"), ("//g", "http://g/"), ("?y", "http://a/b/c/d;p?y"),
    ("g?y", "http://a/b/c/g?y"), ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"),
    ("g?y#s", "http://a/b/c/g?y#s"), (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"),
    ("g;x?y#s", "http://a/b/c/g;x?y#s"), ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"),
    ("./", "http://a/b/c/"), ("..", "http://a/b/"), ("../", "http://a/b/"),
    ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
    ("../../g", "http://a/g"),
  ]

  /// RFC 3986 §5.4.2 ("http:g" takes the backward-compatible reading, as browsers do).
  static let abnormalExamples: [(String, String)] = [
    ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"),
    ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"),
    ("g..", "http://a/b/c/g.."), ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"),
    ("./g/.", "http://a/b/c/g/"), ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"),
    ("g;x=1/./y", "http://a/b/c/g;x=1/y"), ("g;x=1/../y", "http://a/b/c/y"),
    ("g?y/./x", "http://a/b/c/g?y/./x"), ("g?y/../x", "http://a/b/c/g?y/../x"),
    ("g#s/./x", "http://a/b/c/g#s/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"),
    ("http:g", "http://a/b/c/g"),
  ]

  @Test(arguments: normalExamples + abnormalExamples)
  func rfc3986Resolution(reference: String, expected: String) {
    #expect(URLCanonicalizer.resolve(reference, against: Self.base) == expected)
  }

  @Test func portalStyleReferences() {
    let page = "http://www.gov.cn/zwgk/2009-05/20/content_1320123.htm"
    #expect(
      URLCanonicalizer.resolve("./200905/t.htm", against: page)
        == "http://www.gov.cn/zwgk/2009-05/20/200905/t.htm")
    #expect(
      URLCanonicalizer.resolve("../../zcfg/index.html", against: page)
        == "http://www.gov.cn/zwgk/zcfg/index.html")
    #expect(
      URLCanonicalizer.resolve("?q=1", against: page)
        == "http://www.gov.cn/zwgk/2009-05/20/content_1320123.htm?q=1")
    #expect(
      URLCanonicalizer.resolve("//english.gov.cn/news/", against: page)
        == "http://english.gov.cn/news/")
    #expect(
      URLCanonicalizer.resolve("#top", against: page)
        == "http://www.gov.cn/zwgk/2009-05/20/content_1320123.htm#top")
    #expect(
      URLCanonicalizer.resolve("https://other.cn/x", against: page) == "https://other.cn/x")
    #expect(URLCanonicalizer.resolve("mailto:a@b.cn", against: page) == "mailto:a@b.cn")
    #expect(URLCanonicalizer.resolve("x", against: "not absolute") == nil)
  }

  @Test func whitespaceBackslashesAndNonASCII() {
    let page = "http://www.gov.cn/a/b.htm"
    #expect(URLCanonicalizer.resolve("  \n c.htm\t ", against: page) == "http://www.gov.cn/a/c.htm")
    #expect(URLCanonicalizer.resolve("d\ne.htm", against: page) == "http://www.gov.cn/a/de.htm")
    #expect(URLCanonicalizer.resolve("..\\x\\y.htm", against: page) == "http://www.gov.cn/x/y.htm")
    #expect(
      URLCanonicalizer.resolve("新闻 中心/索引.htm?q=国务院", against: page)
        == "http://www.gov.cn/a/%E6%96%B0%E9%97%BB%20%E4%B8%AD%E5%BF%83/%E7%B4%A2%E5%BC%95.htm"
        + "?q=%E5%9B%BD%E5%8A%A1%E9%99%A2")
  }

  @Test func canonicalForm() {
    let cases: [(String, String?)] = [
      ("HTTP://WWW.Gov.CN:80/a/./b/../c.htm#frag", "http://www.gov.cn/a/c.htm"),
      ("https://www.gov.cn:443", "https://www.gov.cn/"),
      ("https://www.gov.cn:8443/x", "https://www.gov.cn:8443/x"),
      ("http://www.gov.cn:443/x", "http://www.gov.cn:443/x"),
      ("http://www.gov.cn:/x", "http://www.gov.cn/x"),
      ("http://www.gov.cn:0080/x", "http://www.gov.cn/x"),
      ("http://www.gov.cn?a=1", "http://www.gov.cn/?a=1"),
      ("http://www.gov.cn/x?", "http://www.gov.cn/x"),
      ("http://www.gov.cn/%7euser/%41%2f%3F%e4%b8%ad", "http://www.gov.cn/~user/A%2F%3F%E4%B8%AD"),
      (
        "http://www.gov.cn/a b/中文?q=国 x#f",
        "http://www.gov.cn/a%20b/%E4%B8%AD%E6%96%87?q=%E5%9B%BD%20x"
      ),
      ("http://www.gov.cn/a\"<>`{}|^", "http://www.gov.cn/a%22%3C%3E%60%7B%7D%7C%5E"),
      ("http://www.gov.cn/100%", "http://www.gov.cn/100%25"),
      ("http://www.gov.cn/%2e%2E/x", "http://www.gov.cn/x"),
      ("http://例子.中国/路径", "http://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84"),
      ("http://0x7F.1/", "http://127.0.0.1/"), ("http:www.gov.cn/x", "http://www.gov.cn/x"),
      ("http://www.gov.cn/a/%2e%2E/b/./", "http://www.gov.cn/b/"),
      ("http://www.gov.cn/a/.;jsessionid=1/b", "http://www.gov.cn/a/b"),
      ("http://www.gov.cn/x?a='1'&b=\\", "http://www.gov.cn/x?a=%271%27&b=%5C"),
      ("http://user@WWW.GOV.CN/", "http://user@www.gov.cn/"),
      ("http://[::1]:80/", "http://[::1]/"),
      ("ftp://www.gov.cn/", nil), ("mailto:a@b.cn", nil), ("javascript:void(0)", nil),
      ("/relative/path", nil), ("http:///nohost", "http://nohost/"), ("http://host:99999/", nil),
      ("http://a b.cn/", nil), ("http://a.cn%2F/", nil), ("http://1.2.3.256/", nil),
      ("http://[::1/", nil),
      ("http://host:8a/", nil),
    ]
    for (input, expected) in cases {
      #expect(canonicalizer.canonicalize(input) == expected, "\(input)")
    }
  }

  @Test func sessionParametersAreRemoved() {
    let cases: [(String, String)] = [
      ("http://a.cn/x.jsp?id=3&JSESSIONID=ABC&page=2", "http://a.cn/x.jsp?id=3&page=2"),
      ("http://a.cn/x.php?PHPSESSID=1", "http://a.cn/x.php"),
      ("http://a.cn/x.jsp;jsessionid=0A1B2C?id=3", "http://a.cn/x.jsp?id=3"),
      ("http://a.cn/x.jsp;JSESSIONID=0A1B2C", "http://a.cn/x.jsp"),
      ("http://a.cn/x.jsp;type=a;jsessionid=1", "http://a.cn/x.jsp;type=a"),
      ("http://a.cn/x.asp?ASPSESSIONIDQQGGGRST=AB&b=2", "http://a.cn/x.asp?b=2"),
      ("http://a.cn/x?sid&b=2&&c=3", "http://a.cn/x?b=2&c=3"),
      ("http://a.cn/x?b=2&a=1", "http://a.cn/x?b=2&a=1"),
      ("http://a.cn/x?sidebar=1", "http://a.cn/x?sidebar=1"),
    ]
    for (input, expected) in cases {
      #expect(canonicalizer.canonicalize(input) == expected, "\(input)")
    }
    let custom = URLCanonicalizer(sessionParameters: ["Token"])
    #expect(custom.canonicalize("http://a.cn/x?TOKEN=1&sid=2") == "http://a.cn/x?sid=2")
  }

  @Test func resolveAndCanonicalizeInOnePass() {
    let base = "http://WWW.gov.cn:80/zwgk/2009-05/20/content_1.htm?x=1#top"
    #expect(
      canonicalizer.canonicalize("../../zcfg/index.html#a", against: base)
        == "http://www.gov.cn/zwgk/zcfg/index.html")
    #expect(
      canonicalizer.canonicalize("#only", against: base)
        == "http://www.gov.cn/zwgk/2009-05/20/content_1.htm?x=1")
    #expect(canonicalizer.canonicalize("javascript:void(0)", against: base) == nil)
    #expect(canonicalizer.canonicalize("mailto:x@y.cn", against: base) == nil)
    for (reference, _) in Self.normalExamples + Self.abnormalExamples {
      let resolved = URLCanonicalizer.resolve(reference, against: base)
      #expect(
        canonicalizer.canonicalize(reference, against: base)
          == resolved.flatMap { canonicalizer.canonicalize($0) }, "\(reference)")
    }
  }

  @Test func canonicalFormIsIdempotent() {
    for input in [
      "HTTP://WWW.Gov.CN:80/a/./b/../c.htm#frag", "http://www.gov.cn/a b/中文?q=国 x#f",
      "http://www.gov.cn/%7euser/%41%2f%3F", "http://a.cn/x.jsp;jsessionid=0A1B2C?id=3",
    ] {
      let once = canonicalizer.canonicalize(input)
      #expect(once != nil)
      #expect(once.flatMap { canonicalizer.canonicalize($0) } == once, "\(input)")
    }
  }

  @Test func hostAndPath() {
    #expect(URLCanonicalizer.host(of: "http://WWW.Gov.CN:8080/x") == "www.gov.cn")
    #expect(URLCanonicalizer.host(of: "https://user:pw@Example.com/") == "example.com")
    #expect(URLCanonicalizer.host(of: "http://[::1]:80/") == "[::1]")
    #expect(URLCanonicalizer.host(of: "http://例子.中国/") == "xn--fsqu00a.xn--fiqs8s")
    #expect(URLCanonicalizer.host(of: "http://0x7f.1/") == "127.0.0.1")
    #expect(URLCanonicalizer.host(of: "ftp://Files.CN/x") == "files.cn")
    #expect(URLCanonicalizer.host(of: "/relative") == nil)
    #expect(URLCanonicalizer.host(of: "mailto:x@y") == nil)
    #expect(URLCanonicalizer.path(of: "http://a.cn") == "/")
    #expect(URLCanonicalizer.path(of: "http://a.cn/x/y?q=1#f") == "/x/y?q=1")
    #expect(URLCanonicalizer.path(of: "http://a.cn/中") == "/%E4%B8%AD")
  }

  @Test func preParsedBaseGivesTheSameResults() throws {
    let base = try #require(URLCanonicalizer.BaseURL(Self.base))
    for (reference, expected) in Self.normalExamples + Self.abnormalExamples {
      #expect(URLCanonicalizer.resolve(reference, against: base) == expected)
      #expect(
        canonicalizer.canonicalize(reference, against: base)
          == canonicalizer.canonicalize(reference, against: Self.base))
    }
    #expect(URLCanonicalizer.BaseURL("relative/only") == nil)
  }

  @Test func changingSessionParametersTakesEffect() {
    var custom = URLCanonicalizer()
    #expect(custom.canonicalize("http://a.cn/?sid=1&k=2") == "http://a.cn/?k=2")
    custom.sessionParameters = ["k"]
    #expect(custom.canonicalize("http://a.cn/?sid=1&k=2") == "http://a.cn/?sid=1")
  }
}
