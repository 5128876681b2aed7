/// Restrictions on a search besides its terms; nil fields do not restrict.
///
/// Days are `YYYY-MM-DD` and inclusive. Fetch days are UTC days of the capture's WARC-Date;
/// publication days compare with the first 10 characters of the extracted date (an article
/// without one is left out by a publication filter).
public struct SearchFilters: Sendable, Equatable {
  /// This host and its subdomains (case-insensitive).
  public var host: String?
  public var fetchedFrom: String?
  public var fetchedTo: String?
  public var publishedFrom: String?
  public var publishedTo: String?
  /// URLs starting with this exact string.
  public var urlPrefix: String?

  public init(
    host: String? = nil, fetchedFrom: String? = nil, fetchedTo: String? = nil,
    publishedFrom: String? = nil, publishedTo: String? = nil, urlPrefix: String? = nil
  ) {
    self.host = host
    self.fetchedFrom = fetchedFrom
    self.fetchedTo = fetchedTo
    self.publishedFrom = publishedFrom
    self.publishedTo = publishedTo
    self.urlPrefix = urlPrefix
  }

  /// Whether no filter is set.
  public var isEmpty: Bool { self == SearchFilters() }

  /// Checks every day is a real `YYYY-MM-DD` date; `option` names it in the error.
  public func validate() throws(SearchFilterError) {
    let days: [(String, String?)] = [
      ("--from", fetchedFrom), ("--to", fetchedTo), ("--published-from", publishedFrom),
      ("--published-to", publishedTo),
    ]
    for (option, day) in days {
      if let day, !Self.isDay(day) { throw SearchFilterError(option: option, value: day) }
    }
  }

  /// Whether `s` is `YYYY-MM-DD` with a month 01–12 and a day that month has.
  public static func isDay(_ s: String) -> Bool {
    let b = Array(s.utf8)
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
    func number(_ r: Range<Int>) -> Int? {
      var n = 0
      for i in r {
        guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
        n = n * 10 + Int(b[i] - 0x30)
      }
      return n
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), (1...12).contains(m)
    else { return false }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return (1...days).contains(d)
  }
}

/// A filter day that is not a `YYYY-MM-DD` date.
public struct SearchFilterError: Error, Equatable, Sendable, CustomStringConvertible {
  public var option: String
  public var value: String

  public init(option: String, value: String) {
    self.option = option
    self.value = value
  }

  public var description: String {
    "invalid date '\(value)' for \(option): expected YYYY-MM-DD"
  }
}
