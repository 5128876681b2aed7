import Foundation
import Frontier
import Testing
import TestSupport
import WARC

@testable import Crawl

/// Script pagination end to end on loopback (issue 13 item 4): a TRS channel whose further list
/// pages only `createPageHTML(...)` names, a TRS channel paged by a `countPage` loop, and a
/// Hanweb JCMS column whose first records sit in a `<script type="text/xml">` datastore and
/// whose later records only a POST to dataproxy.jsp answers. Every article is archived; each
/// POST is in the WARC as a request record with its form body and a response record under the
/// real URL; the GET of the same URL is a capture of its own; a resumed run after a kill that
/// lost the state's last commit adopts the POSTs from the archive instead of sending them again.
@Suite(.serialized) struct ScriptPaginationCrawlTests {
  static let proxy = "/module/web/jpage/dataproxy.jsp"
  static let form = "webid=3&columnid=9"

  static func art(_ name: String) -> String { "/art/2024/5/15/art_\(name).html" }

  static func list(_ links: [String], script: String) -> String {
    let items = links.map { "<li><a href=\"\($0)\">文章 \($0)</a></li>" }.joined()
    return "<html><head><title>列表</title></head><body><ul>\(items)</ul>\(script)</body></html>"
  }

  /// TRS createPageHTML: page `index` is 0, `index_N` is N.
  static func trsPage(_ n: Int) -> String {
    list([art("trs_\(n)")], script: "<script>createPageHTML(3, \(n), \"index\", \"htm\");</script>")
  }

  /// TRS countPage loop (document.write of `index_N.htm` links).
  static func countPage(_ n: Int) -> String {
    let script = """
      <script language="JavaScript">
      var currentPage = \(n);//所在页从0开始
      var countPage = 3//共多少页
      for(var i=0;i<countPage;i++){
        if(currentPage==i) document.write("<span>"+(i+1)+"</span>");
        else if(i==0) document.write("<a href=\\"index.htm\\">"+(i+1)+"</a>");
        else document.write("<a href=\\"index"+"_" + i + "."+"htm\\">"+(i+1)+"</a>");
      }
      </script>
      """
    return list([art("cnt_\(n)")], script: script)
  }

  static let jcmsColumn = """
    <html><head><title>栏目</title></head><body><div id="4567"><script type="text/xml"><datastore>
    <totalrecord>6</totalrecord>
    <nextgroup><![CDATA[<a href="\(proxy)?page=1&amp;webid=3&amp;columnid=9&amp;perpage=2"></a>]]></nextgroup>
    <recordset>
    <record><![CDATA[<li><a href="\(art("jc_1"))" target="_blank">一</a><span>2024-05-15</span></li>]]></record>
    <record><![CDATA[<li><a href='\(art("jc_2"))'>二</a></li>]]></record>
    </recordset></datastore></script></div></body></html>
    """

