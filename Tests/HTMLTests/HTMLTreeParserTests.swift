import Testing

@testable import HTML

/// The libxml2 SAX tree building (`HTMLTreeParser`), the parser issue 12 makes the only one:
/// libxml2's recovery, the content after a mid-page `</body></html>` kept, the input repairs.
@Suite struct HTMLTreeParserTests {
  static func tree(_ html: String) -> HTMLTree {
    var s = html
    return s.withUTF8 { HTMLTreeParser.parse($0, url: "http://www.gov.cn/") }
  }

  static func outline(_ tree: HTMLTree) -> String { HTMLTreeTests.outline(tree) }

  static func outline(_ html: String) -> String { outline(tree(html)) }

  @Test func libxml2RecoveryWithImpliedHTMLAndBody() {
    #expect(Self.outline("<p>a<p>b<div>c</div>") == "html(body(p(\"a\")p(\"b\")div(\"c\")))")
    #expect(
      Self.outline("<table><tr><td>a<td>b<tr><td>c</table>")
        == "html(body(table(tr(td(\"a\")td(\"b\"))tr(td(\"c\")))))")
    #expect(
      Self.outline("<head><title>t</title>正文")
        == "html(head(title(\"t\"))body(p(\"正文\")))")
    #expect(
      Self.outline("<script>if (a<b) document.write('</div><p>')</script><p>x")
        == "html(head(script(\"if (a<b) document.write('</div><p>')\"))body(p(\"x\")))")
  }

  /// Browsers keep what follows `</body></html>` in the body: one html, one body, every link.
  @Test func contentAfterAMidPageEndOfDocumentStaysInTheBody() {
    let html = """
      <html><head><title>通知</title></head><body><div id=top><a href="/a.html">首页</a></div>
      </body></html>
      <div class=list><a href="/b.html">政策</a><a href="/c.html">解读</a></div>
      </body></html>
      """
    let tree = Self.tree(html)
    #expect(tree.links().map(\.url) == [
      "http://www.gov.cn/a.html", "http://www.gov.cn/b.html", "http://www.gov.cn/c.html",
    ])
    let bodies = (0..<tree.count).filter { tree.nodes[$0].tag == .body }
    let htmls = (0..<tree.count).filter { tree.nodes[$0].tag == .html }
    #expect(bodies.count == 1 && htmls.count == 1)
    let body = bodies[0]
    #expect(Int(tree.nodes[body].end) == tree.count)
  }

  @Test func attributesAndReferencesAreDecoded() {
    let tree = Self.tree("<a HREF=\"/x?a=1&amp;b=2\" title='&lt;中&gt;' download>t&nbsp;&#20013;</a>")
    let a = try? #require((0..<tree.count).first { tree.nodes[$0].tag == .a })
    guard let a else { return }
    #expect(tree.attribute(a, "href") == "/x?a=1&b=2")
    #expect(tree.attribute(a, "title") == "<中>")
    #expect(tree.hasAttribute(a, "download"))
    #expect(tree.text(a + 1) == "t\u{A0}中")
  }

  @Test func nulBytesAreDroppedAndInvalidUTF8Repaired() {
    let withNUL: [UInt8] = Array("<p>a".utf8) + [0] + Array("b</p><p>c</p>".utf8)
    let t1 = withNUL.withUnsafeBufferPointer { HTMLTreeParser.parse($0, url: nil) }
    #expect(Self.outline(t1) == "html(body(p(\"ab\")p(\"c\")))")
    let invalid: [UInt8] = Array("<p>中".utf8) + [0xFF, 0xC3] + Array("文</p>".utf8)
    let t2 = invalid.withUnsafeBufferPointer { HTMLTreeParser.parse($0, url: nil) }
    #expect(Self.outline(t2) == "html(body(p(\"中\u{FFFD}\u{FFFD}文\")))")
  }

  @Test func deepNestingAndEmptyInput() {
    let deep = String(repeating: "<div>", count: 5_000) + "x"
    let tree = Self.tree(deep)
    #expect((0..<tree.count).filter { tree.nodes[$0].tag == .div }.count == 5_000)
    #expect(tree.nodes.last?.isText == true)
    #expect(Self.tree("").count == 1)
  }
}
