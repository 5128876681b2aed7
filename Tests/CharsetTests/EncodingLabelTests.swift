import Testing

@testable import Charset

@Suite struct EncodingLabelTests {
  @Test func gbLabelsMapToGB18030() {
    for label in [
      "gb2312", "GBK", "x-gbk", "gb_2312-80", "gb_2312", "chinese", "csgb2312", "csiso58gb231280",
      "iso-ir-58", "GB18030", " gb2312\n",
    ] {
      #expect(EncodingLabel.canonical(label) == "gb18030", "\(label)")
    }
  }

  @Test func whatwgLabels() {
    let expected: [String: String] = [
      "big5": "big5", "big5-hkscs": "big5", "cn-big5": "big5", "csbig5": "big5",
      "x-x-big5": "big5", "utf-8": "utf-8", "UTF8": "utf-8", "unicode-1-1-utf-8": "utf-8",
      "utf-16": "utf-16le", "utf-16le": "utf-16le", "utf-16be": "utf-16be",
      "iso-8859-1": "windows-1252", "latin1": "windows-1252", "ascii": "windows-1252",
      "us-ascii": "windows-1252", "windows-1250": "windows-1250", "windows-1258": "windows-1258",
      "iso-8859-2": "iso-8859-2", "iso-8859-16": "iso-8859-16", "iso-8859-9": "windows-1254",
      "koi8-r": "koi8-r", "shift_jis": "shift_jis", "sjis": "shift_jis", "euc-jp": "euc-jp",
      "euc-kr": "euc-kr", "ks_c_5601-1987": "euc-kr",
    ]
    for (label, name) in expected {
      #expect(EncodingLabel.canonical(label) == name, "\(label)")
    }
  }

  @Test func unknownLabels() {
    for label in ["", "  ", "utf-7", "gb 2312", "x-user-defined", "中文"] {
      #expect(EncodingLabel.canonical(label) == nil, "\(label)")
    }
  }

  @Test func everyIconvBackedEncodingOpens() {
    for (name, _) in EncodingLabel.table {
      guard let iconvName = EncodingLabel.iconvName(forCanonical: name) else { continue }
      #expect(IconvDecoder.decode(Array("abc".utf8), from: iconvName)?.text == "abc", "\(name)")
    }
  }
}
