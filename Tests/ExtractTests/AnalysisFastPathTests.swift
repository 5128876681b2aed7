import Testing

@testable import Extract

/// The byte-level fast paths of the article analysis give what the String code they shortcut
/// gives, including on text that is not plain (canonical equivalents, combining marks, CR LF).
struct AnalysisFastPathTests {
  static let texts = [
    "", "a", "收藏", "评论（12）", "赞 85", "QQ空间", "+1", "返回首页", "新闻中心", "一二三", "收藏\u{301}",
    "\u{F900}", "\u{8C48}", "·", "\u{387}", "é", "e\u{301}", "a\r\nb", "第一句。“引号”…", "１２３４年",
    "ｗｗｗ", "\u{3000}空格", "カ\u{3099}", "ガ", "_标题_", "—标题—", "標題\u{FE0F}",
  ]

  /// A String's bytes, for the buffer-taking functions.
  static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    var s = s
    return s.withUTF8 { body($0) }
  }

  @Test func plainTextComparesAsBytes() {
    for a in Self.texts {
      for b in Self.texts {
        let title = NormalizedText(a)
        Self.withBytes(b) { bytes in
          let block = NormalizedText.Block(bytes: bytes)
          #expect(title.equals(block) == (a == b), "\(a) == \(b)")
          if !b.isEmpty {
            #expect(title.hasPrefix(block) == a.hasPrefix(b), "\(a) hasPrefix \(b)")
          }
        }
      }
    }
  }

  @Test func plainRecognisesOnlyTheSafeScalars() {
    #expect(PlainUTF8.isPlain("新闻中心：“第一句”，１２３。—·"))
    for s in ["é", "e\u{301}", "\u{F900}", "\u{387}", "a\rb", "カ\u{3099}", "ガ", "\u{302A}"] {
      #expect(!PlainUTF8.isPlain(s), "\(s)")
    }
  }

  @Test func buttonLinesOnBytesMatchTheStringTest() {
    let lines = Self.texts + ["收藏 3", "【打印】", "评论(0)", "转发 12", "点赞【5】", "微信 二", "大"]
    for line in lines where line.unicodeScalars.count <= 10 {
      Self.withBytes(line) { b in
        if PlainUTF8.isPlain(b) {
          #expect(TextRules.isPlainButtonLine(b) == TextRules.isButtonLine(b), "\(line)")
        }
      }
    }
  }

  @Test func trimmingOnBytesMatchesCharacterTrimming() {
    let set = "_|｜-－—–·:： "
    for s in Self.texts + ["__标题__", "：", "·\u{301}标题", " 某某网 ", "—"] {
      let expected: String
      if let start = s.firstIndex(where: { !set.contains($0) }),
        let end = s.lastIndex(where: { !set.contains($0) })
      {
        expected = String(s[start...end])
      } else {
        expected = ""
      }
      #expect(s.trimming(set) == expected, "\(s)")
    }
  }

  @Test func datePreCheckNeverHidesADate() {
    for s in [
      "2009-05-15", "时间：2009年5月15日", "２００９－０５－１５", "点击：12345", "电话010-63085539",
      "12345", "20090-05-15", "2009", "abc2009/1/2", "发布于 2009.5.1 10:00", "x\u{FFFD}2009-1-1",
    ] {
      let found = DateScanner.firstDate(in: Array(s.unicodeScalars)) != nil
      let may = Self.withBytes(s) { DateScanner.mayHoldDate($0) }
      #expect(!found || may, "\(s)")
    }
  }

  @Test func phraseMatcherFindsTheFirstGivenPhraseAtTheFirstPosition() {
    let m = PhraseMatcher(["来源：", "来源", "作者：", "www.", "𠀀字"])
    #expect(Self.withBytes("文章来源：新华社") { m.firstMatch(in: $0)?.offset } == 6)
    #expect(Self.withBytes("文章来源：新华社") { m.firstMatch(in: $0)?.length } == 9)
    #expect(Self.withBytes("来源新华社") { m.firstMatch(in: $0)?.length } == 6)
    #expect(m.matches("见 www.example.com"))
    #expect(m.matches("古𠀀字"))
    #expect(!m.matches("来自新华社"))
    #expect(!m.matches(""))
  }

  @Test func substringSearchOnBytes() {
    #expect(utf8Contains("某某网报道", "某某网"))
    #expect(utf8Contains("abc", ""))
    #expect(!utf8Contains("", "a"))
    #expect(!utf8Contains("某某", "某某网"))
    let raw = "标题_栏目_某某网"
    #expect(utf8Range(of: "_", in: raw, last: true).map { String(raw[$0.upperBound...]) } == "某某网")
    #expect(utf8Range(of: "_", in: raw).map { String(raw[..<$0.lowerBound]) } == "标题")
    #expect(utf8Range(of: "", in: raw) == nil)
  }
}
