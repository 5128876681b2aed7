import Frontier
import Testing

@testable import Crawl

@Suite struct PaginationRuleTests {
  func page(_ url: String, kind: URLKind = .page) -> URLRecord {
    URLRecord(url: url, host: "h.cn", kind: kind, runID: 1)
  }

  @Test func listPagesOfOneChannelArePaginationHops() {
    let list = page("http://h.cn/news/index.html")
    #expect(PaginationRule.isPaginationHop(from: list, to: "http://h.cn/news/index_7.html"))
    #expect(
      PaginationRule.isPaginationHop(
        from: page("http://h.cn/news/index_3.html"), to: "http://h.cn/news/index.html"))
    #expect(
      PaginationRule.isPaginationHop(
        from: page("http://h.cn/col/list.jsp?page=1"), to: "http://h.cn/col/list.jsp?page=2"))
  }

  @Test func contentHopsAddDepth() {
    let list = page("http://h.cn/news/index.html")
    #expect(!PaginationRule.isPaginationHop(from: list, to: "http://h.cn/news/200901/t1.htm"))
    #expect(!PaginationRule.isPaginationHop(from: list, to: "http://h.cn/sports/index_2.html"))
    #expect(!PaginationRule.isPaginationHop(from: list, to: "http://h.cn/news/about.html"))
    let article = page("http://h.cn/news/a_1.htm", kind: .article)
    #expect(!PaginationRule.isPaginationHop(from: article, to: "http://h.cn/news/a_2.htm"))
  }
}

@Suite struct WorkingSetTests {
  @Test func recordsLeaveWhenCommittedAndNotInFlight() {
    let set = WorkingSet(seenCapacity: 2)
    let r = URLRecord(url: "http://h.cn/a", host: "h.cn", runID: 1)
    set.stage(r)
    set.stage(r)
    set.startFlight(r)
    set.committed([r.url])
    #expect(set.record(r.url) != nil)
    set.committed([r.url])
    #expect(set.record(r.url) != nil)  // still in flight
    set.endFlight(r.url)
    #expect(set.record(r.url) == nil)
    #expect(set.overlayCount == 0)
  }

  @Test func seenCacheIsBounded() {
    let set = WorkingSet(seenCapacity: 2)
    for i in 0..<5 { set.markSeen("u\(i)") }
    #expect(set.isSeen("u4"))
    #expect(set.isSeen("u3"))
    #expect(!set.isSeen("u0"))
  }
}
