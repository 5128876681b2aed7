import Testing

@testable import Extract

@Suite struct TextRulesTests {
  @Test(arguments: [
    ("2009-05-15", "2009-05-15"), ("2009/5/15", "2009-05-15"), ("2009.05.15", "2009-05-15"),
    ("2009年5月15日", "2009-05-15"), ("2009-05-15 10:23", "2009-05-15T10:23"),
    ("2009-05-15 10:23:45", "2009-05-15T10:23"), ("2009年05月15日 10时23分", "2009-05-15T10:23"),
    ("2019-09-09T19:32:27+08:00", "2019-09-09T19:32"), ("发布于 2009-5-1", "2009-05-01"),
  ])
  func dateFormats(text: String, iso: String) {
    #expect(DateScanner.firstDate(in: Array(text.unicodeScalars))?.iso == iso)
  }

  @Test(arguments: ["2009-13-15", "20090-05-15", "电话010-63085539", "1-10月", "2009-05"])
  func notDates(text: String) {
    #expect(DateScanner.firstDate(in: Array(text.unicodeScalars)) == nil)
  }

  @Test func siteNameIsStrippedOnlyAsATagOn() {
    let s = WatermarkStripper(configured: [], learned: [], siteName: "某某网")
    #expect(s.strip("会议取得圆满成功。 某某网") == "会议取得圆满成功。")
    #expect(s.strip("会议取得圆满成功。 内容来自某某网") == "会议取得圆满成功。")
    #expect(s.strip("copyright 某某网") == "")
    #expect(s.strip("第一句。 某某网 第二句。") == "第一句。 第二句。")
    #expect(s.strip("某某网是一家综合性网站。") == "某某网是一家综合性网站。")
    #expect(s.strip("记者走进某某网编辑部。") == "记者走进某某网编辑部。")
    #expect(s.strip("第一句。某某网。第二句。") == "第一句。第二句。")
  }

  @Test func siteNameFromEitherEndOfTheTitle() {
    #expect(TitleFinder.siteNameFromTitle(raw: "标题文字_要闻_某某网", title: "标题文字") == "某某网")
    #expect(TitleFinder.siteNameFromTitle(raw: "某某网--标题文字", title: "标题文字") == "某某网")
    #expect(TitleFinder.siteNameFromTitle(raw: "标题文字", title: "标题文字") == nil)
  }

  @Test func learnedPhrasesNeedBordersButConfiguredOnesDoNot() {
    let s = WatermarkStripper(configured: ["XX"], learned: ["视点"], siteName: nil)
    #expect(s.strip("第一句。 视点") == "第一句。")
    #expect(s.strip("这是一个重要视点问题。") == "这是一个重要视点问题。")
    #expect(s.strip("前XX后") == "前后")
  }

  @Test func genericReprintNotes() {
    let s = WatermarkStripper(configured: [], learned: [], siteName: nil)
    #expect(s.strip("第一句。（本文首发于example.com）第二句。") == "第一句。第二句。")
    #expect(s.strip("正文内容到此结束。 转载请注明出处。") == "正文内容到此结束。")
    #expect(s.strip("他说（刘通摄）很好。") == "他说（刘通摄）很好。")
  }

  @Test func furnitureLines() {
    #expect(TextRules.isBoilerplateLine("【打印本页】【关闭窗口】", chars: 12, sentenceEnds: 0))
    #expect(TextRules.isBoilerplateLine("首页 > 新闻中心 > 正文", chars: 11, sentenceEnds: 0))
    #expect(TextRules.isBoilerplateLine("版权所有：某某网 京ICP备05012345号", chars: 24, sentenceEnds: 0))
    #expect(
      !TextRules.isBoilerplateLine(
        "会议认为，版权所有人的合法权益应当受到保护，各方必须遵守相关法律法规，不得侵犯他人著作权。这是一项长期任务。", chars: 56, sentenceEnds: 2))
    #expect(TextRules.isBoilerplateLine("评论（0）", chars: 5, sentenceEnds: 0))
    #expect(TextRules.isBoilerplateLine("赞 85", chars: 3, sentenceEnds: 0))
    #expect(!TextRules.isBoilerplateLine("第二章", chars: 3, sentenceEnds: 0))
    #expect(TextRules.isRelatedHeading("相关链接", chars: 4))
    #expect(TextRules.isMetaLine("来源：新华社 作者：张三", chars: 11))
    #expect(TextRules.isMetaLine("2009-05-15", chars: 10))
  }
}
