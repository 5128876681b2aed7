import Testing

@testable import HTML

/// Hostile inputs built in code: deep nesting, NUL bytes, broken markup, a 50 MB page.
@Suite struct RobustnessTests {
  @Test func survivesTenThousandLevelsOfNesting() throws {
    let depth = 10_000
    let html =
      "<html><body>" + String(repeating: "<div>", count: depth) + "深处"
      + String(repeating: "</div>", count: depth)
      + "<p>之后</p></body></html>"
    let doc = HTMLDocument(html: html, url: "http://h/deep")
    // libxml2 keeps the whole tree (XML_PARSE_HUGE lifts its 256-level abort).
    let p = try #require(doc.firstElement(.p))
    #expect(p.textContent == "之后")
    var maxDepth = 0
    var depthNow = 0
    var n: HTMLNode? = doc.root
    // Measure depth iteratively.
    while let node = n {
      if let c = node.firstChild {
        depthNow += 1
        maxDepth = max(maxDepth, depthNow)
        n = c
        continue
      }
      var m: HTMLNode? = node
      while let x = m, x.nextSibling == nil {
        m = x.parent
        depthNow -= 1
      }
      n = m?.nextSibling
    }
    #expect(maxDepth > depth)
    #expect(doc.links().isEmpty)
    #expect(doc.body?.textContent == "深处之后")
  }

  @Test func nulBytesDoNotEndTheDocument() throws {
    var bytes = Array("<html><body><p>前\u{0}半</p>".utf8)
    bytes.append(0)
    bytes += Array("<p>后半</p></body></html>".utf8)
    let doc = try HTMLDocument.parse(utf8: bytes, url: nil)
    #expect(doc.elements(.p).map(\.textContent) == ["前 半", "后半"])
    let fromString = HTMLDocument(html: "<p>a\u{0}b</p>", url: nil)
    #expect(fromString.firstElement(.p)?.textContent == "a b")
  }

  @Test func brokenMarkupIsRecovered() {
    let doc = HTMLDocument(
      html: "<table><tr><td>一<p>二<td>三</table></div></span><a href='x'>未闭合<b>粗<i>斜</a>尾",
      url: "http://h/")
    let text = doc.body?.textContent ?? ""
    #expect(text.contains("一") && text.contains("三") && text.contains("尾"))
    #expect(doc.links().first?.url == "http://h/x")
  }

  @Test func fiftyMegabytePage() throws {
    let line = "<p>历史资料汇编（第1卷）：本页为超大页面，用于测试抓取器的页面大小上限。</p>\n"
    let count = 50_000_000 / line.utf8.count
    var html = "<html><head><title>历史资料汇编</title></head><body>"
    html.reserveCapacity(50_100_000)
    for _ in 0..<count { html += line }
    html += "</body></html>"
    let doc = HTMLDocument(html: html, url: "http://h/huge.htm")
    #expect(doc.title == "历史资料汇编")
    var paragraphs = 0
    var n: HTMLNode? = doc.body
    while let node = n {
      if node.isElement, node.tag == .p { paragraphs += 1 }
      n = node.next(within: doc.body ?? node, skipChildren: node.tag == .p)
    }
    #expect(paragraphs == count)
  }
}
