import Testing

@testable import HTML

@Suite struct HTMLDocumentTests {
  @Test func parsesTitleBodyAndAttributes() throws {
    let doc = HTMLDocument(
      html: "<html><head><title> 标题\n_某某网 </title></head><body><div id='a' class='x y'>"
        + "正文<b>加粗</b></div></body></html>", url: "http://example.cn/a/b.htm")
    #expect(doc.title == "标题 _某某网")
    let body = try #require(doc.body)
    let div = try #require(body.firstChild)
    #expect(div.tag == .div)
    #expect(div.name == "div")
    #expect(div.attribute("id") == "a")
    #expect(div.attribute("class") == "x y")
    #expect(div.attribute("missing") == nil)
    #expect(div.textContent == "正文加粗")
    #expect(div.children.count == 2)
    #expect(div.children[1].tag == .b)
    #expect(div.parent == body)
    #expect(div.attributes.map(\.name) == ["id", "class"])
  }

  @Test func tagLookupCoversLongAndUnknownNames() {
    let doc = HTMLDocument(
      html: "<body><blockquote>q</blockquote><figcaption>f</figcaption><custom-tag>c</custom-tag>"
        + "<noscript>n</noscript></body>", url: nil)
    let tags = doc.body?.elementChildren.map(\.tag)
    #expect(tags == [.blockquote, .figcaption, .other, .noscript])
    #expect(HTMLTag.p.isBlock && !HTMLTag.span.isBlock && HTMLTag.br.isBlock)
  }

  @Test func decodesEntitiesAndKeepsChineseText() {
    let doc = HTMLDocument(html: "<p>中&nbsp;文 &amp; &#x4E2D;&#22269;</p>", url: nil)
    #expect(doc.firstElement(.p)?.textContent == "中\u{A0}文 & 中国")
  }

  @Test func removesNodesByXPath() throws {
    let doc = HTMLDocument(
      html: "<body><div class='ad'>广告<div class='ad'>内层</div></div><p>正文</p>"
        + "<p class='ad'>又一个</p></body>", url: nil)
    let removed = try doc.removeNodes(matchingXPath: "//*[@class='ad']")
    #expect(removed == 3)
    #expect(doc.body?.textContent == "正文")
    #expect(throws: XPathError.self) { try doc.removeNodes(matchingXPath: "//*[") }
  }

  @Test func nextWithinWalksInDocumentOrder() throws {
    let doc = HTMLDocument(html: "<body><div><p>a</p><p>b</p></div><span>c</span></body>", url: nil)
    let body = try #require(doc.body)
    var names: [String] = []
    var n: HTMLNode? = body
    while let node = n {
      if node.isElement { names.append(node.name) }
      n = node.next(within: body)
    }
    #expect(names == ["body", "div", "p", "p", "span"])
  }

  @Test func parseThrowsOnEmptyInputButInitDoesNot() {
    #expect(throws: HTMLParseError.self) { try HTMLDocument.parse(utf8: [], url: "http://h/x") }
    let doc = HTMLDocument(html: "", url: nil)
    #expect(doc.body != nil)
  }

  @Test func repairsInvalidUTF8() throws {
    var bytes = Array("<p>前".utf8)
    bytes += [0xFF, 0xFE]
    bytes += Array("后</p>".utf8)
    let doc = try HTMLDocument.parse(utf8: bytes, url: nil)
    #expect(doc.firstElement(.p)?.textContent == "前\u{FFFD}\u{FFFD}后")
  }
}
