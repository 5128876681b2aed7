import Foundation
import Frontier
import Testing
import TestSupport

@testable import Crawl

/// A channel whose oldest articles are far more than `max_depth` link hops from the home page
/// (issue 13: "only past 25 list pages"), crawled with the shipped depth: list pages link only
/// the two pages on each side, 首页 and 下一页 (no 尾页), as portals' paginators do, so page n
/// is about n/2 hops away. Pagination hops keep the list page's depth, so every article is
/// archived; a chain of content pages as long is still cut at `max_depth`.
@Suite(.serialized) struct DeepPaginationCrawlTests {
  static let listPages = 64
  static let perPage = 2

  /// The article URL of list page `page`'s `k`th entry (newest first, in dated directories).
  static func articlePath(page: Int, k: Int) -> String {
    let id = 20_000 + page * perPage + k
    return "/xwzx/tpxw/2015\(String(format: "%02d", 6 - min(page / 12, 5)))/t2015_\(id).htm"
  }

  static func listPath(_ page: Int) -> String {
    page == 0 ? "/xwzx/tpxw/index.htm" : "/xwzx/tpxw/index_\(page).htm"
  }

  static func listPage(_ page: Int) -> String {
    var html = "<html><body><ul>"
    for k in 0..<perPage {
      // Relative like TRS writes them: ./201506/t…htm from the channel directory.
      let path = articlePath(page: page, k: k).replacingOccurrences(of: "/xwzx/tpxw/", with: "./")
      html += "<li><a href=\"\(path)\">图片新闻 \(page)-\(k)</a></li>"
    }
    html += "</ul><div class=\"page\"><a href=\"index.htm\">首页</a>"
    for n in max(0, page - 2)...min(listPages - 1, page + 2) where n != page {
      html += "<a href=\"\(n == 0 ? "index.htm" : "index_\(n).htm")\">\(n + 1)</a>"
    }
    if page + 1 < listPages { html += "<a href=\"index_\(page + 1).htm\">下一页</a>" }
    // A chain of content pages as long as the channel: cut at max_depth.
    html += "<a href=\"/zt/\(page).htm\">专题</a></div></body></html>"
    return html
  }

  /// An article whose text is its own (a text every page shares is learned as boilerplate).
  static func article(page: Int, k: Int) -> String {
    let words = Array("春夏秋冬东南西北山水田园城乡江河湖海风雨雷电金木水火土日月星辰")
    var rng = SplitMix64(seed: UInt64(page * 10 + k))
    func sentence() -> String {
      String((0..<24).map { _ in words[Int(rng.next() % UInt64(words.count))] }) + "。"
    }
    let paragraphs = (0..<5).map { _ in "<p>" + (0..<4).map { _ in sentence() }.joined() + "</p>" }
    let title = "图片新闻第\(page)页第\(k)篇"
    return "<html><head><title>\(title)</title></head><body><h1>\(title)</h1>"
      + "<div>发布时间：2015年6月\(k + 1)日</div><div id=\"content\">"
      + paragraphs.joined() + "</div></body></html>"
  }

  static func server() throws -> FetchTestServer {
    try ResolveCrawlTests.virtualHosts { _, _, path in
      if path == "/" {
        return "<html><body><a href=\"/xwzx/tpxw/index.htm\">图片新闻</a>"
          + "<a href=\"/chain/0.htm\">链</a></body></html>"
      }
      for page in 0..<listPages {
        if path == listPath(page) { return listPage(page) }
        for k in 0..<perPage where path == articlePath(page: page, k: k) {
          return article(page: page, k: k)
        }
      }
      if path.hasPrefix("/chain/"), let n = Int(path.dropFirst(7).dropLast(4)) {
        return "<html><body><a href=\"/chain/\(n + 1).htm\">下一个</a></body></html>"
      }
      if path.hasPrefix("/zt/") { return "<html><body>专题</body></html>" }
      return nil
    }
  }

  @Test func shippedDepthReachesTheOldestPageOfALongChannel() async throws {
    let server = try Self.server()
    defer { server.stop() }
    let dir = try TemporaryDirectory()
    let seed = server.baseURL + "/"
    let config = CrawlEndToEndTests.config(archive: dir.path, seed: seed)
    #expect(config.maxDepth == CrawlConfig().maxDepth)
    #expect(CrawlConfig().maxDepth <= 25, "the test must need pagination hops, not a deep limit")
    let summary = try await CrawlEndToEndTests.crawl(config)
    #expect(summary.exitCode == .done, "\(summary.verdict)")
    let fetched = Set(server.receivedRequests.map(\.target))
    for page in 0..<Self.listPages {
      #expect(fetched.contains(Self.listPath(page)), "list page \(page) not fetched")
      for k in 0..<Self.perPage {
        #expect(fetched.contains(Self.articlePath(page: page, k: k)), "article \(page)-\(k)")
      }
    }
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    let oldest = try frontier.record(for: server.baseURL + Self.articlePath(page: 63, k: 1))
    #expect(oldest?.kind == .article && oldest?.state == .done && oldest?.depth == 2, "\(String(describing: oldest))")
    // Content hops still count: the chain stops at max_depth.
    let maxDepth = config.maxDepth
    #expect(fetched.contains("/chain/\(maxDepth - 1).htm"))
    #expect(!fetched.contains("/chain/\(maxDepth).htm"))
    #expect(try frontier.record(for: server.baseURL + "/chain/\(maxDepth).htm")?.reason
      == "too deep")
  }
}
