/// A `<lastmod>` value: a W3C datetime (YYYY, YYYY-MM, YYYY-MM-DD, or a date with hh:mm,
/// hh:mm:ss or hh:mm:ss.s and a zone, Z or ±hh:mm), as the instant its precision starts at.
///
/// `2015-07-01` is 2015-07-01T00:00:00Z; `2015-07` its month's first day. Lenient with what
/// portals write: a space instead of `T`, ±hhmm zones, and a time without a zone, which is read
/// as China Standard Time (UTC+8, `defaultOffset`), the zone of the portals this crawls.
public struct SitemapDate: Sendable, Equatable, Comparable {
  /// Unix seconds of the instant the value's precision starts at.
  public var seconds: Int64

  public init(seconds: Int64) { self.seconds = seconds }

  public static func < (a: SitemapDate, b: SitemapDate) -> Bool { a.seconds < b.seconds }

  /// The zone assumed for a time written without one, in seconds east of UTC.
  public static let defaultOffset: Int64 = 8 * 3600

  /// Parses a W3C datetime; nil when it is not one (or names an impossible date).
  public static func parse(_ text: some StringProtocol) -> SitemapDate? {
    var s = Scanner(Array(text.utf8).trimmedASCIIWhitespace)
    guard let year = s.digits(4), (1000...9999).contains(year) else { return nil }
    var month: Int64 = 1
    var day: Int64 = 1
    var hasDay = false
    if s.take(UInt8(ascii: "-")) {
      guard let m = s.digits(2), (1...12).contains(m) else { return nil }
      month = m
      if s.take(UInt8(ascii: "-")) {
        guard let d = s.digits(2), (1...daysIn(month: m, year: year)).contains(d) else {
          return nil
        }
        day = d
        hasDay = true
      }
    }
    let days = daysFromCivil(year: year, month: month, day: day)
    if s.atEnd { return SitemapDate(seconds: days * 86_400) }
    guard hasDay, s.take(UInt8(ascii: "T")) || s.take(UInt8(ascii: " ")),
      let time = s.time(), let offset = s.zone()
    else { return nil }
    guard s.atEnd else { return nil }
    return SitemapDate(seconds: days * 86_400 + time - (offset ?? defaultOffset))
  }

  /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
  static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// A cursor over the value's bytes.
  private struct Scanner {
    let bytes: [UInt8]
    var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { i >= bytes.count }

    mutating func take(_ b: UInt8) -> Bool {
      guard i < bytes.count, bytes[i] == b else { return false }
      i += 1
      return true
    }

    /// Exactly `n` ASCII digits as a number.
    mutating func digits(_ n: Int) -> Int64? {
      guard bytes.count - i >= n else { return nil }
      var v: Int64 = 0
      for k in i..<(i + n) {
        let b = bytes[k]
        guard b >= 0x30, b <= 0x39 else { return nil }
        v = v * 10 + Int64(b - 0x30)
      }
      i += n
      return v
    }

    /// hh:mm[:ss[.s+]] as seconds into the day.
    mutating func time() -> Int64? {
      guard let h = digits(2), h <= 24, take(UInt8(ascii: ":")), let m = digits(2), m <= 59
      else { return nil }
      var sec: Int64 = 0
      if take(UInt8(ascii: ":")) {
        guard let v = digits(2), v <= 60 else { return nil }
        sec = v
        if take(UInt8(ascii: ".")) {
          guard digits(1) != nil else { return nil }
          while digits(1) != nil {}
        }
      }
      if h == 24 && (m != 0 || sec != 0) { return nil }
      return h * 3600 + m * 60 + sec
    }

    /// Z, ±hh:mm or ±hhmm as seconds east of UTC; .some(nil) when the time has no zone.
    mutating func zone() -> Int64?? {
      if atEnd { return .some(nil) }
      if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) { return .some(0) }
      let sign: Int64
      if take(UInt8(ascii: "+")) {
        sign = 1
      } else if take(UInt8(ascii: "-")) {
        sign = -1
      } else {
        return nil
      }
      guard let h = digits(2), h <= 14 else { return nil }
      _ = take(UInt8(ascii: ":"))
      guard let m = digits(2), m <= 59 else { return nil }
      return .some(sign * (h * 3600 + m * 60))
    }
  }
}

extension Array where Element == UInt8 {
  /// The bytes without leading and trailing ASCII whitespace.
  var trimmedASCIIWhitespace: [UInt8] {
    let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return [] }
    return Array(self[first...last])
  }
}
