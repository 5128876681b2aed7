import HTML
import Testing

@testable import Extract

@Suite struct ExtractRobustnessTests {
  @Test func deepNestingIsWalkedWithoutRecursion() {
    let depth = 10_000
    let paras = PortalFixture.paragraphs(11, count: 3).map { "<p>\($0)</p>" }.joined()
    let html =
      "<html><head><title>深层嵌套_测试</title></head><body>" + String(repeating: "<div>", count: depth)
      + "<h1>深层嵌套</h1>" + paras + String(repeating: "</div>", count: depth) + "</body></html>"
    for tree in [
      HTMLTree.parse(html, url: nil), HTMLTree(document: HTMLDocument(html: html, url: nil)),
    ] {
      let article = ArticleExtractor().extract(tree)
      #expect(article.title == "深层嵌套")
      #expect(article.paragraphs == PortalFixture.paragraphs(11, count: 3))
      var model = SiteModel(host: "h")
      model.observe(tree)
      #expect(model.pagesObserved == 1)
    }
  }

  @Test func nulBytesAndBrokenMarkup() throws {
    var bytes = Array("<html><head><title>坏页面</title></head><body><table><tr><td><h1>坏页面".utf8)
    bytes += [0, 0]
    bytes += Array(
      "</h1><p>第一段正文内容，说明了情况\u{0}经过。第二句继续说明，结果令人满意。<p>第二段<b>没有闭合<i>的标签，但是内容依然完整。</div></span>".utf8)
    let doc = try HTMLDocument.parse(utf8: bytes, url: nil)
    let article = ArticleExtractor().extract(doc)
    #expect(article.title == "坏页面")
    // libxml2 would end the input at a NUL: HTMLDocument makes them spaces.
    #expect(article.text.contains("第一段正文内容，说明了情况 经过。"))
    #expect(article.text.contains("但是内容依然完整。"))
    // The tree parser drops NULs, as browsers do.
    let fast = bytes.withUnsafeBufferPointer {
      ArticleExtractor().extract(HTMLTree.parse(utf8: $0, url: nil))
    }
    #expect(fast.title == "坏页面")
    #expect(fast.text.contains("第一段正文内容，说明了情况经过。"))
    #expect(fast.text.contains("但是内容依然完整。"))
  }

  @Test func largePageWithManyParagraphs() {
    let line = "<p>历史资料汇编（第1卷）：本页为超大页面，用于测试抓取器的页面大小上限。</p>\n"
    let html =
      "<html><head><title>历史资料汇编</title></head><body>" + String(repeating: line, count: 20_000)
      + "</body></html>"
    let article = ArticleExtractor().extract(HTMLTree.parse(html, url: nil))
    #expect(article.paragraphs.count == 20_000)
    #expect(article.title == "历史资料汇编")
  }
}
