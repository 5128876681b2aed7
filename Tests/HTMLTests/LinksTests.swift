import Testing

@testable import HTML

@Suite struct LinksTests {
  @Test func resolvesAgainstDocumentURL() {
    let doc = BothParsers(
      html: """
        <body><a href="./200905/t20090515_1.htm"> 文章
        一 </a><a href="../../zcfg/index.html">政策</a><a href="/">首页</a>
        <a href="http://other.cn/x">外站</a><area href="map.htm" alt="地图">
        <iframe src="frame.htm"></iframe><img src="/img/1.jpg" alt="图">
        <a href="javascript:void(0)">js</a><a href="mailto:a@b.cn">m</a><a href="#top">t</a>
        <a href="">e</a><a href="  tel:123 ">t</a><a href="data:text/html,x">d</a>
        <a href="/files/1.pdf">附件</a><a href="/">首页again</a></body>
        """, url: "http://h.cn/zgxx/index.html")
    let links = doc.links()
    #expect(
      links.map(\.url) == [
        "http://h.cn/zgxx/200905/t20090515_1.htm", "http://h.cn/zcfg/index.html", "http://h.cn/",
        "http://other.cn/x", "http://h.cn/zgxx/map.htm", "http://h.cn/zgxx/frame.htm",
        "http://h.cn/img/1.jpg", "http://h.cn/files/1.pdf",
      ])
    #expect(links[0].text == "文章 一")
    #expect(links[0].kind == .anchor)
    #expect(links[4].kind == .area)
    #expect(links[5].kind == .iframe)
    #expect(links[6].kind == .image)
    #expect(links[6].text == "图")
  }

  @Test func honoursBaseHrefAndMetaRefresh() {
    let doc = BothParsers(
      html: """
        <html><head><base href="/sub/"><meta http-equiv="Refresh" content="0; URL='next.htm'">
        </head><body><a href="a.htm">a</a><frameset><frame src="f.htm"></frameset></body></html>
        """, url: "http://h.cn/x/y.htm")
    let urls = Set(doc.links().map(\.url))
    #expect(urls.contains("http://h.cn/sub/next.htm"))
    #expect(urls.contains("http://h.cn/sub/a.htm"))
  }

  @Test func withoutURLKeepsOnlyAbsoluteReferences() {
    let doc = BothParsers(
      html: "<a href='rel.htm'>r</a><a href='https://h.cn/abs.htm'>a</a>", url: nil)
    #expect(doc.links().map(\.url) == ["https://h.cn/abs.htm"])
  }

  @Test func refreshTargetParsing() {
    #expect(HTMLDocument.refreshTarget("5;url=http://h/x") == "http://h/x")
    #expect(HTMLDocument.refreshTarget("0; URL = \"a b.htm\"") == "a b.htm")
    #expect(HTMLDocument.refreshTarget("5") == nil)
  }
}

/// A page parsed by both parsers; `links()` checks they agree and returns the tree's.
struct BothParsers {
  let tree: HTMLTree
  let document: HTMLDocument

  init(html: String, url: String?) {
    tree = HTMLTree.parse(html, url: url)
    document = HTMLDocument(html: html, url: url)
  }

  func links() -> [Link] {
    let fast = tree.links()
    #expect(fast == document.links())
    return fast
  }
}
