import Charset
import Foundation

/// HTML rendering of the sample portal's pages (table layout in the style of a 2009 TRS site).
extension SamplePortalSite {
  static let css = """
    body{margin:0;padding:0;font-size:12px;color:#333;background:#fff;font-family:"宋体",SimSun,serif}
    a{color:#333;text-decoration:none}a:hover{color:#b00;text-decoration:underline}
    img{border:0}table{border-collapse:collapse}
    .top{height:80px;background:#9c1a1a;color:#fff}.top a{color:#fff}
    .logo{font-size:24px;font-weight:bold;padding-left:18px;letter-spacing:2px}
    .logo span{font-size:12px;font-weight:normal;letter-spacing:0}
    .search{padding-right:14px}.search input{font-size:12px}
    .nav{background:#f2e6cf;border-bottom:2px solid #9c1a1a}
    .nav td{height:28px;text-align:center;font-size:14px;font-weight:bold}
    .nav td a{color:#7a1010}
    .weizhi{height:30px;padding-left:12px;border-bottom:1px dashed #ccc;background:#fafafa}
    .box{margin-bottom:8px;border:1px solid #e0d3b8}
    .box_t{height:26px;background:#e8d6ae;font-weight:bold;padding-left:10px;color:#7a1010}
    .box td{line-height:22px;padding-left:6px}
    .box_more{text-align:right;padding-right:8px;font-weight:normal}
    .biaoti{font-size:20px;color:#9c1a1a;font-weight:bold;line-height:40px;text-align:center}
    .date{color:#666;line-height:26px;text-align:center;border-bottom:1px solid #ddd}
    .zoom{text-align:right;padding-right:12px;color:#999;line-height:24px}
    .content{font-size:14px;line-height:28px;padding:10px 16px}
    .content p{margin:0 0 10px 0}
    .fujian{padding-left:16px;line-height:26px;color:#7a1010}
    .list td{height:26px;border-bottom:1px dotted #ccc}
    .list_date{color:#888;width:90px;text-align:right}
    .page{text-align:center;line-height:36px}
    .page a{margin:0 3px}
    .friend{padding:8px;text-align:center;border-top:1px solid #e0d3b8}
    .foot{line-height:24px;text-align:center;border-top:3px solid #9c1a1a;color:#555;padding:8px}
    """

  static let script = """
    function doZoom(size){var c=document.getElementById("fontzoom");if(c){c.style.fontSize=size+"px";}}
    function goFriend(s){var u=s.options[s.selectedIndex].value;if(u!=""){window.open(u);}}
    function checkSearch(f){if(f.q.value==""){alert("请输入搜索关键词");return false;}return true;}
    """

  /// Escapes text for HTML content and attribute values.
  static func esc(_ s: String) -> String {
    // Byte scan first: most text needs no escaping, and Character comparison is slow.
    guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else {
      return s
    }
    var out = ""
    for ch in s.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }

  /// The first `n` characters of `s`, without ellipsis (as list pages of such sites cut titles).
  static func cut(_ s: String, _ n: Int) -> String { String(s.prefix(n)) }

  /// A TRS-style relative href from page `here` to the site path `target`.
  static func rel(_ here: String, _ target: String) -> String {
    let from = here.split(separator: "/", omittingEmptySubsequences: false).dropFirst().dropLast()
    let to = target.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
    let fromDirs = Array(from)
    let toParts = Array(to)
    var common = 0
    while common < fromDirs.count && common < toParts.count - 1
      && fromDirs[common] == toParts[common]
    {
      common += 1
    }
    let ups = fromDirs.count - common
    let rest = toParts[common...].joined(separator: "/")
    return ups == 0 ? "./" + rest : String(repeating: "../", count: ups) + rest
  }

  func articleHref(_ here: String, _ index: Int) -> String {
    Self.rel(here, models[index].truth.path)
  }

  func listPath(_ section: Int, _ page: Int) -> String {
    let slug = sections[section].slug
    return page <= 1 ? "/\(slug)/index.html" : "/\(slug)/index_\(page).html"
  }

  func pageCount(_ section: Int) -> Int {
    max(1, (sectionArticles[section].count + Self.pageSize - 1) / Self.pageSize)
  }

  // MARK: skeleton

