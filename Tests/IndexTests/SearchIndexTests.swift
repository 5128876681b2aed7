import Foundation
import GRDB
import Index
import TestSupport
import Testing

/// Search over a small index: Chinese terms of every length (the trigram index for 3+ characters,
/// the substring scan for 1–2), ASCII and punctuation, full-width forms, operators, filters,
/// snippets and replacement of an URL's older capture.
@Suite struct SearchIndexTests {
  static let articles: [IndexedArticle] = [
    article(
      "http://www.gov.cn/a/1.html", title: "国务院常务会议部署经济工作",
      published: "2024-03-01", fetched: "2024-03-05T10:00:00Z",
      text: "会议指出，中国人民银行要保持GDP增长。\n税收政策继续优化。"),
    article(
      "http://news.gov.cn/a/2.html", title: "发展中国家合作论坛",
      published: "2024-04-10", fetched: "2024-04-11T08:00:00Z",
      text: "论坛讨论了国家 治理与合作。\n增长率达到100元。"),
    article(
      "http://www.example.org/c/3.html", title: "ＧＤＰ２０２４年统计公报",
      published: "", fetched: "2024-05-01T00:00:00Z",
      text: "全年国内生产总值（ＧＤＰ）增长５％，居民收入稳步提高。"),
    article(
      "http://www.gov.cn/a/4.html", title: "生态环境保护督察",
      published: "2024-06-30 09:15", fetched: "2024-07-01T23:59:59Z",
      text: "督察组进驻后，发现问题整改到位。长江经济带生态保护修复取得进展。"),
  ]

  static func article(
    _ url: String, title: String, published: String, fetched: String, text: String
  ) -> IndexedArticle {
    IndexedArticle(
      url: url, title: title, published: published, source: "新华社", author: "",
      fetched: fetched, warcFile: "2024-03-05/x.warc.gz", warcOffset: 0, text: text)
  }

  /// An index over `articles` in a fresh state-DB file, kept alive with its directory.
  final class Fixture: Sendable {
    let dir: TemporaryDirectory
    let index: SearchIndex
    init(_ articles: [IndexedArticle] = SearchIndexTests.articles) throws {
      dir = try TemporaryDirectory("search-index")
      let path = dir.path + "/state.sqlite"
      let queue = try DatabaseQueue(path: path)
      try queue.write { db in
        try SearchIndex.createSchema(db)
        for a in articles { try SearchIndex.upsert(a, db: db) }
      }
      try queue.close()
      index = try SearchIndex(path: path)
    }

    func urls(_ q: String, _ filters: SearchFilters = SearchFilters()) throws -> Set<String> {
      let hits = try index.search(SearchQuery(q), filters: filters, limit: 100)
      #expect(Set(hits.map(\.url)).count == hits.count, "a URL listed twice for \(q)")
      return Set(hits.map(\.url))
    }
  }

  static func u(_ n: Int...) -> Set<String> {
    Set(n.map { articles[$0 - 1].url })
  }

  @Test(arguments: [
    ("税", [1]),  // 1 character
    ("中", [1, 2]),
    ("中国", [1, 2]),  // 2: in 中国人民 and 发展中国家
    ("国家", [2]),
    ("经济", [1, 4]),  // in a title and in a text
    ("发展中", [2]),  // 3: trigram index
    ("中国人", [1]),
    ("生态保护修复", [4]),  // 6
    ("长江经济带生态保护", [4]),  // 9
    ("国务院常务会议部署经济工作", [1]),  // a whole title, 13
    ("人民银行要保持", [1]),
    ("银行要保持GDP增长", [1]),  // mixed Han and ASCII, across the join
    ("gdp", [1, 3]),  // ASCII case ignored; full-width ＧＤＰ folded
    ("ＧＤＰ", [1, 3]),
    ("2024年", [3]),  // full-width digits in a title
    ("５％", [3]),  // full-width digit then full-width percent sign
    ("（GDP）", [3]),  // full-width parentheses kept
    ("会议指出，中国", [1]),  // full-width comma kept inside a term
    ("\"国家 治理\"", [2]),  // a phrase keeps its space
    ("100元", [2]),
  ])
  func termsOfEveryLengthMatchAsSubstrings(query: String, expected: [Int]) throws {
    let f = try Fixture()
    #expect(try f.urls(query) == Set(expected.map { Self.articles[$0 - 1].url }), "\(query)")
  }

