import HTML

@testable import Extract

/// Builds pages in the style of a 2009 Chinese state portal (after the seed page): a nav table,
/// sidebar boxes (推荐内容/热点内容), a 相关链接 box, a 版权所有 footer, and article paragraphs
/// with watermark phrases inside them. Deterministic: everything derives from the arguments.
enum PortalFixture {
  static let siteName = "华夏测试网"

  struct ArticleSpec {
    var id: Int
    var title: String
    var date: String
    var source: String
    var author: String
    var paragraphs: [String]
    /// Per paragraph, text appended inside the <p> after the clean text (a watermark).
    var tails: [String] = []
    /// A paragraph inserted after paragraph index i: (i, html).
    var inserted: [(Int, String)] = []
    /// Extra HTML at the end of the content cell.
    var contentFooter = ""
  }

  /// A deterministic sentence generator: every (seed, n) gives a different sentence.
  static func sentence(_ seed: Int, _ n: Int) -> String {
    let subjects = ["市政府", "省教育厅", "县农业局", "区卫生健康委", "市交通运输局", "街道办事处", "科技园区管委会"]
    let verbs = ["召开会议研究部署", "印发通知要求加强", "组织专家督导", "开展专项检查推进", "召集座谈会讨论"]
    let objects = ["秋冬季安全生产工作", "农村饮水工程建设", "中小学课后服务", "老旧小区改造", "防汛抗旱准备"]
    let tails = ["各单位要落实责任", "有关部门将定期通报进展", "群众反映良好", "相关工作取得阶段性成效", "下一步将加大投入"]
    var x = UInt64(truncatingIfNeeded: seed &* 7919 &+ n &* 104_729 &+ 17)
    func pick(_ a: [String]) -> String {
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return a[Int((x >> 33) % UInt64(a.count))]
    }
    let month = 1 + (seed + n) % 12
    let day = 1 + (seed * 3 + n * 7) % 28
    return
      "\(pick(subjects))于\(month)月\(day)日\(pick(verbs))\(pick(objects))，\(pick(tails))，投入资金\(seed * 37 + n * 11 + 5)万元。"
  }

  static func paragraphs(_ seed: Int, count: Int) -> [String] {
    (0..<count).map { i in
      sentence(seed, i * 3) + sentence(seed, i * 3 + 1) + sentence(seed, i * 3 + 2)
    }
  }

  static let nav = [
    "印象中国", "国家礼仪", "中国特色", "国家记忆", "全民学习", "图文聚焦", "中图消息", "政策法规", "办事指南",
    "关于我们", "联系我们",
  ]

  static func head(_ title: String, css: String = "") -> String {
    """
    <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
    <html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
    <title>\(title)</title>
    <style type="text/css">body{margin:0;font-size:12px;color:#333;background:#fff}
    .logo{background:#a00;color:#fff}\(css)</style>
    <script>function doZoom(s){document.getElementById("z").style.fontSize=s+"px";}</script>
    </head><body>
    """
  }

  static func top(section: String?) -> String {
    var out = """
      <table width="960"><tr><td class="logo"><a href="/">\(siteName)</a>(综合性新闻门户)</td>
      <td><form action="/search/"><input type="text" name="q" /><input type="submit" value="搜索" /></form></td></tr></table>
      <table width="960" class="nav"><tr>
      """
    for (i, label) in nav.enumerated() {
      out += "<td><a href=\"/c\(i)/index.html\">\(label)</a></td>"
    }
    out += "</tr></table>\n"
    if let section {
      out +=
        "<table width=\"960\"><tr><td>当前位置:<a href=\"/\">\(siteName)</a> &gt; <a href=\"../index.html\">\(section)</a> &gt;</td></tr></table>\n"
    }
    return out
  }

  static func box(_ title: String, _ items: [(String, String)]) -> String {
    var out = "<table width=\"100%\" class=\"box\"><tr><td class=\"box_t\">\(title)</td></tr>\n"
    for (href, text) in items {
      out += "<tr><td>·<a href=\"\(href)\" target=\"_blank\">\(text)</a></td></tr>\n"
    }
    return out + "</table>\n"
  }

