import Foundation
import Testing

@testable import Charset

/// Detection order, mislabelled pages and U+FFFD counting, on fixtures built with CharsetEncoder.
@Suite struct CharsetDetectorTests {
  static let gbkOnly = "镕 堃 喆 珺 玥 昇 ·"
  static let body = "<p>国务院办公厅关于印发政府信息公开工作要点的通知 \(gbkOnly)</p>"

  static func html(meta: String) -> String {
    "<html><head>\(meta)<title>通知</title></head><body>\(body)</body></html>"
  }

  /// Found by fuzz-charset: glibc's CP949 rejects the last sequence with no input left, and the
  /// skip-one-byte rule made the count negative (iconv then read past the buffer; ASan:
  /// negative-size-param).
  @Test func eucKRRejectingTheLastBytesStaysInTheInput() throws {
    let bytes = try #require(
      Data(base64Encoded: "PK0pra2tPDxi75x+Pjx0YWJ1dWgwra2tCQkMCT7lnY/prSzprZ1+oug="))
    for trailing in 0...3 {
      let input = [UInt8](bytes) + [UInt8](repeating: 0xE8, count: trailing)
      let d = CharsetDetector.decode(input, as: "euc-kr")
      #expect(d.replacements > 0)
      #expect(d.replacements <= input.count)
      #expect(d.text.unicodeScalars.count <= input.count)
      #expect(d.text.hasPrefix("<\u{FFFD})"))
      if trailing == 0 { #expect(d.text.hasSuffix("\u{FFFD}")) }
    }
  }

  @Test func gbkPageLabelledGB2312InHeaderKeepsGBKOnlyCharacters() throws {
    let bytes = try CharsetEncoder.encode(
      Self.html(meta: "<meta charset=\"gb2312\">"), to: "GB18030")
    let page = CharsetDetector.decode(bytes, contentType: "text/html; charset=gb2312")
    #expect(page.charset == "gb18030")
    #expect(page.source == .header)
    #expect(page.replacements == 0)
    #expect(page.text.contains(Self.gbkOnly))
  }

  @Test func gbkPageLabelledOnlyInMeta() throws {
    let html = Self.html(
      meta: "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />")
    let bytes = try CharsetEncoder.encode(html, to: "GB18030")
    let page = CharsetDetector.decode(bytes, contentType: "text/html")
    #expect(page.charset == "gb18030")
    #expect(page.source == .meta)
    #expect(page.text == html)
  }

  @Test func gb18030FourByteCharacters() throws {
    let html = Self.html(meta: "<meta charset=gb18030>") + "𠀀 㐀 \u{E5E5} 😀"
    let bytes = try CharsetEncoder.encode(html, to: "GB18030")
    #expect(bytes.count > 0)
    let page = CharsetDetector.decode(bytes, contentType: nil)
    #expect(page.source == .meta)
    #expect(page.text == html)
    #expect(page.replacements == 0)
  }

  @Test func big5Page() throws {
    let html = "<meta charset=big5><p>中華民國政府公報 臺灣</p>"
    let bytes = try CharsetEncoder.encode(html, to: "BIG5")
    let page = CharsetDetector.decode(bytes, contentType: nil)
    #expect(page.charset == "big5")
    #expect(page.source == .meta)
    #expect(page.text == html)
  }