  @Test(arguments: [
    "税收政策继续扩大",  // the last trigrams differ
    "中国人民日报",
    "国家治理",  // the text has a space between them
    "100%",  // % is a character, not a LIKE wildcard
    "增长_",  // nor is _
    "会议指出,中国",  // ASCII comma does not match the full-width one
    "zzz",
    "乙",
  ])
  func textsThatAreNotThereMatchNothing(query: String) throws {
    let f = try Fixture()
    #expect(try f.urls(query).isEmpty, "\(query)")
  }

  @Test func andOrNotAndParenthesesCombineShortAndLongTerms() throws {
    let f = try Fixture()
    #expect(try f.urls("中国 税") == Self.u(1))
    #expect(try f.urls("中国 AND 税") == Self.u(1))
    #expect(try f.urls("税 OR 督察") == Self.u(1, 4))
    #expect(try f.urls("中国 NOT 税") == Self.u(2))
    #expect(try f.urls("经济 NOT 长江经济带") == Self.u(1))
    #expect(try f.urls("(税 OR 论坛) 合作") == Self.u(2))
    #expect(try f.urls("生态保护 OR 发展中国家") == Self.u(2, 4))
    #expect(try f.urls("NOT 中") == Self.u(3, 4))
    #expect(try f.urls("增长 NOT (GDP OR 元)").isEmpty)
  }

