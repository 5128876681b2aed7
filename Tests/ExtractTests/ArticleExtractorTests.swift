import HTML
import Testing

@testable import Extract

@Suite struct ArticleExtractorTests {
  let site = PortalFixture.siteName

  @Test func seedStyleArticleWithWatermarksInsideParagraphs() {
    let paras = PortalFixture.paragraphs(1, count: 5)
    let spec = PortalFixture.ArticleSpec(
      id: 1, title: "山东省工会帮扶工作会议提出---努力做好新形势下困难职工帮扶工作", date: "2009-05-15",
      source: "人民日报", author: "张三", paragraphs: paras,
      tails: [" \(site)", "", " 内容来自\(site)", " copyright \(site)", ""],
      inserted: [(0, "<p>copyright \(site)</p>")])
    let article = ArticleExtractor().extract(PortalFixture.document(PortalFixture.article(spec)))
    #expect(article.title == spec.title)
    #expect(article.published == "2009-05-15")
    #expect(article.source == "人民日报")
    #expect(article.author == "张三")
    #expect(article.paragraphs == paras)
    #expect(article.isArticle)
    #expect(!article.text.contains(site))
  }

  @Test func hiddenWatermarksAreRemoved() {
    let css = ".wm{display:none} #mark{visibility:hidden} span.tiny{font-size:0px}"
    let p = "第一句话讲清楚了事情的经过。第二句话交代了下一步工作安排，要求各单位认真落实。"
    let variants = [
      "<span style=\"display: none\">水印甲</span>", "<span style='VISIBILITY:hidden'>水印乙</span>",
      "<span hidden>水印丙</span>", "<span class=\"wm x\">水印丁</span>", "<b id=\"mark\">水印戊</b>",
      "<font color=\"#ffffff\">水印己</font>", "<span style=\"color:#FFF\">水印庚</span>",
      "<span class=\"tiny\">水印辛</span>", "<span style=\"font-size:0\">水印壬</span>",
      "<span style=\"position:absolute;left:-9999px\">水印癸</span>",
    ]
    var body = ""
    for v in variants {
      let half = p.firstIndex(of: "。").map { p.index(after: $0) } ?? p.endIndex
      body += "<p>\(p[..<half])\(v)\(p[half...])</p>\n"
    }
    // White text on a dark background is visible and stays.
    body +=
      "<table><tr><td bgcolor=\"#003366\"><font color=\"#ffffff\">深色背景上的白字属于正文内容，应当保留下来。</font></td></tr></table>"
    let html =
      PortalFixture.head("测试文章_\(site)", css: css) + "<h1>测试文章</h1><div>\(body)</div></body></html>"
    let article = ArticleExtractor().extract(PortalFixture.document(html))
    #expect(article.paragraphs.count == variants.count + 1)
    for para in article.paragraphs.prefix(variants.count) { #expect(para == p) }
    #expect(article.paragraphs.last == "深色背景上的白字属于正文内容，应当保留下来。")
    #expect(!article.text.contains("水印"))
  }

  @Test func listPageIsNotAnArticle() {
    let article = ArticleExtractor().extract(
      PortalFixture.document(PortalFixture.listPage(1), "/zgxx/index.html"))
    #expect(!article.isArticle)
  }

  @Test func navigationSidebarAndFooterDoNotLeak() {
    let spec = PortalFixture.ArticleSpec(
      id: 3, title: "关于做好秋冬季安全生产工作的通知", date: "2009年5月15日", source: "本站", author: "",
      paragraphs: PortalFixture.paragraphs(3, count: 3))
    let article = ArticleExtractor().extract(PortalFixture.document(PortalFixture.article(spec)))
    for leak in ["推荐内容", "热点内容", "相关链接", "版权所有", "当前位置", "打印本页", "附件下载", "印象中国", "吴邦国", "ICP备"] {
      #expect(!article.text.contains(leak), "leaked \(leak)")
    }
    #expect(article.paragraphs == spec.paragraphs)
    #expect(article.published == "2009-05-15")
    #expect(article.author == "")
  }

  @Test(arguments: [
    ("发布时间：2009-05-15 10:23:45　来源：新华社　作者：李四", "2009-05-15T10:23", "新华社", "李四"),
    ("日期：2009/5/15 来源: 人民日报 编辑：王五", "2009-05-15", "人民日报", ""),
    ("2009.05.15　文章来源：光明日报 责任编辑：赵六", "2009-05-15", "光明日报", ""),
    ("发布日期：2009年5月15日 稿源：经济日报 本报记者 钱七", "2009-05-15", "经济日报", "钱七"),
    ("时间：2009年05月15日 08时05分 来源：本站记者 作者：孙八 点击：123", "2009-05-15T08:05", "本站记者", "孙八"),
    ("来源：中国新闻网作者：周九【字体：大 中 小】", "", "中国新闻网", "周九"),
  ])
  func metadataFormats(line: String, published: String, source: String, author: String) {
    let paras = PortalFixture.paragraphs(9, count: 3)
    let html =
      PortalFixture.head("元数据测试_\(site)")
      + "<div class=\"main\"><h1>元数据测试</h1><div class=\"info\">\(line)</div><div class=\"text\">"
      + paras.map { "<p>\($0)</p>" }.joined() + "</div></div></body></html>"
    let article = ArticleExtractor().extract(PortalFixture.document(html))
    #expect(article.published == published)
    #expect(article.source == source)
    #expect(article.author == author)
    #expect(article.paragraphs == paras)
  }

  @Test(arguments: [
    ("关于开展专项检查的通知_某某市人民政府", "某某市人民政府"), ("关于开展专项检查的通知 - 某某网", "某某网"),
    ("关于开展专项检查的通知|某某网", "某某网"), ("关于开展专项检查的通知——某某网", "某某网"),
    ("关于开展专项检查的通知_要闻_某某网", "某某网"),
  ])
  func titleSiteSuffixIsStripped(raw: String, site: String) {
    let split = TitleFinder.stripSiteSuffix(raw)
    #expect(split.title == "关于开展专项检查的通知")
    #expect(split.siteName == site)
    // The heading on the page wins when it agrees with <title>.
    let html =
      PortalFixture.head(raw) + "<div><h2>网站导航</h2><h1>关于开展专项检查的通知</h1>"
      + PortalFixture.paragraphs(4, count: 3).map { "<p>\($0)</p>" }.joined()
      + "</div></body></html>"
    #expect(ArticleExtractor().extract(PortalFixture.document(html)).title == "关于开展专项检查的通知")
  }

  @Test func hyphenInsideTitleIsKept() {
    #expect(TitleFinder.stripSiteSuffix("1-10月德清县固定资产投资结构趋稳趋优").title == "1-10月德清县固定资产投资结构趋稳趋优")
  }

  @Test func configuredWatermarksAndDropXPaths() {
    let paras = PortalFixture.paragraphs(5, count: 3)
    let html =
      PortalFixture.head("配置测试_\(site)") + "<div><h1>配置测试</h1>"
      + "<div class=\"gg\"><p>这是一段广告文字，请不要出现在正文里，谢谢合作。</p></div>"
      + paras.map { "<p>\($0)【独家水印】</p>" }.joined() + "</div></body></html>"
    let config = ExtractionConfig(watermarkPhrases: ["【独家水印】"], dropXPaths: ["//div[@class='gg']"])
    let extractor = ArticleExtractor(config: config)
    // With drop rules, `parse` goes through libxml2's DOM; the rules apply before extraction.
    let (tree, _) = extractor.parse(html, url: "http://www.example.cn/a.htm")
    #expect(extractor.extract(tree).paragraphs == paras)
    #expect(extractor.extract(PortalFixture.dom(html)).paragraphs == paras)
    // The rule is what removes the advert (the fast tree has no XPath).
    let unfiltered = extractor.extract(PortalFixture.document(html)).paragraphs
    #expect(unfiltered.contains { $0.contains("广告文字") })
  }

  @Test func brSeparatedParagraphsAndSiteFirstTitle() {
    let paras = PortalFixture.paragraphs(21, count: 4)
    let html =
      PortalFixture.head("江北日报网--关于开展专项检查的通知")
      + "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/a/\">新闻</a></div>"
      + "<div class=\"art\"><h1>关于开展专项检查的通知</h1><div class=\"info\">2009年05月15日 星期五　来源：江北日报</div>"
      + "<div id=\"endText\">" + paras.map { "\u{3000}\u{3000}\($0)<br /><br />\n" }.joined()
      + "<p>责任编辑：刘小编</p></div><div class=\"related\"><h3>相关新闻</h3><ul>"
      + (0..<6).map { "<li><a href=\"/n/\($0).htm\">相关新闻标题第\($0)条的内容</a></li>" }.joined()
      + "</ul></div></div></body></html>"
    let article = ArticleExtractor().extract(PortalFixture.document(html))
    #expect(article.title == "关于开展专项检查的通知")
    #expect(article.paragraphs == paras)
    #expect(article.published == "2009-05-15")
    #expect(article.source == "江北日报")
  }

  @Test func emptyAndTextlessPagesGiveEmptyArticles() {
    for parse in [
      { (s: String) in ArticleExtractor().extract(HTMLTree.parse(s, url: nil)) },
      { (s: String) in ArticleExtractor().extract(HTMLDocument(html: s, url: nil)) },
    ] {
      let empty = parse("")
      #expect(empty.paragraphs.isEmpty && !empty.isArticle)
      let scriptOnly = parse("<title>只有脚本</title><script>var a='正文';</script>")
      #expect(scriptOnly.title == "只有脚本")
      #expect(scriptOnly.paragraphs.isEmpty)
    }
  }
}