  func layout(
    here: String, title: String, crumbSection: Int?, crumbLabel: String? = nil, searchN: Int,
    sidebarSalt: UInt64, hotSection: Int, exclude: Int = -1, main: String
  ) -> String {
    let t = SamplePortalText.self
    var h: [String] = []
    h.append(
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">"
    )
    h.append("<html xmlns=\"http://www.w3.org/1999/xhtml\">")
    h.append("<head>")
    h.append("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />")
    h.append("<title>\(Self.esc(title))</title>")
    h.append(
      "<meta name=\"keywords\" content=\"\(t.siteName),国情资料,地方志,文史资料,政策解读\" />")
    h.append("<meta name=\"description\" content=\"\(t.headerLine)\" />")
    h.append("<style type=\"text/css\">\n\(Self.css)\n</style>")
    h.append("<script language=\"javascript\" type=\"text/javascript\">\n\(Self.script)\n</script>")
    h.append("</head>")
    h.append("<body>")
    // Header with logo and search.
    h.append(
      "<table width=\"960\" border=\"0\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\" class=\"top\">"
    )
    h.append(
      "<tr><td class=\"logo\"><img src=\"/images/logo.jpg\" width=\"60\" height=\"60\" align=\"absmiddle\" alt=\"\" />"
        + "<a href=\"/\">\(t.siteName)</a><span>（国家综合性国情资料编纂与服务机构）</span></td>")
    h.append(
      "<td class=\"search\" align=\"right\"><form action=\"/search/\" method=\"get\" onsubmit=\"return checkSearch(this)\">"
        + "<input type=\"text\" name=\"q\" size=\"16\" /> <input type=\"submit\" value=\"检索\" /></form>"
        + "<a href=\"/search/?q=\(searchN)\">站内搜索</a></td></tr></table>")
    // Navigation bar.
    var nav = "<td><a href=\"/\">首页</a></td>"
    for (k, s) in sections.enumerated() {
      nav += "<td><a href=\"\(Self.rel(here, listPath(k, 1)))\">\(s.name)</a></td>"
    }
    for c in t.channels {
      nav += "<td><a href=\"\(Self.rel(here, "/\(c.slug)/index.html"))\">\(c.label)</a></td>"
    }
    h.append(
      "<table width=\"960\" border=\"0\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\" class=\"nav\">"
    )
    h.append("<tr>\(nav)</tr></table>")
    // Breadcrumb.
    if let k = crumbSection {
      h.append(
        "<table width=\"960\" border=\"0\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\"><tr><td class=\"weizhi\">"
          + "当前位置：<a href=\"/\">\(t.siteName)</a> &gt; <a href=\"\(Self.rel(here, listPath(k, 1)))\">\(sections[k].name)</a> &gt;</td></tr></table>"
      )
    } else if let label = crumbLabel {
      h.append(
        "<table width=\"960\" border=\"0\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\"><tr><td class=\"weizhi\">"
          + "当前位置：<a href=\"/\">\(t.siteName)</a> &gt; \(label) &gt;</td></tr></table>")
    }
    // Body: sidebar + main.
    h.append(
      "<table width=\"960\" border=\"0\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\">")
    h.append("<tr><td width=\"230\" valign=\"top\">")
    h.append(sidebar(here: here, salt: sidebarSalt, hotSection: hotSection, exclude: exclude))
    h.append("</td>")
    h.append("<td width=\"12\">&nbsp;</td>")
    h.append("<td width=\"718\" valign=\"top\">")
    h.append(main)
    h.append("</td></tr></table>")
    // Friendly links and footer.
    var options = "<option value=\"\" selected=\"selected\">----友情链接----</option>"
    for (name, host) in zip(t.friendLinks, t.friendHosts) {
      options += "<option value=\"http://www.\(host).gov.cn/\">\(name)</option>"
    }
    h.append(
      "<table width=\"960\" border=\"0\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\"><tr><td class=\"friend\">"
        + "友情链接：<select name=\"friend\" onchange=\"goFriend(this)\">\(options)</select></td></tr></table>"
    )
    h.append(
      "<table width=\"960\" border=\"0\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\"><tr><td class=\"foot\">"
        + t.footer.joined(separator: "<br />\r\n") + "</td></tr></table>")
    h.append("</body>")
    h.append("</html>")
    return h.joined(separator: "\r\n") + "\r\n"
  }