  @Test func filtersRestrictByHostDaysAndURLPrefix() throws {
    let f = try Fixture()
    #expect(try f.urls("会", SearchFilters(host: "gov.cn")) == Self.u(1))
    #expect(try f.urls("增长", SearchFilters(host: "GOV.CN")) == Self.u(1, 2))
    #expect(try f.urls("增长", SearchFilters(host: "news.gov.cn")) == Self.u(2))
    #expect(try f.urls("增长", SearchFilters(host: "v.cn")).isEmpty)  // not a subdomain
    #expect(try f.urls("增长", SearchFilters(fetchedFrom: "2024-04-11")) == Self.u(2, 3))
    #expect(try f.urls("增长", SearchFilters(fetchedTo: "2024-04-10")) == Self.u(1))
    #expect(
      try f.urls("。", SearchFilters(fetchedFrom: "2024-07-01", fetchedTo: "2024-07-01"))
        == Self.u(4))
    // An article without a publication date is left out by a publication filter.
    #expect(try f.urls("增长", SearchFilters(publishedFrom: "2000-01-01")) == Self.u(1, 2))
    #expect(try f.urls("。", SearchFilters(publishedTo: "2024-06-30")) == Self.u(1, 2, 4))
    #expect(try f.urls("。", SearchFilters(publishedTo: "2024-06-29")) == Self.u(1, 2))
    #expect(
      try f.urls("。", SearchFilters(urlPrefix: "http://www.gov.cn/a/")) == Self.u(1, 4))
    #expect(try f.urls("。", SearchFilters(urlPrefix: "http://www.gov.cn/a_")).isEmpty)
  }

  @Test(arguments: [
    ("2024-02-30", "--from"), ("2024-13-01", "--from"), ("2024-1-01", "--from"),
    ("yesterday", "--from"), ("２０２４-01-01", "--from"), ("2023-02-29", "--from"),
  ])
  func invalidDaysAreRefusedNamingTheOption(day: String, option: String) {
    #expect(throws: SearchFilterError(option: option, value: day)) {
      try SearchFilters(fetchedFrom: day).validate()
    }
    #expect(throws: SearchFilterError(option: "--published-to", value: day)) {
      try SearchFilters(publishedTo: day).validate()
    }
    #expect((try? SearchFilters(fetchedFrom: "2024-02-29").validate()) != nil)
  }

  @Test func snippetsMarkEveryHitAroundTheFirst() throws {
    let f = try Fixture()
    let hit = try #require(try f.index.search(SearchQuery("税收 政策")).first)
    #expect(hit.snippet.marked() == "…议指出，中国人民银行要保持GDP增长。 «税收»«政策»继续优化。")
    #expect(hit.snippet.cutBefore && !hit.snippet.cutAfter)
    let gdp = try f.index.search(SearchQuery("gdp")).map { $0.snippet.marked() }
    #expect(gdp.contains("全年国内生产总值（«GDP»）增长5％，居民收入稳步提高。"))
    // A hit in the title only: the snippet is the start of the text.
    let title = try #require(try f.index.search(SearchQuery("督察")).first)
    #expect(title.snippet.marked().hasPrefix("«督察»组进驻后"))
    let t2 = try #require(try f.index.search(SearchQuery("常务会议")).first)
    #expect(t2.snippet.marked().hasPrefix("会议指出，中国人民银行"))
    #expect(t2.title == "国务院常务会议部署经济工作")
  }

  @Test func hitsCarryTheCaptureAndRankByBM25() throws {
    var more = Self.articles
    more.append(
      Self.article(
        "http://www.gov.cn/a/5.html", title: "生态保护", published: "2024-08-01",
        fetched: "2024-08-02T00:00:00Z", text: "生态保护。生态保护。生态保护。生态保护优先。"))
    let f = try Fixture(more)
    let hits = try f.index.search(SearchQuery("生态保护"))
    #expect(hits.map(\.url) == ["http://www.gov.cn/a/5.html", "http://www.gov.cn/a/4.html"])
    #expect(hits[0].score < hits[1].score)
    #expect(hits[1].fetched == "2024-07-01T23:59:59Z")
    #expect(hits[1].published == "2024-06-30 09:15")
    #expect(hits[1].host == "www.gov.cn")
    #expect(hits[1].source == "新华社")
    #expect(hits[1].warcFile == "2024-03-05/x.warc.gz")
    #expect(try f.index.count() == 5)
  }

  @Test func pagingWalksTheRankedListWithoutRepeats() throws {
    let many = (0..<25).map { i in
      Self.article(
        "http://www.gov.cn/p/\(i).html", title: "通知\(i)", published: "2024-01-01",
        fetched: "2024-01-02T00:00:00Z",
        text: String(repeating: "公告内容。", count: i + 1))
    }
    let f = try Fixture(many)
    for q in ["公告内容", "公告"] {
      var seen: [String] = []
      for page in 0..<3 {
        seen += try f.index.search(SearchQuery(q), limit: 10, offset: page * 10).map(\.url)
      }
      #expect(seen.count == 25, "\(q)")
      #expect(Set(seen).count == 25, "\(q)")
    }
    #expect(try f.index.search(SearchQuery("公告"), limit: 10, offset: 30).isEmpty)
  }

  @Test func anUpsertReplacesTheURLsOlderCapture() throws {
    let dir = try TemporaryDirectory("search-index")
    let path = dir.path + "/state.sqlite"
    let queue = try DatabaseQueue(path: path)
    let old = Self.articles[0]
    var new = old
    new.text = "会议指出，新增一段关于乡村振兴的内容。"
    new.fetched = "2024-03-06T10:00:00Z"
    try queue.write { db in
      try SearchIndex.createSchema(db)
      try SearchIndex.upsert(old, db: db)
      try SearchIndex.upsert(new, db: db)
      try SearchIndex.upsert(new, db: db)
    }
    let index = try SearchIndex(path: path)
    #expect(try index.count() == 1)
    #expect(try index.search(SearchQuery("乡村振兴")).map(\.fetched) == ["2024-03-06T10:00:00Z"])
    #expect(try index.search(SearchQuery("税收政策")).isEmpty)
    #expect(try index.search(SearchQuery("税")).isEmpty)
    try queue.close()
  }

  @Test func opensOnlyAStateDBWithAnIndex() throws {
    let dir = try TemporaryDirectory("search-index")
    #expect(throws: SearchIndexError.self) { try SearchIndex(path: dir.path + "/none.sqlite") }
    let path = dir.path + "/bare.sqlite"
    let queue = try DatabaseQueue(path: path)
    try queue.write { try $0.execute(sql: "CREATE TABLE t(x)") }
    try queue.close()
    do {
      _ = try SearchIndex(path: path)
      Issue.record("opened a DB without index tables")
    } catch {
      #expect("\(error)".contains("index --rebuild"))
    }
  }

  @Test func aLongPhraseIsCheckedExactlyBeyondTheTrigramsSent() throws {
    let long = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯"
    var a = Self.articles[0]
    a.url = "http://www.gov.cn/long.html"
    a.text = "前文" + long + "后文"
    var b = a
    b.url = "http://www.gov.cn/long2.html"
    // Same first and last trigrams as `long`, one character changed in the middle.
    b.text = "前文" + long.replacingOccurrences(of: "丙", with: "X") + "后文"
    let f = try Fixture([a, b])
    #expect(try f.urls(long) == [a.url])
    #expect(try f.urls("\"文" + long + "后\"") == [a.url])
  }
}