  /// A dataproxy.jsp POST answer: records `start` and `start + 1`.
  static func jcmsAnswer(_ start: Int) -> String {
    let records = [start, start + 1].map {
      "<record><![CDATA[<li><a href=\"\(art("jc_\($0)"))\">\($0)</a></li>]]></record>"
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><datastore><totalrecord>6</totalrecord>"
      + "<recordset>\(records.joined())</recordset></datastore>"
  }

  static let articles: [String] =
    (0..<3).map { art("trs_\($0)") } + (0..<3).map { art("cnt_\($0)") }
    + (1...6).map { art("jc_\($0)") }

  static func page(_ request: FetchTestServer.Request) -> (String, String)? {
    let html = "text/html; charset=utf-8"
    let path = request.target
    if path.hasPrefix(proxy + "?startrecord=") {
      guard request.method == "POST" else {
        return (html, "<html><body>这不是列表（GET）</body></html>")
      }
      guard String(decoding: request.body, as: UTF8.self) == form,
        let start = path.split(separator: "=").dropFirst().first?.split(separator: "&").first
          .flatMap({ Int($0) })
      else { return nil }
      return ("text/xml; charset=utf-8", jcmsAnswer(start))
    }
    switch path {
    case "/robots.txt": return ("text/plain", "User-agent: *\nAllow: /\n")
    case "/":
      return (
        html,
        list(
          ["/trs/index.htm", "/cnt/index.htm", "/col/col9/index.html", proxy + "?startrecord=3&endrecord=4&perpage=2"],
          script: ""))
    case "/trs/index.htm": return (html, trsPage(0))
    case "/trs/index_1.htm": return (html, trsPage(1))
    case "/trs/index_2.htm": return (html, trsPage(2))
    case "/cnt/index.htm": return (html, countPage(0))
    case "/cnt/index_1.htm": return (html, countPage(1))
    case "/cnt/index_2.htm": return (html, countPage(2))
    case "/col/col9/index.html": return (html, jcmsColumn)
    default:
      return articles.contains(path) ? (html, ResolveCrawlTests.article("文章 " + path)) : nil
    }
  }

  static func server() throws -> FetchTestServer {
    try FetchTestServer { request in
      guard let (type, body) = page(request) else {
        return [.send(FetchTestServer.response(status: 404, reason: "Not Found"))]
      }
      return [.send(FetchTestServer.response(headers: [("Content-Type", type)], body: Array(body.utf8)))]
    }
  }

  /// The (target, body) of every POST the server received.
  static func posts(_ requests: [FetchTestServer.Request]) -> [String] {
    requests.filter { $0.method == "POST" }.map {
      $0.target + " " + String(decoding: $0.body, as: UTF8.self)
    }
  }

  /// Every POST request record of the archive: (target URI, body).
  static func postRequestRecords(_ root: String) throws -> [(uri: String, body: String)] {
    var out: [(uri: String, body: String)] = []
    for path in try WARCArchive(root: root).warcFiles() {
      let reader = try WARCReader(path: path)
      while let item = try reader.next() {
        let record = item.record
        guard record.type == "request", let uri = record["WARC-Target-URI"],
          record.block.starts(with: Array("POST ".utf8))
        else { continue }
        out.append((uri, String(decoding: record.httpPayload, as: UTF8.self)))
      }
    }
    return out
  }

  @Test func scriptListsAndJCMSPostArticlesAreArchived() async throws {
    let server = try Self.server()
    defer { server.stop() }
    let dir = try TemporaryDirectory()
    let config = CrawlEndToEndTests.config(archive: dir.path, seed: server.baseURL + "/")
    let summary = try await CrawlEndToEndTests.crawl(config)
    #expect(summary.exitCode == .done, "\(summary.verdict)")
    let uris = Set(try ResolveCrawlTests.responseURIs(dir.path))
    for path in Self.articles + ["/trs/index_2.htm", "/cnt/index_2.htm"] {
      #expect(uris.contains(server.baseURL + path), "\(path) not archived")
    }
    let posts = Self.posts(server.receivedRequests)
    #expect(
      Set(posts) == [
        Self.proxy + "?startrecord=3&endrecord=4&perpage=2 " + Self.form,
        Self.proxy + "?startrecord=5&endrecord=6&perpage=2 " + Self.form,
      ])
    #expect(posts.count == 2, "a POST sent twice: \(posts)")
    let records = try Self.postRequestRecords(dir.path)
    #expect(records.count == 2 && records.allSatisfy { $0.body == Self.form })
    #expect(records.allSatisfy { !$0.uri.contains("#") }, "a frontier key leaked into the WARC")
    // The index keys each POST as `cdxj-indexer --post-append` does (request and response
    // pair: each names the other in WARC-Concurrent-To).
    let cdxj = try WARCArchive(root: dir.path).warcFiles().map {
      try String(contentsOfFile: String($0.dropLast(".warc.gz".count)) + ".cdxj", encoding: .utf8)
    }.joined()
    let postLines = cdxj.split(separator: "\n").filter { $0.contains("__wb_method=post&") }
    #expect(postLines.count == 2, "\(postLines)")
    #expect(postLines.allSatisfy { $0.contains("\"method\": \"POST\"") }, "\(postLines)")
    // The POST and the GET of the same URL are captures apart, the POST under its key.
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    let captures = try frontier.captures().filter { $0.recordType == "response" }
    let postKeys = captures.map(\.url).filter(RequestKey.isPost)
    #expect(postKeys.count == 2)
    let shared = postKeys.map(RequestKey.url(of:)).filter { url in
      captures.contains { $0.url == url }
    }
    #expect(shared.count == 1, "the GET of a POST's URL is not a capture of its own")
    for key in postKeys { #expect(try frontier.record(for: key)?.state == .done) }
    // A JCMS record only a POST answer names is an article.
    #expect(try frontier.record(for: server.baseURL + Self.art("jc_5"))?.kind == .article)
  }

  @Test func configKeysAreReadAndRangeChecked() throws {
    #expect(CrawlConfig().scriptPagination && CrawlConfig().scriptPaginationMaxPages == 1000)
    let c = try CrawlConfig.parse(
      "[scope]\nscript_pagination = false\nscript_pagination_max_pages = 7\n", file: "t.conf")
    #expect(!c.scriptPagination && c.scriptPaginationMaxPages == 7)
    for bad in ["0", "1000001", "\"x\""] {
      #expect(throws: (any Error).self) {
        try CrawlConfig.parse("[scope]\nscript_pagination_max_pages = \(bad)\n", file: "t.conf")
      }
    }
    do {
      _ = try CrawlConfig.parse("[scope]\nscript_pagination_max_pages = 0\n", file: "t.conf")
    } catch {
      #expect("\(error)".contains("scope.script_pagination_max_pages"))
    }
  }

