import Testing

@testable import HTML

/// `HTMLDocument.isValidUTF8` agrees with the standard library's notion of valid UTF-8.
struct UTF8ValidationTests {
  static let cases: [[UInt8]] = [
    [], Array("plain ascii text, longer than eight bytes".utf8), Array("中文标题——新闻".utf8),
    Array("emoji 😀 and é".utf8),
    [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
    [0xED, 0x9F, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
    [0xF4, 0x8F, 0xBF, 0xBF],
    [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xE4, 0xB8], Array("abcdefgh".utf8) + [0xE4, 0xB8],
    Array("abcdefg".utf8) + [0xC3, 0xA9] + Array("abcdefgh".utf8), [0xE4, 0x41, 0x80],
  ]

  @Test(arguments: cases)
  func agreesWithTheStandardLibrary(_ bytes: [UInt8]) {
    let expected = String(validating: bytes, as: UTF8.self) != nil
    let got = bytes.withUnsafeBufferPointer { HTMLDocument.isValidUTF8($0) }
    #expect(got == expected)
  }

  @Test func invalidBytesAreRepairedBeforeParsing() {
    let doc = HTMLDocument(utf8: Array("<p>a".utf8) + [0xFF] + Array("b</p>".utf8), url: nil)
    #expect(doc.body?.textContent == "a\u{FFFD}b")
  }
}
