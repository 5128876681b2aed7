/// A calendar day (proleptic Gregorian, UTC) counted from 1970-01-01, with HTTP-date helpers.
///
/// Hand-written (Howard Hinnant's civil-from-days algorithm) instead of `Calendar` and
/// `DateFormatter`: those are locale-dependent and slow, and the portal needs exact, fast,
/// deterministic formatting of thousands of dates.
struct SampleDate: Sendable, Hashable, Comparable {
  /// Days since 1970-01-01.
  var days: Int

  init(days: Int) { self.days = days }

  init(year: Int, month: Int, day: Int) {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    days = era * 146097 + doe - 719468
  }

  var civil: (year: Int, month: Int, day: Int) {
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  func adding(_ n: Int) -> SampleDate { SampleDate(days: days + n) }

  static func < (a: SampleDate, b: SampleDate) -> Bool { a.days < b.days }

  /// `2009-05-15`.
  var iso: String {
    let c = civil
    return "\(c.year)-\(Self.two(c.month))-\(Self.two(c.day))"
  }

  /// `20090515`.
  var compact: String {
    let c = civil
    return "\(c.year)\(Self.two(c.month))\(Self.two(c.day))"
  }

  /// `200905`.
  var yearMonth: String {
    let c = civil
    return "\(c.year)\(Self.two(c.month))"
  }

  /// `2009年5月15日`.
  var chinese: String {
    let c = civil
    return "\(c.year)年\(c.month)月\(c.day)日"
  }

  /// Parses `YYYYMMDD`; nil when malformed or not a real date.
  init?(compact s: Substring) {
    guard s.count == 8, s.allSatisfy({ $0.isASCII && $0.isNumber }),
      let y = Int(s.prefix(4)), let m = Int(s.dropFirst(4).prefix(2)), let d = Int(s.suffix(2)),
      (1...12).contains(m), (1...31).contains(d)
    else { return nil }
    self.init(year: y, month: m, day: d)
    guard civil.month == m, civil.day == d else { return nil }
  }

  static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// Formats seconds since the epoch as an IMF-fixdate: `Fri, 15 May 2009 10:23:00 GMT`.
  static func httpDate(_ seconds: Int) -> String {
    let day = SampleDate(days: seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
    let rest = seconds - day.days * 86400
    let c = day.civil
    let wd = weekdays[((day.days % 7) + 7) % 7]
    return "\(wd), \(two(c.day)) \(months[c.month - 1]) \(c.year) "
      + "\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) GMT"
  }

  /// Parses an IMF-fixdate back to seconds since the epoch; nil for any other form.
  static func parseHTTPDate(_ s: String) -> Int? {
    let parts = s.split(separator: " ")
    guard parts.count == 6, parts[5] == "GMT", let d = Int(parts[1]), let y = Int(parts[3]),
      let mi = months.firstIndex(of: String(parts[2]))
    else { return nil }
    let hms = parts[4].split(separator: ":").compactMap { Int($0) }
    guard hms.count == 3 else { return nil }
    return SampleDate(year: y, month: mi + 1, day: d).days * 86400 + hms[0] * 3600 + hms[1] * 60
      + hms[2]
  }
}