  func box(_ title: String, _ rows: [String], more: String? = nil) -> String {
    var s =
      "<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\" class=\"box\">\r\n"
    if let more {
      s +=
        "<tr><td class=\"box_t\">\(title)</td><td class=\"box_t box_more\"><a href=\"\(more)\">更多&gt;&gt;</a></td></tr>\r\n"
    } else {
      s += "<tr><td class=\"box_t\">\(title)</td></tr>\r\n"
    }
    s += rows.joined(separator: "\r\n")
    return s + "\r\n</table>"
  }

  func linkRow(_ here: String, _ index: Int, width: Int, date: String? = nil, href: String? = nil)
    -> String
  {
    let a = models[index].truth
    let link = href ?? articleHref(here, index)
    let cell =
      "<td>·<a href=\"\(link)\" target=\"_blank\" title=\"\(Self.esc(a.title))\">\(Self.esc(Self.cut(a.title, width)))</a></td>"
    if let date {
      return "<tr>\(cell)<td class=\"list_date\">\(date)</td></tr>"
    }
    return "<tr>\(cell)</tr>"
  }

  func sidebar(here: String, salt: UInt64, hotSection: Int, exclude: Int) -> String {
    let t = SamplePortalText.self
    let special = t.specialItems.enumerated().map { k, item in
      "<tr><td>·<a href=\"\(Self.rel(here, "/ztzl/index.html"))\">\(item)</a></td></tr>"
    }
    let recommended = picks(6, salt: salt, exclude: exclude).map { linkRow(here, $0, width: 15) }
    let hot = picks(8, salt: 1_000_000 + UInt64(hotSection), exclude: exclude).map {
      linkRow(here, $0, width: 15)
    }
    var columns = sections.indices.map { k in
      "<tr><td>·<a href=\"\(Self.rel(here, listPath(k, 1)))\">\(sections[k].name)</a></td></tr>"
    }
    columns += t.channels.map { c in
      "<tr><td>·<a href=\"\(Self.rel(here, "/\(c.slug)/index.html"))\">\(c.label)</a></td></tr>"
    }
    return [
      box("栏目导航", columns), box(t.specialBox, special), box("推荐内容", recommended),
      box("热点内容", hot),
    ].joined(separator: "\r\n")
  }

  // MARK: pages

  func renderHome() -> String {
    let here = "/"
    var main: [String] = []
    if let latest = sectionArticles.first?.first {
      let a = models[latest].truth
      main.append(
        box(
          "图片新闻",
          [
            "<tr><td align=\"center\"><a href=\"\(articleHref(here, latest))\" target=\"_blank\"><img src=\"/img/\(a.id).jpg\" width=\"320\" height=\"200\" alt=\"\" /></a></td></tr>",
            "<tr><td align=\"center\"><a href=\"\(articleHref(here, latest))\" target=\"_blank\">\(Self.esc(a.title))</a></td></tr>",
          ]))
    }
    for (k, s) in sections.enumerated() {
      let rows = sectionArticles[k].prefix(8).map { i in
        let c = models[i].date.civil
        return linkRow(
          here, i, width: 26, date: "\(SampleDate.two(c.month))-\(SampleDate.two(c.day))")
      }
      main.append(box(s.name, rows, more: Self.rel(here, listPath(k, 1))))
    }
    var extra = [
      "<tr><td>·<a href=\"/calendar/?d=\(Self.lastBaseDay.compact)\">资料日历</a></td></tr>"
    ]
    if config.faults {
      extra += [
        "<tr><td>·<a href=\"/loop/a\">专题回顾</a></td></tr>",
        "<tr><td>·<a href=\"/slow.htm\">资料下载中心</a></td></tr>",
        "<tr><td>·<a href=\"/huge.htm\">全文数据库</a></td></tr>",
        "<tr><td>·<a href=\"http://offsite.invalid/x.htm\">合作网站</a></td></tr>",
      ]
    }
    main.append(box("便民服务", extra))
    return layout(
      here: here, title: SamplePortalText.siteName, crumbSection: nil, searchN: 1,
      sidebarSalt: 0, hotSection: 0, main: main.joined(separator: "\r\n"))
  }

