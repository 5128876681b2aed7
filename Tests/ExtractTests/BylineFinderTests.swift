import Testing

@testable import Extract

/// Bylines and dates as portals write them (the failure classes of issue 12's real pages).
@Suite struct BylineFinderTests {
  static func scalars(_ lines: [String]) -> [[Unicode.Scalar]] { lines.map { Array($0.unicodeScalars) } }

  @Test(arguments: [
    (["作者：余毅菁 向雪妮"], [String](), [String](), "余毅菁 向雪妮"),
    (["发表于2014-08-24 21:30| 来源CSDN| 作者魏星"], [], [], "魏星"),
    (["【文/观察者网专栏作者 王文】"], [], [], "王文"),
    ([], ["澎湃新闻记者 段彦超 廖艳", "正文第一段很长的内容在这里。"], [], "段彦超 廖艳"),
    ([], ["新京报讯（记者 陆一夫）11月25日，新京报记者登录拼多多全球购页面发现，亚马逊海外购与拼多多达成合作，前者的海外购商品已登陆。"], [], "陆一夫"),
    ([], [], ["扬子晚报记者 张楠"], "张楠"),
    ([], [], ["采写：南都见习记者 林子沛"], "林子沛"),
    ([], [], ["《棱镜》作者 周纯"], "周纯"),
    (["本报记者 甲乙丙 通讯员 丁戊"], [], [], "甲乙丙"),
    (["时间：2009年05月15日 作者：孙八 点击：123"], [], [], "孙八"),
  ])
  func bylines(zone: [String], head: [String], tail: [String], author: String) {
    let found = BylineFinder.author(
      zone: Self.scalars(zone), head: Self.scalars(head), tail: Self.scalars(tail), metas: [:])
    #expect(found == author)
  }

  @Test func noNameIsNoAuthor() {
    for line in ["作者：size=\"20\"", "记者：你怎么看？", "作者：网络整理", "作者：佚名"] {
      #expect(BylineFinder.author(zone: Self.scalars([line]), head: [], tail: [], metas: [:]) == "", "\(line)")
    }
    // A body sentence that only mentions a reporter is no byline.
    let sentence = "本文图片除特别标注外，均为澎湃新闻记者段彦超 图"
    #expect(BylineFinder.author(zone: [], head: Self.scalars([sentence]), tail: [], metas: [:]) == "")
  }

  @Test func metaAuthorWhenThePageWritesNone() {
    #expect(BylineFinder.author(zone: [], head: [], tail: [], metas: ["author": "kingname"]) == "kingname")
    #expect(BylineFinder.author(zone: [], head: [], tail: [], metas: ["author": "新浪网"]) == "")
  }

  @Test func datesAsWritten() {
    func published(_ zone: [String], metas: [String: String] = [:], tail: [String] = []) -> String {
      MetadataFinder.find(zone: zone, tail: tail, metas: metas).published
    }
    // The page's own date wins over page metadata (which may be another time or zone).
    #expect(published(["2019年06月15日08:18 来源：人民网"], metas: ["publishdate": "2019-06-15"]) == "2019-06-15T08:18")
    #expect(published(["发布时间：18-03-08 23:16"]) == "2018-03-08T23:16")
    #expect(published(["发表于 2014-08-24 21:30"]) == "2014-08-24T21:30")
    // A publication label beats a last-updated one written first.
    #expect(published(["最后更新: 2019-09-07 09:27 发布时间：2019-09-07 09:25:09"]) == "2019-09-07T09:25")
    #expect(published(["版本：1998-3"]) == "1998-03")
    #expect(published([], metas: ["apub:time": "2019-9-7 21:30:50"]) == "2019-09-07T21:30")
    #expect(published([], metas: ["lastmodifiedtime": "2019-9-7 21:30:50"]) == "")
    #expect(published([], tail: ["来源：当代商报 时间：2019-09-23 14:34:05"]) == "2019-09-23T14:34")
  }
}