  static func sidebar(_ seed: Int) -> String {
    let items = (0..<6).map { i in
      ("/zgxx/2009/t\(seed + i).htm", "热点新闻标题第\(seed * 7 + i)号关于工作推进的报道")
    }
    return "<table width=\"100%\"><tr><td class=\"box_t\">中图推荐</td></tr><tr><td>政治人物:吴邦国</td></tr>"
      + "<tr><td><img src=\"/images/x.jpg\" alt=\"图片1\" />吴邦国,男,汉族,1941年7月生,</td></tr></table>\n"
      + box("推荐内容", items) + box("热点内容", items.reversed())
  }

  static let footer = """
    <table width="960"><tr><td class="foot">版权所有:\(siteName) 电话:010-63085539 传真:010-63083953<br />
    地址:北京市复兴路甲38号西座10层<br />技术支持:测试网络中心 京ICP备05012345号</td></tr></table>
    </body></html>
    """

  static func article(_ a: ArticleSpec) -> String {
    var body = ""
    for (i, p) in a.paragraphs.enumerated() {
      let tail = i < a.tails.count ? a.tails[i] : ""
      body += "<p>\u{3000}\u{3000}\(p)\(tail)</p>\n"
      for (after, html) in a.inserted where after == i { body += html + "\n" }
    }
    let meta = "来源：\(a.source)" + (a.author.isEmpty ? "" : "&nbsp;&nbsp;作者：\(a.author)")
    let related = (0..<8).map { i in
      ("../../zcfg/2009/t\(a.id * 10 + i).htm", "相关文章第\(a.id * 10 + i)篇的标题")
    }
    let main = """
      <table width="100%"><tr><td align="center" class="biaoti">\(a.title)</td></tr>
      <tr><td align="center" class="date">\(a.date)</td></tr>
      <tr><td align="center" class="date">\(meta)&nbsp;&nbsp;【字号 <a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</td></tr>
      <tr><td class="content" id="z"><p align="center"><img src="/img/\(a.id).jpg" alt="" /></p>
      \(body)\(a.contentFooter)</td></tr>
      <tr><td>附件下载：<a href="/files/\(a.id).pdf">\(a.id).pdf</a></td></tr>
      <tr><td>【<a href="javascript:print()">打印本页</a>】【<a href="javascript:close()">关闭窗口</a>】</td></tr></table>
      \(box("相关链接", related))
      """
    return head("\(a.title)_\(siteName)") + top(section: "中图社消息") + layout(sidebar(a.id), main)
      + footer
  }

  static func layout(_ side: String, _ main: String) -> String {
    "<table width=\"960\"><tr><td width=\"230\" valign=\"top\">\(side)</td><td width=\"10\">&nbsp;</td><td width=\"720\" valign=\"top\">\(main)</td></tr></table>\n"
  }

  static func listPage(_ n: Int) -> String {
    var rows = ""
    for i in 0..<20 {
      rows +=
        "<tr><td>·<a href=\"./2009/t\(n * 20 + i).htm\" title=\"t\">列表文章第\(n * 20 + i)篇：关于推进重点工作的通知</a></td><td>[2009-05-\(10 + i % 9)]</td></tr>\n"
    }
    let main =
      "<table width=\"100%\"><tr><td class=\"box_t\">中图社消息</td></tr></table><table>\(rows)</table>"
      + "<table><tr><td>共120条记录 第\(n)/6页 <a href=\"index_2.html\">下一页</a> <a href=\"index_6.html\">尾页</a></td></tr></table>"
    return head("中图社消息--\(siteName)") + top(section: "中图社消息") + layout(sidebar(n), main) + footer
  }

  /// The page parsed the way the crawler parses it (`HTMLTree`'s own parser).
  static func document(_ html: String, _ path: String = "/zgxx/200905/t20090515_1.htm")
    -> HTMLTree
  {
    HTMLTree.parse(html, url: "http://www.example.cn" + path)
  }

  /// The page parsed by libxml2 (for XPath rules and tree edits).
  static func dom(_ html: String, _ path: String = "/zgxx/200905/t20090515_1.htm")
    -> HTMLDocument
  {
    HTMLDocument(html: html, url: "http://www.example.cn" + path)
  }
}
