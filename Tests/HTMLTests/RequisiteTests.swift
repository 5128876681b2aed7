import Testing

@testable import HTML

/// Which links are page requisites (issue 13 item 2): embedded references of every kind, and
/// attachments by extension or declared type, in shapes portals write.
@Suite struct RequisiteTests {
  @Test func embeddedReferencesOfEveryKind() {
    let doc = BothParsers(
      html: """
        <html><head><link rel="stylesheet" type="text/css" href="/css/main.css">
        <link rel="shortcut icon" href="/favicon.ico"><link rel="alternate" href="/rss.xml">
        <script type="text/javascript" src="//static.a.gov.cn/js/jquery.js"></script>
        <style>@import "/css/print.css"; .b{background:url(../images/bg.jpg)}</style></head>
        <body background="/images/body.gif">
        <table background="/images/t.gif"><tr><td style="background: url('/images/td.png')">x</td></tr></table>
        <img src="/images/a.jpg" srcset="/images/a-2x.jpg 2x, /images/a-3x.jpg 3x">
        <input type="image" src="/images/go.gif"><input type="text" src="/no.gif">
        <embed src="/flash/a.swf"><object data="/flash/b.swf"></object>
        <video src="/v/a.mp4" poster="/v/a.jpg"><source src="/v/a.webm"></video>
        <audio src="/v/a.mp3"></audio><picture><source srcset="/images/p.webp"></picture>
        <iframe src="/frame.htm"></iframe><a href="/news/1.htm">新闻</a>
        </body></html>
        """, url: "http://www.a.gov.cn/col/index.htm")
    let links = doc.links()
    let requisites = Set(links.filter(\.isRequisite).map(\.url))
    for path in [
      "/css/main.css", "/favicon.ico", "/css/print.css", "/images/bg.jpg", "/images/body.gif",
      "/images/t.gif", "/images/td.png", "/images/a.jpg", "/images/a-2x.jpg", "/images/a-3x.jpg",
      "/images/go.gif", "/flash/a.swf", "/flash/b.swf", "/v/a.mp4", "/v/a.jpg", "/v/a.webm",
      "/v/a.mp3", "/images/p.webp",
    ] {
      #expect(requisites.contains("http://www.a.gov.cn" + path), "\(path)")
    }
    #expect(requisites.contains("http://static.a.gov.cn/js/jquery.js"))
    for path in ["/rss.xml", "/no.gif", "/frame.htm", "/news/1.htm"] {
      #expect(!requisites.contains("http://www.a.gov.cn" + path), "\(path)")
    }
    #expect(links.first { $0.url.hasSuffix("/main.css") }?.kind == .stylesheet)
    #expect(links.first { $0.url.hasSuffix("/favicon.ico") }?.kind == .icon)
    #expect(links.first { $0.url.hasSuffix("/jquery.js") }?.kind == .script)
    #expect(links.first { $0.url.hasSuffix("/bg.jpg") }?.kind == .style)
  }

  @Test func attachmentsByExtensionAndDeclaredType() {
    let doc = BothParsers(
      html: """
        <a href="/files/2015/通知.PDF">通知</a><a href="/files/a.docx">a</a>
        <a href="/files/b.xls">b</a><a href="/files/b.xlsx">b</a><a href="/files/c.wps">c</a>
        <a href="/files/d.zip">d</a><a href="/files/e.rar">e</a><a href="/files/f.ppt">f</a>
        <a href="/files/g.pptx">g</a><a href="/files/h.doc#page=2">h</a>
        <a href="/module/download/downfile.jsp?classid=0&filename=1403.pdf">下载</a>
        <a href="/getfile?id=9" type="application/vnd.ms-excel; charset=x">表格</a>
        <a href="/getfile?id=10" type="text/html">页面</a>
        <area href="/map.pdf" alt="地图"><a href="/news/t20150302_1.htm">新闻</a>
        <a href="/pdf/">目录</a><a href="/a.pdf.htm">伪装</a><a href="http://x.cn">站</a>
        """, url: "http://www.a.gov.cn/")
    let requisites = Set(doc.links().filter(\.isRequisite).map(\.url))
    let base = "http://www.a.gov.cn"
    for path in [
      "/files/2015/%E9%80%9A%E7%9F%A5.PDF", "/files/a.docx", "/files/b.xls", "/files/b.xlsx",
      "/files/c.wps", "/files/d.zip", "/files/e.rar", "/files/f.ppt", "/files/g.pptx",
      "/files/h.doc#page=2", "/module/download/downfile.jsp?classid=0&filename=1403.pdf",
      "/getfile?id=9", "/map.pdf",
    ] {
      #expect(requisites.contains(base + path), "\(path): \(requisites.sorted())")
    }
    for path in ["/getfile?id=10", "/news/t20150302_1.htm", "/pdf/", "/a.pdf.htm"] {
      #expect(!requisites.contains(base + path), "\(path)")
    }
    #expect(!requisites.contains("http://x.cn"))
    #expect(Link.isAttachment(contentType: "application/pdf"))
    #expect(Link.isAttachment(contentType: "Application/VND.openxmlformats-officedocument.wordprocessingml.document"))
    #expect(!Link.isAttachment(contentType: "text/html; charset=utf-8"))
  }

  @Test func cssReferencesSkipCommentsAndKeepImports() {
    let css = """
      @import url("a.css"); @import 'b.css';
      /* url(commented.png) */ .x { background: URL( "c.png" ) no-repeat }
      @font-face { src: url(d.woff2) format("woff2"), url('e.ttf') }
      .y { background-image: url(); content: "url(not-a-ref.png)" }
      """
    #expect(CSSURLScanner.references(in: css) == ["a.css", "b.css", "c.png", "d.woff2", "e.ttf"])
  }
}