  @Test func offFollowsOnlyLinks() async throws {
    let server = try Self.server()
    defer { server.stop() }
    let dir = try TemporaryDirectory()
    var config = CrawlEndToEndTests.config(archive: dir.path, seed: server.baseURL + "/")
    config.scriptPagination = false
    _ = try await CrawlEndToEndTests.crawl(config)
    let targets = Set(server.receivedRequests.map(\.target))
    #expect(Self.posts(server.receivedRequests).isEmpty)
    #expect(!targets.contains("/trs/index_1.htm") && !targets.contains("/cnt/index_1.htm"))
    #expect(!targets.contains(Self.art("jc_1")))
    #expect(targets.contains(Self.art("trs_0")))
  }

  /// As if killed -9 after the archive was written and fsync'd but before the state commit: the
  /// captures from the first POST on are lost from the state and the run is unfinished. The
  /// resumed run adopts them from the archive's tail: no POST is sent again.
  @Test func aResumedRunDoesNotRepeatAnArchivedPost() async throws {
    let server = try Self.server()
    defer { server.stop() }
    let dir = try TemporaryDirectory()
    let config = CrawlEndToEndTests.config(archive: dir.path, seed: server.baseURL + "/")
    let first = try await CrawlEndToEndTests.crawl(config)
    #expect(first.outcome == .completed)
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    let all = try frontier.captures().map(\.url)
    let firstPost = try #require(all.firstIndex(where: RequestKey.isPost))
    let lost = Array(Set(all[firstPost...]))
    try CrawlEndToEndTests.forgetCommit(of: lost, runID: first.runID, in: frontier)
    let before = server.receivedRequests.count

    let second = try await CrawlEndToEndTests.crawl(config)
    #expect(second.resumed)
    #expect(second.outcome == .completed)
    let again = Self.posts(Array(server.receivedRequests.dropFirst(before)))
    #expect(again.isEmpty, "POSTs sent again after the resume: \(again)")
    for key in lost where RequestKey.isPost(key) {
      #expect(try !frontier.captures(of: key).isEmpty, "\(key) has no capture after resume")
      #expect(try frontier.record(for: key)?.state == .done)
    }
  }
}