  @Test func utf8WithBOMWinsOverHeader() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<p>通知</p>".utf8)
    let page = CharsetDetector.decode(bytes, contentType: "text/html; charset=gbk")
    #expect(page.charset == "utf-8")
    #expect(page.source == .bom)
    #expect(page.text == "<p>通知</p>")
  }

  @Test func utf16LEWithBOM() throws {
    let text = "<p>通知 𠀀</p>"
    let bytes: [UInt8] = [0xFF, 0xFE] + (try CharsetEncoder.encode(text, to: "UTF-16LE"))
    let page = CharsetDetector.decode(bytes, contentType: "text/html; charset=gb2312")
    #expect(page.charset == "utf-16le")
    #expect(page.source == .bom)
    #expect(page.text == text)
    #expect(page.replacements == 0)
  }

  @Test func utf16BEWithBOMAndOddTrailingByte() throws {
    let bytes: [UInt8] = [0xFE, 0xFF] + (try CharsetEncoder.encode("通知", to: "UTF-16BE")) + [0x41]
    let page = CharsetDetector.decode(bytes, contentType: nil)
    #expect(page.charset == "utf-16be")
    #expect(page.text == "通知\u{FFFD}")
    #expect(page.replacements == 1)
  }

  @Test func utf8PageLabelledGB2312IsSniffedAsUTF8() {
    let html = Self.html(meta: "<meta charset=gb2312>")
    let page = CharsetDetector.decode(Array(html.utf8), contentType: "text/html; charset=gb2312")
    #expect(page.charset == "utf-8")
    #expect(page.source == .sniffed)
    #expect(page.text == html)
  }

  @Test func shortUTF8LabelledGBKThatIsNotValidGBIsUTF8() {
    // "通知书" in UTF-8 is 9 bytes; the last one pairs with '<', which is no GB trail byte.
    let html = "<p>通知书</p>"
    let page = CharsetDetector.decode(Array(html.utf8), contentType: "text/html; charset=gbk")
    #expect(page.charset == "utf-8")
    #expect(page.source == .sniffed)
    #expect(page.text == html)
    // "通知" (6 bytes) also reads as clean GB: too short to overrule the label.
    let ambiguous = CharsetDetector.decode(Array("<p>通知</p>".utf8), contentType: "charset=gbk")
    #expect(ambiguous.charset == "gb18030")
    #expect(ambiguous.source == .header)
  }

  @Test func gbkPageLabelledUTF8IsSniffedAsGB18030() throws {
    let html = Self.html(meta: "<meta charset=utf-8>")
    let bytes = try CharsetEncoder.encode(html, to: "GB18030")
    let page = CharsetDetector.decode(bytes, contentType: "text/html; charset=UTF-8")
    #expect(page.charset == "gb18030")
    #expect(page.source == .sniffed)
    #expect(page.text == html)
    #expect(page.replacements == 0)
  }

  @Test func utf8PageWithATruncatedCharacterStaysUTF8() {
    let text = String(repeating: "政府信息公开", count: 20)
    var bytes = Array("<p>\(text)".utf8)
    bytes += [0xE4, 0xB8]  // truncated 3-byte sequence at the end
    let page = CharsetDetector.decode(bytes, contentType: "text/html; charset=utf-8")
    #expect(page.charset == "utf-8")
    #expect(page.source == .header)
    #expect(page.replacements == 2)
    #expect(page.text == "<p>\(text)\u{FFFD}\u{FFFD}")
  }

  @Test func unlabelledPagesAreSniffed() throws {
    let html = "<p>\(Self.body)</p>"
    let utf8 = CharsetDetector.decode(Array(html.utf8), contentType: nil)
    #expect(utf8.charset == "utf-8")
    #expect(utf8.source == .sniffed)

    let gb = CharsetDetector.decode(
      try CharsetEncoder.encode(html, to: "GB18030"), contentType: nil)
    #expect(gb.charset == "gb18030")
    #expect(gb.source == .sniffed)
    #expect(gb.text == html)

    let latin = CharsetDetector.decode(
      try CharsetEncoder.encode("café, naïve. Œuvre! Ça? €5", to: "CP1252"), contentType: nil)
    #expect(latin.charset == "windows-1252")
    #expect(latin.text == "café, naïve. Œuvre! Ça? €5")

    let ascii = CharsetDetector.decode(Array("<p>plain</p>".utf8), contentType: nil)
    #expect(ascii.charset == "utf-8")
    #expect(ascii.source == .default)
    #expect(CharsetDetector.decode([], contentType: nil).text == "")
  }

  @Test func overrideWinsOverEverything() throws {
    let bytes = try CharsetEncoder.encode("<meta charset=utf-8><p>通知</p>", to: "GB18030")
    let page = CharsetDetector.decode(
      bytes, contentType: "text/html; charset=utf-8", override: "GBK")
    #expect(page.charset == "gb18030")
    #expect(page.source == .header)
    #expect(page.text == "<meta charset=utf-8><p>通知</p>")
    // Unknown override labels are ignored.
    let ignored = CharsetDetector.decode(bytes, contentType: nil, override: "no-such-charset")
    #expect(ignored.source == .meta || ignored.source == .sniffed)
  }

  @Test func invalidGBBytesBecomeOneReplacementPerByte() throws {
    var bytes = try CharsetEncoder.encode("<p>通知", to: "GB18030")
    bytes += [0xFF, 0x41, 0x80]  // lone 0xFF, 'A', lone 0x80
    bytes += [0xB0]  // truncated lead byte at the end
    let page = CharsetDetector.decode(bytes, contentType: "text/html; charset=gb2312")
    #expect(page.charset == "gb18030")
    #expect(page.text == "<p>通知\u{FFFD}A\u{FFFD}\u{FFFD}")
    #expect(page.replacements == 3)
  }

  @Test func invalidUTF8BytesCountOnePerByte() {
    let bytes: [UInt8] =
      Array("ok ".utf8) + [0xFF] + Array(" 中".utf8) + [0xC0, 0xAF, 0xED, 0xA0, 0x80]
    let page = CharsetDetector.decode(bytes, contentType: nil, override: "utf-8")
    #expect(page.text == "ok \u{FFFD} 中" + String(repeating: "\u{FFFD}", count: 5))
    #expect(page.replacements == 6)
  }

  @Test func legacyEncodingsThroughIconv() throws {
    let cases: [(String, String, String)] = [
      ("koi8-r", "KOI8-R", "Правительство"),
      ("shift_jis", "CP932", "日本語のテキスト"),
      ("euc-kr", "CP949", "대한민국 정부"),
      ("windows-1251", "CP1251", "Новости"),
      ("iso-8859-2", "ISO-8859-2", "Zażółć gęślą jaźń"),
      ("euc-jp", "EUC-JP", "日本語"),
    ]
    for (label, iconvName, text) in cases {
      let bytes = try CharsetEncoder.encode(text, to: iconvName)
      let page = CharsetDetector.decode(bytes, contentType: "text/html; charset=\(label)")
      #expect(page.charset == label)
      #expect(page.text == text, "\(label)")
      #expect(page.replacements == 0)
    }
  }

  @Test func utf8PageWithStaleLatin1MetaIsUTF8() {
    let html = "<meta charset=iso-8859-1><p>\(Self.body)</p>"
    let page = CharsetDetector.decode(Array(html.utf8), contentType: nil)
    #expect(page.charset == "utf-8")
    #expect(page.source == .sniffed)
  }

  @Test func windows1252C1BytesFollowWHATWG() {
    let page = CharsetDetector.decode(
      [0x80, 0x81, 0x9F, 0xE9], contentType: nil, override: "latin1")
    #expect(page.charset == "windows-1252")
    #expect(page.text == "€\u{81}Ÿé")
    #expect(page.replacements == 0)
  }

  @Test func unknownHeaderLabelFallsThroughToMeta() throws {
    let bytes = try CharsetEncoder.encode(Self.html(meta: "<meta charset=gbk>"), to: "GB18030")
    let page = CharsetDetector.decode(bytes, contentType: "text/html; charset=none")
    #expect(page.charset == "gb18030")
    #expect(page.source == .meta)
  }

  @Test func headerUTF16WithoutNULsIsIgnored() {
    let html = "<p>\(Self.body)</p>"
    let page = CharsetDetector.decode(Array(html.utf8), contentType: "text/html; charset=utf-16")
    #expect(page.charset == "utf-8")
    #expect(page.source == .sniffed)
    #expect(page.text == html)
  }

  @Test func decodeAsNamedEncoding() throws {
    let bytes = try CharsetEncoder.encode("政府", to: "GB18030")
    #expect(CharsetDetector.decode(bytes, as: "gb18030").text == "政府")
    #expect(CharsetDetector.decode(Array("é".utf8), as: "utf-8").text == "é")
  }
}
