import Testing
import TestSupport

@testable import HTML

@Suite struct HTMLTreeTests {
  /// The tree of `html` as nested text (see `outline(_:)` of a tree).
  static func outline(_ html: String) -> String { outline(HTMLTree.parse(html, url: nil)) }

  /// The tree as nested text: `tag(children)`, text in quotes; the document node is left out.
  static func outline(_ tree: HTMLTree) -> String {
    var out = ""
    var stack: [Int] = []
    for i in 1..<tree.count {
      while let top = stack.last, i >= Int(tree.nodes[top].end) {
        out += ")"
        stack.removeLast()
      }
      if tree.nodes[i].isText {
        out += "\"" + tree.text(i) + "\""
      } else {
        out += tree.name(i) + "("
        stack.append(i)
      }
    }
    out += String(repeating: ")", count: stack.count)
    return out
  }

  @Test func impliedEndTags() {
    #expect(Self.outline("<p>a<p>b<div>c</div>") == "p(\"a\")p(\"b\")div(\"c\")")
    #expect(Self.outline("<ul><li>a<li>b</ul>") == "ul(li(\"a\")li(\"b\"))")
    #expect(Self.outline("<ul><li><a>a<li>b</ul>") == "ul(li(a(\"a\"))li(\"b\"))")
    #expect(
      Self.outline("<table><tr><td>a<td>b<tr><td>c</table>")
        == "table(tr(td(\"a\")td(\"b\"))tr(td(\"c\")))")
    #expect(Self.outline("<dl><dt>a<dd>b<dt>c</dl>") == "dl(dt(\"a\")dd(\"b\")dt(\"c\"))")
    #expect(Self.outline("<a href=1>x<a href=2>y</a>") == "a(\"x\")a(\"y\")")
    #expect(Self.outline("<h1>a<h2>b</h2>") == "h1(\"a\")h2(\"b\")")
    #expect(
      Self.outline("<select><option>a<option>b</select>") == "select(option(\"a\")option(\"b\"))")
    // A `p` inside a cell is closed by the cell's end, not by later blocks outside it.
    #expect(Self.outline("<td><p>a</td><div>b</div>") == "td(p(\"a\"))div(\"b\")")
  }

  @Test func endTagsCloseWhatTheyContainButNotStrongerContainers() {
    #expect(Self.outline("<div><span>a</div>b") == "div(span(\"a\"))\"b\"")
    // `</span>` does not close an open div (libxml2's end-tag priorities).
    #expect(Self.outline("<span><div>a</span>b</div>") == "span(div(\"ab\"))")
    #expect(Self.outline("<td><div>a</td>") == "td(div(\"a\"))")
    // Stray end tags are ignored; `</p>` alone is an empty p and `</br>` a br.
    #expect(Self.outline("a</em>b") == "\"ab\"")
    #expect(Self.outline("a</p>b") == "\"a\"p()\"b\"")
    #expect(Self.outline("a</br>b") == "\"a\"br()\"b\"")
    // Content after </body></html> stays in the body.
    #expect(Self.outline("<body><p>a</p></body></html><p>b") == "body(p(\"a\")p(\"b\"))")
  }

  @Test func voidRawTextAndSelfClosingElements() {
    #expect(Self.outline("<p>a<br>b<img src=x>c</p>") == "p(\"a\"br()\"b\"img()\"c\")")
    #expect(
      Self.outline("<script>if (a<b) document.write('</div><p>')</script><p>x")
        == "script(\"if (a<b) document.write('</div><p>')\")p(\"x\")")
    #expect(Self.outline("<style>p{}</STYLE >x") == "style(\"p{}\")\"x\"")
    #expect(Self.outline("<title>a &amp; <b></title>") == "title(\"a & <b>\")")
    #expect(Self.outline("<div/>x") == "div()\"x\"")
    // An unclosed raw-text element runs to the end of input.
    #expect(Self.outline("<script>var a = 1;") == "script(\"var a = 1;\")")
  }

  @Test func headEndsAtBodyContent() {
    let tree = HTMLTree.parse(
      "<html><head><title>t</title><meta name=k content=v><div>正文</div>", url: nil)
    guard let div = tree.firstElement(.div) else {
      Issue.record("no div")
      return
    }
    #expect(tree.nodes[Int(tree.nodes[div].parent)].tag == .html)
    #expect(Self.outline("<head><title>t</title>正文") == "head(title(\"t\"))\"正文\"")
  }

  @Test func commentsDoctypeAndDeclarations() {
    #expect(
      Self.outline("<!DOCTYPE html><!-- <p>not</p> -->a<!---->b<!--x--!>c<![CDATA[d]]>e<?php x ?>f")
        == "\"abcef\"")
    #expect(Self.outline("a<!-- unterminated <p>b") == "\"a\"")
    #expect(Self.outline("1 < 2 and 3 <4") == "\"1 < 2 and 3 <4\"")
  }

  @Test func characterReferences() {
    #expect(
      Self.outline("<p>&lt;a&gt; &amp;amp; &nbsp;&#20013;&#x6587;&#X41;&copy;&hellip;&eacute;</p>")
        == "p(\"<a> &amp; \u{A0}中文A©…é\")")
    // windows-1252 for 0x80–0x9F, U+FFFD for NUL, surrogates and out-of-range values.
    #expect(
      Self.outline("<p>&#150;&#0;&#xD800;&#x110000;&#99999999999;</p>")
        == "p(\"–\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\")")
    // Not references: kept as written.
    #expect(Self.outline("<p>AT&T &nosuch; &# &ampx;</p>") == "p(\"AT&T &nosuch; &# &x;\")")
    // Legacy names work without ';' in text (the longest one the run starts with), as browsers
    // read them; the table covers U+00A0–U+00FF in order.
    #expect(
      Self.outline("<p>a&nbsp&nbsp;b&copy c&amp d&LT;&notit; &times&divide&yuml&Agrave</p>")
        == "p(\"a\u{A0}\u{A0}b© c& d<¬it; ×÷ÿÀ\")")
  }

  @Test func attributes() {
    let tree = HTMLTree.parse(
      "<A HREF='/x?a=1&amp;b=2' Class=\"c1 c2\" id=main data-x hidden class=dup title=a&lt;b>t</a>",
      url: nil)
    guard let a = tree.firstElement(.a) else {
      Issue.record("no a")
      return
    }
    #expect(tree.attribute(a, "href") == "/x?a=1&b=2")
    #expect(tree.attribute(a, "class") == "c1 c2")  // the first of a repeated attribute counts
    #expect(tree.attribute(a, "id") == "main")
    #expect(tree.attribute(a, "data-x") == "")
    #expect(tree.hasAttribute(a, "hidden"))
    #expect(tree.attribute(a, "title") == "a<b")
    // In attribute values a legacy name followed by '=' or an alphanumeric stays as written.
    let url = HTMLTree.parse("<a href='x?a=1&copy=3&notx&amp;d&nbsp'>t</a>", url: nil)
    #expect(url.attribute(1, "href") == "x?a=1&copy=3&notx&d\u{A0}")
    #expect(tree.attribute(a, "alt") == nil)
    #expect(tree.attributes(a).map(\.name) == ["href", "class", "id", "data-x", "hidden", "title"])
    #expect(tree.textContent(a) == "t")
  }

  @Test func unknownElementsKeepTheirNames() {
    #expect(
      Self.outline("<My-Widget x=1>a</my-widget><o:p>b</o:p>") == "my-widget(\"a\")o:p(\"b\")")
  }

  @Test func truncatedInput() {
    #expect(Self.outline("<p>a<a href=\"x") == "p(\"a\")")
    #expect(Self.outline("<p>a</") == "p(\"a</\")")  // as HTML reads it: text
    #expect(Self.outline("") == "")
  }

  @Test func nulBytesAreDropped() {
    let bytes: [UInt8] = Array("<p>a".utf8) + [0] + Array("b</p>".utf8)
    let tree = bytes.withUnsafeBufferPointer { HTMLTree.parse(utf8: $0, url: nil) }
    #expect(tree.textContent(0) == "ab")
    // In names a NUL reads as U+FFFD, and the end tag still matches.
    let named: [UInt8] =
      Array("<x".utf8) + [0] + Array("y A".utf8) + [0] + Array("=1>t</X".utf8) + [0]
      + Array("Y>u".utf8)
    let tree2 = named.withUnsafeBufferPointer { HTMLTree.parse(utf8: $0, url: nil) }
    #expect(tree2.name(1) == "x\u{FFFD}y")
    #expect(tree2.attributes(1).map(\.name) == ["a\u{FFFD}"])
    #expect(tree2.nodes[1].end == 3)  // "t" inside, "u" after
  }

  @Test func hostileNestingIsLinear() {
    // A million open elements (and a million stray end tags): arrays, no recursion, bounded
    // searches per tag.
    let depth = 1_000_000
    let html =
      "<p>" + String(repeating: "<div><span>", count: depth / 2) + "x"
      + String(repeating: "</i>", count: depth)
    let tree = HTMLTree.parse(html, url: nil)
    #expect(tree.count == depth + 3)
    #expect(tree.textContent(0) == "x")
  }

  @Test func fiftyMegabytePage() {
    let line = "<p class=\"c\">第一段正文内容，说明了情况和经过。&nbsp;<a href=\"/a/1.htm\">链接</a></p>\n"
    let count = 50_000_000 / line.utf8.count + 1
    let tree = HTMLTree.parse(String(repeating: line, count: count), url: "http://h/")
    #expect(tree.elements(.p).count == count)
    #expect(tree.links().count == 1)
  }

  @Test func documentConversionMatchesTheStructure() {
    let html =
      "<html><head><title>t</title></head><body><div id=a><p>x &amp; y<br>z</p></div></body></html>"
    let copy = HTMLTree(document: HTMLDocument(html: html, url: nil))
    let fast = HTMLTree.parse(html, url: nil)
    #expect(copy.count == fast.count)
    #expect(copy.title == "t" && fast.title == "t")
    for i in 1..<fast.count {
      #expect(copy.name(i) == fast.name(i))
      #expect(copy.text(i) == fast.text(i))
      #expect(copy.nodes[i].end == fast.nodes[i].end)
    }
    if let d = copy.firstElement(.div) { #expect(copy.attribute(d, "id") == "a") }
  }

  /// Checks the invariants every consumer relies on: document order, subtrees as contiguous
  /// ranges nested in their parents, ranges inside the byte buffer.
  static func checkInvariants(_ tree: HTMLTree) {
    #expect(tree.count >= 1)
    #expect(Int(tree.nodes[0].end) == tree.count)
    for i in 1..<tree.count {
      let n = tree.nodes[i]
      let parent = Int(n.parent)
      #expect(parent >= 0 && parent < i)
      #expect(!tree.nodes[parent].isText)
      #expect(Int(n.end) > i && n.end <= tree.nodes[parent].end)
      if n.isText { #expect(Int(n.end) == i + 1) }
      #expect(n.start >= 0 && Int(n.start + n.length) <= tree.bytes.count)
      let lastAttribute = Int(n.firstAttribute + n.attributeCount)
      #expect(lastAttribute <= tree.attributes.count)
    }
  }

  @Test func randomTagSoupKeepsTheInvariants() {
    // A fixed-seed generator: the same soup on every run.
    var random = SplitMix64()
    func next() -> UInt64 { random.next() }
    let pieces = [
      "<p>", "</p>", "<div class=\"a\">", "</div>", "<table>", "<tr>", "<td>", "</td>", "</tr>",
      "</table>", "<li>", "<ul>", "</ul>", "<a href=x>", "</a>", "<script>", "</script>", "<style>",
      "<title>", "</title>", "<!--", "-->", "<br>", "</br>", "<b>", "</i>", "&amp;", "&#x4e2d;",
      "&", "<", ">", "\"", "'", "=", "正文", " ", "\n", "<h1>", "</h2>", "<head>", "<body>",
      "</body>", "</html>", "<select><option>", "<dl><dt>", "<dd>", "<x-y z>", "</x-y>",
      "<!DOCTYPE",
      "<?", "</", "<a", "/>",
    ]
    for _ in 0..<300 {
      var html = ""
      for _ in 0..<Int(next() % 60) { html += pieces[Int(next() % UInt64(pieces.count))] }
      let tree = HTMLTree.parse(html, url: "http://h/")
      Self.checkInvariants(tree)
      _ = tree.links()
      _ = tree.textContent(0)
    }
    // Random bytes, invalid UTF-8 and NULs included.
    for _ in 0..<200 {
      let bytes = (0..<Int(next() % 400)).map { _ in UInt8(truncatingIfNeeded: next()) }
      let tree = bytes.withUnsafeBufferPointer { HTMLTree.parse(utf8: $0, url: nil) }
      Self.checkInvariants(tree)
      #expect(!tree.bytes.contains(0))
    }
  }
}
