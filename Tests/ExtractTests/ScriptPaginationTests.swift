import Testing

@testable import Extract

/// Script pagination shapes as TRS WCM and Hanweb JCMS portals write them.
struct ScriptPaginationTests {
  let base = "http://www.example.gov.cn/xwzx/jhyw/index.htm"

  private func scan(_ html: String, url: String? = nil, maxPages: Int = 1000)
    -> ScriptPagination.Found
  {
    ScriptPagination.scan(page: html, url: url ?? base, maxPages: maxPages)
  }

  // MARK: TRS

  @Test func trsCreatePageHTMLFourArguments() {
    let html = """
      <div class="page"><script>createPageHTML(4, 0, "index", "htm");</script></div>
      <script src="/js/page.js"></script>
      """
    #expect(
      scan(html).listPages == [
        "http://www.example.gov.cn/xwzx/jhyw/index_1.htm",
        "http://www.example.gov.cn/xwzx/jhyw/index_2.htm",
        "http://www.example.gov.cn/xwzx/jhyw/index_3.htm",
      ])
  }

  @Test func trsCreatePageHTMLWithElementIDAndOneBasedCurrent() {
    // The newer TRS template: element id first, current page counted from 1, record total last.
    let html = """
      <script type="text/javascript">createPageHTML('page_div',3, 1,'fg','shtml',41);</script>
      """
    let found = scan(html, url: "http://www.example.gov.cn/zwgk/fg/fg.shtml")
    #expect(
      found.listPages == [
        "http://www.example.gov.cn/zwgk/fg/fg_1.shtml",
        "http://www.example.gov.cn/zwgk/fg/fg_2.shtml",
      ])
  }

  @Test func trsCreatePageHTMLOnALaterPageAndSwappedOrder() {
    // On page 3 (index_2.html); the current page given first, in a variable, with a dotted ext.
    let html = """
      <script>var currentPage = 2; createPageHTML(currentPage, 5, "index", ".html");</script>
      """
    let found = scan(html, url: "http://www.example.gov.cn/xwzx/index_2.html")
    #expect(
      found.listPages == [
        "http://www.example.gov.cn/xwzx/index.html",
        "http://www.example.gov.cn/xwzx/index_1.html",
        "http://www.example.gov.cn/xwzx/index_3.html",
        "http://www.example.gov.cn/xwzx/index_4.html",
      ])
  }

  @Test func trsCountPageVariableWithDocumentWriteLoop() {
    let html = """
      <script language="JavaScript">
      var currentPage = 0;//所在页从0开始
      var prevPage = currentPage-1//上一页
      var nextPage = currentPage+1//下一页
      var countPage = 3//共多少页
      if(countPage>1&&currentPage!=0&&currentPage!=1)
        document.write("<a href=\\"index"+"_" + prevPage + "."+"htm\\">上一页</a>&nbsp;");
      for(var i=0;i<countPage;i++){
        if(currentPage==i) document.write("<span>"+(i+1)+"</span>");
        else if(i==0) document.write("<a href=\\"index.htm\\">"+(i+1)+"</a>");
        else document.write("<a href=\\"index"+"_" + i + "."+"htm\\" class=\\"hui\\">"+(i+1)+"</a>");
      }
      </script>
      """
    #expect(
      scan(html).listPages == [
        "http://www.example.gov.cn/xwzx/jhyw/index_1.htm",
        "http://www.example.gov.cn/xwzx/jhyw/index_2.htm",
      ])
  }

  @Test func trsPrefixAndSuffixVariables() {
    let html = """
      <script>
      var countPage = "3"; var currentPage = 0;
      var prefix = "list"; var suffix = "shtml";
      for (var i = 1; i < countPage; i++) {
        document.write('<a href="' + prefix + '_' + i + '.' + suffix + '">' + (i + 1) + '</a>');
      }
      </script>
      """
    #expect(
      scan(html, url: "http://www.example.gov.cn/bmdt/").listPages == [
        "http://www.example.gov.cn/bmdt/list.shtml",
        "http://www.example.gov.cn/bmdt/list_1.shtml",
        "http://www.example.gov.cn/bmdt/list_2.shtml",
      ])
  }

  @Test func trsPageCountIsCapped() {
    let html = "<script>createPageHTML(1000000000, 0, \"index\", \"htm\");</script>"
    #expect(scan(html, maxPages: 5).listPages.count == 4)
  }

  // MARK: JCMS

  let jcmsPage = """
    <div id="4567"><script type="text/xml"><datastore>
    <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=1&path=/&columnid=1229&unitid=4567&webname=%E7%9C%81%E6%94%BF%E5%BA%9C&permissiontype=0"></a>]]></nextgroup>
    <recordset>
    <record><![CDATA[<li><a href="/art/2015/3/2/art_1229_20012.html" target="_blank">一</a><span>2015-03-02</span></li>]]></record>
    <record><![CDATA[<li><a href='http://zwgk.example.gov.cn/art/2015/3/1/art_1229_20011.html'>二</a></li>]]></record>
    </recordset></datastore></script></div>
    <script language="javascript" src="/module/web/jpage/jpage.js"></script>
    <script>
    $(document).ready(function(){
      $("#4567").jpage({
        dataStore: dataStore, perPage: 2, totalRecord: 7, groupSize: 3,
        proxyUrl: "/module/web/jpage/dataproxy.jsp", barPosition: "bottom",
        ajaxParam: {col:1, appid:1, webid:1, path:'/', columnid:1229, sourceContentType:1,
          unitid:'4567', webname:'省政府 网', permissiontype:0}
      });
    });
    </script>
    """

  @Test func jcmsRecordsAndJPagePosts() {
    let found = scan(jcmsPage, url: "http://zwgk.example.gov.cn/col/col1229/index.html")
    #expect(
      found.recordLinks == [
        "http://zwgk.example.gov.cn/art/2015/3/2/art_1229_20012.html",
        "http://zwgk.example.gov.cn/art/2015/3/1/art_1229_20011.html",
      ])
    let body =
      "col=1&appid=1&webid=1&path=%2F&columnid=1229&sourceContentType=1&unitid=4567"
      + "&webname=%E7%9C%81%E6%94%BF%E5%BA%9C+%E7%BD%91&permissiontype=0"
    let proxy = "http://zwgk.example.gov.cn/module/web/jpage/dataproxy.jsp"
    #expect(
      found.posts == [
        .init(url: proxy + "?startrecord=3&endrecord=4&perpage=2", body: body),
        .init(url: proxy + "?startrecord=5&endrecord=6&perpage=2", body: body),
        .init(url: proxy + "?startrecord=7&endrecord=7&perpage=2", body: body),
      ])
    #expect(found.listPages.isEmpty)
  }

  @Test func jcmsNextGroupWithoutJPageCall() {
    // No jpage call: endpoint and form come from the nextgroup link, the total from the island.
    let html = """
      <script type="text/xml"><datastore><totalrecord>40</totalrecord>
      <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&amp;webid=3&amp;columnid=77&amp;perpage=15"></a>]]></nextgroup>
      <recordset><record><![CDATA[<a href="/art/1.html">a</a>]]></record></recordset>
      </datastore></script>
      """
    let found = scan(html, url: "http://www.example.gov.cn/col/col77/index.html")
    let proxy = "http://www.example.gov.cn/module/web/jpage/dataproxy.jsp"
    #expect(found.recordLinks == ["http://www.example.gov.cn/art/1.html"])
    #expect(
      found.posts == [
        .init(url: proxy + "?startrecord=16&endrecord=30&perpage=15", body: "webid=3&columnid=77"),
        .init(url: proxy + "?startrecord=31&endrecord=40&perpage=15", body: "webid=3&columnid=77"),
      ])
  }

  @Test func jcmsAnswerRecordsAndLaterPages() {
    let request = ScriptPagination.PostRequest(
      url: "http://www.example.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=15",
      body: "webid=3&columnid=77")
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>50</totalrecord><totalpage>4</totalpage>
      <recordset><record><![CDATA[<li><a href="http://www.example.gov.cn/art/2015/1/1/art_77_5.html">五</a></li>]]></record>
      </recordset></datastore>
      """
    let found = ScriptPagination.scanAnswer(xml, request: request)
    #expect(found.recordLinks == ["http://www.example.gov.cn/art/2015/1/1/art_77_5.html"])
    #expect(
      found.posts.map(\.url) == [
        "http://www.example.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=31&endrecord=45&perpage=15",
        "http://www.example.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=50&perpage=15",
      ])
    #expect(found.posts.allSatisfy { $0.body == request.body })
  }

  // MARK: Negative cases

  @Test func plainPagesAndDefinitionsGiveNothing() {
    #expect(scan("<html><body><a href=\"index_1.htm\">2</a></body></html>").isEmpty)
    // The function's definition (page.js inlined) is not a call.
    let definition = """
      <script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
        if(_nPageCount == null || _nPageCount <= 1) return;
        var nCurrIndex = _nCurrIndex || 0;
      }</script>
      """
    #expect(scan(definition).isEmpty)
    // One page only; a call with no numbers; a count in a comment.
    #expect(scan("<script>createPageHTML(1, 0, \"index\", \"htm\");</script>").isEmpty)
    #expect(scan("<script>createPageHTML(n, c, \"index\", \"htm\");</script>").isEmpty)
    #expect(scan("<script>// var countPage = 12\n</script>").isEmpty)
    // A page count without a current page or any page name: no guessing.
    #expect(scan("<script>var pageCount = 9;</script>", url: "http://a.gov.cn/art/x.html").isEmpty)
    // countPage mentioned outside any script.
    #expect(scan("<p>countPage = 12</p>").isEmpty)
    // A jpage plugin without a proxy or nextgroup, and a datastore without records.
    #expect(scan("<script>$('#a').jpage({perPage: 10});</script>").isEmpty)
    #expect(scan("<script type=\"text/xml\"><datastore></datastore></script>").isEmpty)
  }

  @Test func hostileInputDoesNotTrap() {
    let inputs = [
      "<script>createPageHTML(", "<script>createPageHTML(1e308, -5, '", "<script>\"\\u12",
      "<script type=text/xml><datastore><record><![CDATA[<a href=", "<script>var countPage=9e99",
      "<script>$(x).jpage({totalRecord: 99999999999, perPage: 0, proxyUrl: 'p'})</script>",
      "<script>$(x).jpage({totalRecord: 5, perPage: -1, proxyUrl: 'p'})</script>",
    ]
    for input in inputs { _ = scan(input) }
    let request = ScriptPagination.PostRequest(url: "http://a/p?startrecord=9223372036854775807&perpage=9223372036854775807", body: "")
    _ = ScriptPagination.scanAnswer("<totalrecord>5</totalrecord>", request: request)
  }
}
