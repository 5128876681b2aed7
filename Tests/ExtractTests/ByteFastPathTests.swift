import Testing

@testable import Extract

/// The byte-level fast paths give exactly what the Character-level code they shortcut gives.
struct ByteFastPathTests {
  static let classValues = [
    "", " ", "a", "a b", "  a\tb  ", "a\nb", "a\rb", "a\r\nb", "\r\n", "a \r\n b", "\r\na", "a\r",
    "x\n\ry", "content main-body  zw",
  ]

  @Test(arguments: classValues)
  func classSplitMatchesCharacterSplit(_ value: String) {
    let expected = value.split(whereSeparator: {
      $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r"
    })
    #expect(ElementAttributes.ClassFacts.splitASCII(value) == expected)
  }

  static let styles = [
    "display:none", "DISPLAY : NONE ;color:#fff", "\ncolor: red", "\r\ncolor: red\r\n",
    "color:red\n", "background: #000 url(x.png)", "font-size:0px;opacity:0", "left:-9999px",
    "color : red !important", "x:y;;display:block", "\r\r\ncolor:blue",
  ]

  @Test(arguments: styles)
  func asciiStyleParseMatchesGeneralParse(_ text: String) {
    var general = InlineStyle()
    for decl in text.split(separator: ";") {
      guard let colon = decl.firstIndex(of: ":") else { continue }
      let name = decl[..<colon].trimming(" \t\r\n").lowercased()
      general.apply(name: name, rawValue: decl[decl.index(after: colon)...])
    }
    #expect(InlineStyle(text) == general)
  }

  /// Declarations replayed from a sheet's shared effects give what applying them gives, in any
  /// order and after any earlier declarations of the same style.
  @Test func sharedDeclarationEffectsMatchApplying() {
    var effects: [UInt64: InlineStyle] = [:]
    let blocks = [
      "display:block;display:none", "display:none;display:block", "color:#fff;color:transparent",
      "color:bogus", "background:url(x.png)", "background-color:#000;background:none",
      "visibility:visible;visibility:hidden", "left:0;left:-9999px", "display:block",
      "opacity:0.5;font-size:12px", "display:none",
    ]
    // Twice: the second round replays every declaration from the cache.
    for text in blocks + blocks.reversed() + blocks {
      #expect(InlineStyle(text, effects: &effects) == InlineStyle(text))
      var general = InlineStyle()
      for decl in text.split(separator: ";") {
        guard let colon = decl.firstIndex(of: ":") else { continue }
        general.apply(name: String(decl[..<colon]), rawValue: decl[decl.index(after: colon)...])
      }
      #expect(InlineStyle(text, effects: &effects) == general)
    }
    #expect(!effects.isEmpty)
  }
}
