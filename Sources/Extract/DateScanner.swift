/// Finds dates written the ways Chinese portals write them and formats them as ISO 8601.
///
/// Accepts 2009-05-15, 2009/5/15, 2009.05.15, 2009年5月15日 (also 2009-5-15), each optionally
/// followed by a time "10:23", "10:23:45", "10时23分" (also after a 'T'). Output is
/// "YYYY-MM-DD" or "YYYY-MM-DDThh:mm" (minutes precision). Hand-written scanner: Foundation's
/// regular expressions cost more than the rest of the extraction on a typical page.
enum DateScanner {
  struct Found {
    var range: Range<Int>
    var iso: String
  }

  /// The first plausible date at or after `from`.
  static func firstDate(in s: [Unicode.Scalar], from: Int = 0) -> Found? {
    var i = from
    while i + 6 <= s.count {
      if let f = date(at: i, in: s) { return f }
      i += 1
    }
    return nil
  }

  /// False when `firstDate` must find nothing in the UTF-8 text `b`: every date starts with a
  /// run of exactly four digits followed by a separator (年 - / . －).
  ///
  /// A byte pre-check so that metadata-line tests skip decoding lines with digits but no date
  /// (measured: the decoding and scan were most of the metadata-line test).
  static func mayHoldDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    // Byte patterns only (ASCII, "０"–"９" EF BC 90–99, "年" E5 B9 B4, "－" EF BC 8D): the same
    // answer on the String's scalars, even where repairing invalid UTF-8 made U+FFFD.
    var run = 0
    var i = 0
    while i < b.count {
      let c = b[i]
      if c >= 0x30 && c <= 0x39 {
        run += 1
        i += 1
        continue
      }
      if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBC, b[i + 2] >= 0x90, b[i + 2] <= 0x99 {
        run += 1
        i += 3
        continue
      }
      if run == 4 {
        if c == 0x2D || c == 0x2F || c == 0x2E { return true }
        if i + 2 < b.count,
          (c == 0xE5 && b[i + 1] == 0xB9 && b[i + 2] == 0xB4)
            || (c == 0xEF && b[i + 1] == 0xBC && b[i + 2] == 0x8D)
        {
          return true
        }
      }
      run = 0
      i += 1
    }
    return false
  }

  static func digit(_ s: Unicode.Scalar) -> Int? {
    if s.value >= 0x30 && s.value <= 0x39 { return Int(s.value - 0x30) }
    if s.value >= 0xFF10 && s.value <= 0xFF19 { return Int(s.value - 0xFF10) }  // full-width
    return nil
  }

  /// Reads 1…max digits at i; returns (value, next index).
  static func number(_ s: [Unicode.Scalar], _ i: Int, max: Int) -> (Int, Int)? {
    var v = 0
    var j = i
    while j < s.count, j - i < max, let d = digit(s[j]) {
      v = v * 10 + d
      j += 1
    }
    return j > i ? (v, j) : nil
  }

  /// A date starting exactly at i.
  static func date(at i: Int, in s: [Unicode.Scalar]) -> Found? {
    guard digit(s[i]) != nil else { return nil }
    if i > 0, digit(s[i - 1]) != nil { return nil }
    guard let (year, afterYear) = number(s, i, max: 4), afterYear - i == 4,
      year >= 1949, year <= 2099, afterYear < s.count
    else { return nil }
    let sep = s[afterYear]
    let chineseStyle = sep == "年"
    guard chineseStyle || sep == "-" || sep == "/" || sep == "." || sep == "－" else { return nil }
    var j = afterYear + 1
    while j < s.count, s[j] == " " { j += 1 }
    guard let (month, afterMonth) = number(s, j, max: 2), month >= 1, month <= 12,
      afterMonth < s.count
    else { return nil }
    let sep2 = s[afterMonth]
    if chineseStyle {
      guard sep2 == "月" else { return nil }
    } else {
      guard sep2 == sep else { return nil }
    }
    j = afterMonth + 1
    while j < s.count, s[j] == " " { j += 1 }
    guard let (day, afterDay) = number(s, j, max: 2), day >= 1, day <= 31 else { return nil }
    if afterDay < s.count, digit(s[afterDay]) != nil { return nil }
    var end = afterDay
    if chineseStyle, end < s.count, s[end] == "日" || s[end] == "号" { end += 1 }
    var iso = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    // Optional time.
    var k = end
    while k < s.count, s[k] == " " || s[k] == "T" || s[k] == "\u{3000}" || s[k] == "\u{A0}",
      k - end < 4
    {
      k += 1
    }
    if k < s.count, let (hour, afterHour) = number(s, k, max: 2), hour <= 23, afterHour < s.count {
      let colon = s[afterHour]
      if colon == ":" || colon == "：" || colon == "时" || colon == "點" || colon == "点" {
        if let (minute, afterMinute) = number(s, afterHour + 1, max: 2), minute <= 59,
          afterMinute - afterHour - 1 == 2 || colon != ":"
        {
          iso += "T" + pad(hour, 2) + ":" + pad(minute, 2)
          end = afterMinute
          if end < s.count, s[end] == "分" { end += 1 }
          if end + 2 < s.count, s[end] == ":", let (_, afterSecond) = number(s, end + 1, max: 2) {
            end = afterSecond
          }
        }
      }
    }
    return Found(range: i..<end, iso: iso)
  }

  /// A date written with a two-digit year ("18-03-08", "18/3/8"), read as 20yy (19yy above
  /// the current century's 50s); only used right after a date label.
  static func shortYearDate(at i: Int, in s: [Unicode.Scalar]) -> Found? {
    guard i + 2 < s.count, digit(s[i]) != nil, digit(s[i + 1]) != nil,
      s[i + 2] == "-" || s[i + 2] == "/" || s[i + 2] == ".", i == 0 || digit(s[i - 1]) == nil,
      let yy = number(s, i, max: 2)?.0
    else { return nil }
    let century: [Unicode.Scalar] = yy > 50 ? ["1", "9"] : ["2", "0"]
    var t = century
    t.append(contentsOf: s[i...].prefix(24))
    guard let f = date(at: 0, in: t) else { return nil }
    return Found(range: i..<(i + f.range.upperBound - 2), iso: f.iso)
  }

  /// A year and month with no day ("1998-3", "1998年3月", "1998/03") starting at i, as "YYYY-MM";
  /// nil when a day follows (then `date(at:in:)` reads it).
  static func yearMonth(at i: Int, in s: [Unicode.Scalar]) -> String? {
    guard digit(s[i]) != nil, i == 0 || digit(s[i - 1]) == nil,
      let (year, afterYear) = number(s, i, max: 4), afterYear - i == 4, year >= 1949, year <= 2099,
      afterYear < s.count
    else { return nil }
    let sep = s[afterYear]
    guard sep == "年" || sep == "-" || sep == "/" || sep == "." else { return nil }
    guard let (month, afterMonth) = number(s, afterYear + 1, max: 2), month >= 1, month <= 12
    else { return nil }
    if afterMonth < s.count {
      let next = s[afterMonth]
      if sep == "年" {
        guard next == "月" else { return nil }
        if afterMonth + 1 < s.count, digit(s[afterMonth + 1]) != nil { return nil }
      } else if digit(next) != nil || next == sep {
        return nil
      }
    } else if sep == "年" {
      return nil
    }
    return pad(year, 4) + "-" + pad(month, 2)
  }

  static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}
