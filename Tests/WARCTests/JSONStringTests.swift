import Foundation
import Testing

@testable import WARC

/// The one JSON string escaper: what it escapes, in both modes, and that its output parses back.
@Suite struct JSONStringTests {
  /// Parses a JSON string literal back with Foundation.
  func decoded(_ literal: String) throws -> String? {
    let data = Data("[\(literal)]".utf8)
    return try (JSONSerialization.jsonObject(with: data) as? [String])?.first
  }

  @Test func controlCharacters() throws {
    #expect(JSONString.quoted("a\nb\rc\td") == #""a\nb\rc\td""#)
    #expect(JSONString.quoted("\u{8}\u{c}") == #""\b\f""#)
    #expect(JSONString.quoted("\u{0}\u{1}\u{1f}") == #""\u0000\u0001\u001f""#)
    // DEL is not a JSON control: kept in UTF-8 mode, \u007f in ASCII mode (as Python).
    #expect(JSONString.quoted("\u{7f}") == "\"\u{7f}\"")
    #expect(JSONString.quoted("\u{7f}", asciiOnly: true) == #""\u007f""#)
    let all = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
    #expect(try decoded(JSONString.quoted(all)) == all)
  }

  @Test func quotesAndBackslash() throws {
    #expect(JSONString.quoted(#"say "hi" \ end\"#) == #""say \"hi\" \\ end\\""#)
    #expect(JSONString.quoted("\\\"") == #""\\\"""#)
    #expect(try decoded(JSONString.quoted("\\\\\"\"")) == "\\\\\"\"")
  }

  @Test func nonASCIIKeptAsUTF8() throws {
    let s = "国务院办公厅关于印发 “通知” 😀 é"
    #expect(JSONString.quoted(s) == "\"\(s)\"")
    #expect(try decoded(JSONString.quoted(s)) == s)
  }

  @Test func asciiModeAsPythonJSONDumps() throws {
    // json.dumps("中文😀é") == '"\\u4e2d\\u6587\\ud83d\\ude00\\u00e9"'
    #expect(JSONString.quoted("中文😀é", asciiOnly: true) == #""\u4e2d\u6587\ud83d\ude00\u00e9""#)
    #expect(JSONString.quoted("http://a/b?q=1", asciiOnly: true) == #""http://a/b?q=1""#)
    #expect(CDXJEntry.jsonString("路径/\"x\"") == #""\u8def\u5f84/\"x\"""#)
  }

  @Test func lineSeparatorsEscaped() throws {
    let s = "a\u{2028}b\u{2029}c"
    #expect(JSONString.quoted(s) == #""a\u2028b\u2029c""#)
    #expect(JSONString.quoted(s, asciiOnly: true) == #""a\u2028b\u2029c""#)
    #expect(try decoded(JSONString.quoted(s)) == s)
    // Other scalars with the same lead byte 0xE2 stay as they are.
    #expect(JSONString.quoted("“”…") == "\"“”…\"")
  }

  @Test func invalidUTF8BecomesReplacementCharacter() throws {
    var out: [UInt8] = []
    JSONString.append(utf8: [0x61, 0xFF, 0x62, 0xE4, 0xB8, 0x22], to: &out)
    let text = String(decoding: out, as: UTF8.self)
    #expect(text == "\"a\u{FFFD}b\u{FFFD}\\\"\"")
    #expect(try decoded(text) == "a\u{FFFD}b\u{FFFD}\"")
    var ascii: [UInt8] = []
    JSONString.append(utf8: [0xC0, 0x41], asciiOnly: true, to: &ascii)
    #expect(String(decoding: ascii, as: UTF8.self) == #""\ufffdA""#)
  }

  @Test func bytesAndTextAgreeOnLongMixedInput() throws {
    // Long enough for the eight-bytes-at-a-time scan, with specials at every alignment.
    var s = ""
    for i in 0..<200 {
      s += String(repeating: "x", count: i % 11) + ["\"", "\\", "\n", "中", "\u{2028}", "\u{1}"][i % 6]
    }
    for ascii in [false, true] {
      var bytes: [UInt8] = []
      JSONString.append(s, asciiOnly: ascii, to: &bytes)
      var text = ""
      JSONString.append(s, asciiOnly: ascii, to: &text)
      #expect(String(decoding: bytes, as: UTF8.self) == text)
      #expect(try decoded(text) == s)
    }
  }
}
