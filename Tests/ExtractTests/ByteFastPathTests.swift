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
}
