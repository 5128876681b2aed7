import Foundation

/// WARC-Date formatting and parsing (UTC, second precision `YYYY-MM-DDThh:mm:ssZ`).
///
/// Hand-written with `gmtime_r`/`timegm` instead of `DateFormatter`: it runs once per record,
/// and DateFormatter is slow and locale-sensitive.
public enum WARCDate {
  /// Broken-down UTC fields of a date.
  struct Parts: Equatable {
    var year, month, day, hour, minute, second: Int
  }

  static func parts(_ date: Date) -> Parts {
    var t = time_t(date.timeIntervalSince1970.rounded(.down))
    var tm = tm()
    gmtime_r(&t, &tm)
    return Parts(
      year: Int(tm.tm_year) + 1900, month: Int(tm.tm_mon) + 1, day: Int(tm.tm_mday),
      hour: Int(tm.tm_hour), minute: Int(tm.tm_min), second: Int(tm.tm_sec))
  }

  private static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  /// `YYYY-MM-DDThh:mm:ssZ`.
  public static func string(_ date: Date) -> String {
    let p = parts(date)
    return
      "\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2))T\(pad(p.hour, 2)):\(pad(p.minute, 2)):\(pad(p.second, 2))Z"
  }

  /// `YYYYMMDDhhmmss` (the CDXJ / file name timestamp).
  public static func timestamp14(_ date: Date) -> String {
    let p = parts(date)
    return
      "\(pad(p.year, 4))\(pad(p.month, 2))\(pad(p.day, 2))\(pad(p.hour, 2))\(pad(p.minute, 2))\(pad(p.second, 2))"
  }

  /// `YYYY/MM/DD` (the archive folder of a day).
  public static func dayPath(_ date: Date) -> String {
    let p = parts(date)
    return "\(pad(p.year, 4))/\(pad(p.month, 2))/\(pad(p.day, 2))"
  }

  /// `YYYYMMDDhhmmss` from a WARC-Date string (digits only, padded/cut to 14).
  public static func timestamp14(fromWARCDate s: String) -> String {
    var digits = String(
      s.unicodeScalars.filter { $0.properties.numericType != nil && $0.isASCII }.map(Character.init)
    )
    if digits.count > 14 { digits = String(digits.prefix(14)) }
    while digits.count < 14 { digits += "0" }
    return digits
  }

  /// Parses `YYYY-MM-DDThh:mm:ss[.fff]Z` or `YYYY-MM-DD` (UTC).
  public static func parse(_ s: String) -> Date? {
    let digits = timestamp14(fromWARCDate: s)
    return parse14(digits)
  }

  /// Parses a 14-digit timestamp `YYYYMMDDhhmmss` (UTC).
  public static func parse14(_ ts: String) -> Date? {
    let d = Array(ts.utf8)
    guard d.count >= 8, d.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    func num(_ a: Int, _ n: Int) -> Int32 {
      var v: Int32 = 0
      for i in a..<min(a + n, d.count) { v = v * 10 + Int32(d[i] - 48) }
      return v
    }
    var tm = tm()
    tm.tm_year = num(0, 4) - 1900
    tm.tm_mon = num(4, 2) - 1
    tm.tm_mday = num(6, 2)
    tm.tm_hour = d.count >= 10 ? num(8, 2) : 0
    tm.tm_min = d.count >= 12 ? num(10, 2) : 0
    tm.tm_sec = d.count >= 14 ? num(12, 2) : 0
    guard tm.tm_mon >= 0, tm.tm_mon < 12, tm.tm_mday >= 1, tm.tm_mday <= 31 else { return nil }
    return Date(timeIntervalSince1970: TimeInterval(timegm(&tm)))
  }
}