  func renderList(section k: Int, page: Int) -> String {
    let here = listPath(k, page)
    let all = sectionArticles[k]
    let pages = pageCount(k)
    let slice = all.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize)
    var rows: [String] = []
    if page == 1, k < deadLinks.count {
      let dead = deadLinks[k]
      rows.append(
        "<tr><td>·<a href=\"\(Self.rel(here, dead))\" target=\"_blank\">\(SamplePortalText.places[k])资料征集公告</a></td><td class=\"list_date\">2009-07-0\(k + 1)</td></tr>"
      )
    }
    for i in slice {
      let href = (page == 1 && i == movedIndex) ? "/old/\(models[i].truth.id).htm" : nil
      rows.append(linkRow(here, i, width: 30, date: models[i].truth.date, href: href))
    }
    var pager = "共\(all.count)条记录 分\(pages)页 当前第\(page)页 "
    pager += "<a href=\"./index.html\">首页</a> "
    if page > 1 { pager += "<a href=\"\(Self.rel(here, listPath(k, page - 1)))\">上一页</a> " }
    for p in 1...pages where p != page {
      pager += "<a href=\"\(Self.rel(here, listPath(k, p)))\">[\(p)]</a> "
    }
    if page < pages { pager += "<a href=\"\(Self.rel(here, listPath(k, page + 1)))\">下一页</a> " }
    pager += "<a href=\"\(Self.rel(here, listPath(k, pages)))\">尾页</a>"
    let main =
      box(sections[k].name, rows).replacingOccurrences(
        of: "class=\"box\"", with: "class=\"box list\"")
      + "\r\n<div class=\"page\">\(pager)</div>"
      + "\r\n<div class=\"page\"><a href=\"/calendar/?d=\(Self.firstBaseDay.adding(k * 100).compact)\">资料日历</a></div>"
    return layout(
      here: here, title: "\(sections[k].name)_\(SamplePortalText.siteName)", crumbSection: k,
      searchN: 100 + k * 10 + page, sidebarSalt: 500 + UInt64(k), hotSection: k, main: main)
  }

  func renderArticle(_ index: Int) -> String {
    let m = models[index]
    let a = m.truth
    let here = a.path
    let t = SamplePortalText.self
    let when: String
    switch m.dateStyle {
    case 1: when = m.date.chinese
    case 2:
      when = "\(a.date) \(SampleDate.two(m.minuteOfDay / 60)):\(SampleDate.two(m.minuteOfDay % 60))"
    default: when = a.date
    }
    let sep = m.dateStyle == 1 ? "&nbsp;&nbsp;" : " "
    var body: [String] = []
    body.append(
      "<p align=\"center\"><img src=\"\(Self.rel(here, "/img/\(a.id).jpg"))\" border=\"0\" alt=\"\" /></p>"
    )
    for (j, text) in a.paragraphs.enumerated() {
      var html = Self.esc(text)
      if j == 1 && m.hidden < 2, let stop = html.firstIndex(of: "。") {
        let mark =
          m.hidden == 0
          ? "<span style=\"display:none\">\(t.hiddenSpanText)</span>"
          : "<font color=\"#ffffff\">\(t.hiddenFontText)</font>"
        html.insert(contentsOf: mark, at: html.index(after: stop))
      }
      if j < m.paragraphWatermarks.count {
        switch m.paragraphWatermarks[j] {
        case 1: html += t.watermarkTail
        case 2: html += t.watermarkBare
        default: break
        }
      }
      body.append("<p>　　\(html)</p>")
      if j == 0 && m.copyrightAfterFirst { body.append("<p>\(t.watermarkCopyright)</p>") }
    }
    var main: [String] = []
    main.append("<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\">")
    main.append("<tr><td class=\"biaoti\">\(Self.esc(a.title))</td></tr>")
    main.append(
      "<tr><td class=\"date\">发布时间：\(when)\(sep)来源：\(a.source)\(sep)作者：\(a.author)</td></tr>")
    main.append(
      "<tr><td class=\"zoom\">【字体：<a href=\"javascript:doZoom(16)\">大</a> <a href=\"javascript:doZoom(14)\">中</a> <a href=\"javascript:doZoom(12)\">小</a>】</td></tr>"
    )
    main.append("<tr><td class=\"content\" id=\"fontzoom\">")
    main.append(body.joined(separator: "\r\n"))
    main.append("</td></tr>")
    if a.hasAttachment {
      main.append(
        "<tr><td class=\"fujian\">附件下载：<a href=\"\(Self.rel(here, "/files/\(a.id).pdf"))\">\(Self.esc(a.title)).pdf</a></td></tr>"
      )
    }
    main.append(
      "<tr><td align=\"right\">【<a href=\"javascript:window.print()\">打印本页</a>】【<a href=\"javascript:window.close()\">关闭窗口</a>】</td></tr>"
    )
    main.append("</table>")
    main.append(box("相关链接", m.related.map { linkRow(here, $0, width: 20) }))
    return layout(
      here: here, title: "\(a.title)_\(t.siteName)", crumbSection: m.sectionIndex,
      searchN: a.id, sidebarSalt: 10_000 + UInt64(index), hotSection: m.sectionIndex,
      exclude: index, main: main.joined(separator: "\r\n"))
  }

  func renderChannel(label: String, slug: String) -> String {
    let here = "/\(slug)/index.html"
    let rows =
      ["<tr><td>本栏目内容正在整理中，敬请关注。</td></tr>"]
      + picks(5, salt: 2000 + UInt64(slug.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xffff)).map {
        linkRow(here, $0, width: 30)
      }
    return layout(
      here: here, title: "\(label)_\(SamplePortalText.siteName)", crumbSection: nil,
      crumbLabel: label, searchN: 50, sidebarSalt: 3000, hotSection: 0, main: box(label, rows))
  }

  func renderSearch(_ n: Int) -> String {
    let here = "/search/index.html"
    let rows =
      ["<tr><td>检索结果第\(n)页</td></tr>"]
      + picks(5, salt: 4000 + UInt64(n % 1000)).map { linkRow(here, $0, width: 30) }
      + ["<tr><td><a href=\"/search/?q=\(n + 1)\">下一页</a></td></tr>"]
    return layout(
      here: here, title: "站内搜索_\(SamplePortalText.siteName)", crumbSection: nil,
      crumbLabel: "站内搜索", searchN: n + 1, sidebarSalt: 5000, hotSection: 0,
      main: box("站内搜索", rows))
  }

  func renderCalendar(_ day: SampleDate) -> String {
    let rows = [
      "<tr><td>资料日历：\(day.chinese)</td></tr>",
      "<tr><td><a href=\"/calendar/?d=\(day.adding(1).compact)\">后一天</a></td></tr>",
    ]
    return layout(
      here: "/calendar/index.html", title: "资料日历_\(SamplePortalText.siteName)",
      crumbSection: nil, crumbLabel: "资料日历", searchN: 60, sidebarSalt: 6000, hotSection: 0,
      main: box("资料日历", rows))
  }

  func renderError(_ status: Int) -> String {
    let message = status == 404 ? "您访问的页面不存在或已被删除。" : "服务器内部错误，请稍后再试。"
    return "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />"
      + "<title>\(status)</title></head><body><h1>\(status)</h1><p>\(message)</p>"
      + "<p><a href=\"/\">返回首页</a></p></body></html>\r\n"
  }

  /// A large page for the `/huge.htm` fault: `bytes` bytes of GBK HTML.
  func renderHuge(bytes: Int) -> [UInt8] {
    let head = encodeGBK(
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />"
        + "<title>全文数据库_\(SamplePortalText.siteName)</title></head><body>\r\n")
    let tail = encodeGBK("</body></html>\r\n")
    var lines: [[UInt8]] = []
    let pool = SamplePortalText.sentences
    for k in 0..<pool.count {
      lines.append(encodeGBK("<p>　　\(pool[k])\(pool[(k * 7 + 3) % pool.count])</p>\r\n"))
    }
    var out = head
    out.reserveCapacity(bytes + 512)
    var k = 0
    while out.count + tail.count < bytes {
      out += lines[k % lines.count]
      k += 1
    }
    return out + tail
  }

  /// Encodes page text to GBK bytes (GB18030, which equals GBK for every character the site uses).
  func encodeGBK(_ text: String) -> [UInt8] {
    (try? CharsetEncoder.encode(text, to: "GB18030")) ?? Array(text.utf8)
  }
}
