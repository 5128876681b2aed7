/// Maps encoding labels to canonical WHATWG encoding names (Encoding Standard, "Names and labels").
///
/// Pure value lookups; thread-safe. One deliberate difference from the standard: every GB label
/// (gb2312, gbk, x-gbk, …) maps to "gb18030", the decoder actually used, because GB18030 is a
/// superset of GBK and GB2312 and pages labelled gb2312 routinely contain GBK-only characters.
/// The "replacement" and "x-user-defined" encodings are not supported and their labels are unknown.
public enum EncodingLabel {
  /// The canonical lower-case encoding name for `label`, or nil when the label is unknown.
  ///
  /// Leading and trailing ASCII whitespace is ignored and matching is case-insensitive, as the
  /// Encoding Standard's "get an encoding" says.
  public static func canonical(_ label: String) -> String? {
    var bytes = Array(label.utf8)
    return canonical(bytes: &bytes)
  }

  /// The iconv name used to decode a canonical encoding, or nil when it is decoded natively.
  static func iconvName(forCanonical name: String) -> String? {
    iconvNames[name]
  }

  /// `canonical(_:)` over raw label bytes (lower-cased in place); avoids a String round trip.
  static func canonical(bytes: inout [UInt8]) -> String? {
    var start = 0
    var end = bytes.count
    while start < end, isASCIIWhitespace(bytes[start]) { start += 1 }
    while end > start, isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
    guard end > start, end - start <= 32 else { return nil }
    var key = ""
    key.reserveCapacity(end - start)
    for i in start..<end {
      var b = bytes[i]
      if b >= 0x41 && b <= 0x5A { b += 0x20 }
      guard b < 0x80 else { return nil }
      key.unicodeScalars.append(Unicode.Scalar(b))
    }
    return labels[key]
  }

  @inline(__always) static func isASCIIWhitespace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D
  }

  /// Canonical name → labels, from the WHATWG Encoding Standard (plus common GB aliases).
  static let table: [(String, [String])] = [
    (
      "utf-8",
      ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]
    ),
    ("ibm866", ["866", "cp866", "csibm866", "ibm866"]),
    (
      "iso-8859-2",
      [
        "csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2",
        "iso_8859-2:1987", "l2", "latin2",
      ]
    ),
    (
      "iso-8859-3",
      [
        "csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3",
        "iso_8859-3:1988", "l3", "latin3",
      ]
    ),
    (
      "iso-8859-4",
      [
        "csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4",
        "iso_8859-4:1988", "l4", "latin4",
      ]
    ),
    (
      "iso-8859-5",
      [
        "csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595",
        "iso_8859-5", "iso_8859-5:1988",
      ]
    ),
    (
      "iso-8859-6",
      [
        "arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114",
        "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596",
        "iso_8859-6", "iso_8859-6:1987",
      ]
    ),
    (
      "iso-8859-7",
      [
        "csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126",
        "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek",
      ]
    ),
    (
      "iso-8859-8",
      [
        "csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138",
        "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual",
      ]
    ),
    ("iso-8859-8-i", ["csiso88598i", "iso-8859-8-i", "logical"]),
    (
      "iso-8859-10",
      ["csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"]
    ),
    ("iso-8859-13", ["iso-8859-13", "iso8859-13", "iso885913"]),
    ("iso-8859-14", ["iso-8859-14", "iso8859-14", "iso885914"]),
    (
      "iso-8859-15",
      ["csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"]
    ),
    ("iso-8859-16", ["iso-8859-16"]),
    ("koi8-r", ["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"]),
    ("koi8-u", ["koi8-ru", "koi8-u"]),
    ("macintosh", ["csmacintosh", "mac", "macintosh", "x-mac-roman"]),
    (
      "windows-874",
      ["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"]
    ),
    ("windows-1250", ["cp1250", "windows-1250", "x-cp1250"]),
    ("windows-1251", ["cp1251", "windows-1251", "x-cp1251"]),
    (
      "windows-1252",
      [
        "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
        "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
        "us-ascii", "windows-1252", "x-cp1252",
      ]
    ),
    ("windows-1253", ["cp1253", "windows-1253", "x-cp1253"]),
    (
      "windows-1254",
      [
        "cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599",
        "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254",
      ]
    ),
    ("windows-1255", ["cp1255", "windows-1255", "x-cp1255"]),
    ("windows-1256", ["cp1256", "windows-1256", "x-cp1256"]),
    ("windows-1257", ["cp1257", "windows-1257", "x-cp1257"]),
    ("windows-1258", ["cp1258", "windows-1258", "x-cp1258"]),
    ("x-mac-cyrillic", ["x-mac-cyrillic", "x-mac-ukrainian"]),
    (
      "gb18030",
      [
        "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
        "iso-ir-58", "x-gbk", "gb18030",
        // Not WHATWG labels, but seen on Chinese sites and unambiguous.
        "cp936", "ms936", "windows-936", "euc-cn", "gb-18030",
      ]
    ),
    ("big5", ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"]),
    ("euc-jp", ["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"]),
    ("iso-2022-jp", ["csiso2022jp", "iso-2022-jp"]),
    (
      "shift_jis",
      [
        "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j",
        "x-sjis",
      ]
    ),
    (
      "euc-kr",
      [
        "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
        "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949",
      ]
    ),
    ("utf-16be", ["unicodefffe", "utf-16be"]),
    (
      "utf-16le",
      ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"]
    ),
  ]

  /// Label → canonical name.
  static let labels: [String: String] = {
    var map: [String: String] = [:]
    for (name, names) in table {
      for label in names { map[label] = name }
    }
    return map
  }()

  /// Canonical name → glibc iconv name for encodings decoded through iconv. UTF-8, UTF-16,
  /// windows-1252 and GB18030 are decoded natively (see CharsetDetector).
  static let iconvNames: [String: String] = [
    "ibm866": "IBM866",
    "iso-8859-2": "ISO-8859-2", "iso-8859-3": "ISO-8859-3", "iso-8859-4": "ISO-8859-4",
    "iso-8859-5": "ISO-8859-5", "iso-8859-6": "ISO-8859-6", "iso-8859-7": "ISO-8859-7",
    "iso-8859-8": "ISO-8859-8", "iso-8859-8-i": "ISO-8859-8", "iso-8859-10": "ISO-8859-10",
    "iso-8859-13": "ISO-8859-13", "iso-8859-14": "ISO-8859-14", "iso-8859-15": "ISO-8859-15",
    "iso-8859-16": "ISO-8859-16",
    "koi8-r": "KOI8-R", "koi8-u": "KOI8-U", "macintosh": "MACINTOSH",
    "windows-874": "CP874",
    "windows-1250": "CP1250", "windows-1251": "CP1251", "windows-1253": "CP1253",
    "windows-1254": "CP1254", "windows-1255": "CP1255", "windows-1256": "CP1256",
    "windows-1257": "CP1257", "windows-1258": "CP1258",
    "x-mac-cyrillic": "MAC-CYRILLIC",
    // WHATWG big5 is Big5 with the HKSCS and ETEN extensions; glibc's BIG5-HKSCS covers them.
    "big5": "BIG5-HKSCS",
    "euc-jp": "EUC-JP", "iso-2022-jp": "ISO-2022-JP",
    // WHATWG shift_jis and euc-kr are the Microsoft supersets (code pages 932 and 949).
    "shift_jis": "CP932", "euc-kr": "CP949",
  ]
}
