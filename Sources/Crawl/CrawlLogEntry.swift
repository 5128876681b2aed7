import Foundation

/// One line of the crawl log: a request sent and what came of it.
///
/// Fields, separated by one space (no field has a space; a missing value is `-`):
/// time (UTC, ISO 8601 with milliseconds), status (the HTTP status, or the error when no
/// response came: `timeout`, `connect`, `partial-body`, …), size (body bytes as received),
/// URL, hop (how the URL was found: `-` a seed, `L` a link, `R` a redirect, `E` a page
/// requisite, `P` robots.txt, a prerequisite), via (the page or redirect it was found on), MIME type, duration (seconds),
/// payload digest, notes (comma-separated: `attempt=2`, `retry-in=2.0s`, `unchanged` (the same
/// payload as the URL's last capture: archived as a revisit), `truncated`, `redirect-loop`,
/// `too-many-redirects`, `bad-redirect`, `failed`).
struct CrawlLogEntry: Sendable, Equatable {
  var time: Double
  var status: String
  var size: Int?
  var url: String
  var hop: String
  var via: String?
  var mime: String?
  var duration: Double
  var digest: String?
  var notes: [String] = []

  /// The line, without its newline.
  var line: String {
    let fields: [String] = [
      Self.timestamp(time), status, size.map(String.init) ?? "-", url, hop,
      via ?? "-", mime.map(Self.token) ?? "-", String(format: "%.3f", duration),
      digest ?? "-", notes.isEmpty ? "-" : notes.joined(separator: ","),
    ]
    return fields.joined(separator: " ")
  }

  /// Parses a line written by `line` (nil for anything else).
  init?(line: Substring) {
    let f = line.split(separator: " ", omittingEmptySubsequences: false)
    guard f.count == 10, let duration = Double(f[7]) else { return nil }
    func opt(_ s: Substring) -> String? { s == "-" ? nil : String(s) }
    time = Self.parseTimestamp(String(f[0])) ?? 0
    status = String(f[1])
    size = Int(f[2])
    url = String(f[3])
    hop = String(f[4])
    via = opt(f[5])
    mime = opt(f[6])
    self.duration = duration
    digest = opt(f[8])
    notes = f[9] == "-" ? [] : f[9].split(separator: ",").map(String.init)
  }

  init(
    time: Double, status: String, size: Int?, url: String, hop: String, via: String?,
    mime: String?, duration: Double, digest: String?, notes: [String] = []
  ) {
    self.time = time
    self.status = status
    self.size = size
    self.url = url
    self.hop = hop
    self.via = via
    self.mime = mime
    self.duration = duration
    self.digest = digest
    self.notes = notes
  }

  /// The HTTP status when the line is a response.
  var httpStatus: Int? { Int(status) }

  /// A field value without spaces (error kinds such as "partial body" become "partial-body").
  static func token(_ s: String) -> String {
    let t = s.trimmingCharacters(in: .whitespaces)
    return t.isEmpty ? "-" : t.replacingOccurrences(of: " ", with: "-")
  }

  /// The media type of a Content-Type header, lower-case, without parameters.
  static func mediaType(_ contentType: String?) -> String? {
    guard let contentType else { return nil }
    let t = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
    let m = t.trimmingCharacters(in: .whitespaces).lowercased()
    return m.isEmpty ? nil : token(m)
  }

  /// Used under `lock` only (ISO8601DateFormatter is not Sendable).
  nonisolated(unsafe) private static let formatter: ISO8601DateFormatter = {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f
  }()
  private static let lock = NSLock()

  static func timestamp(_ t: Double) -> String {
    lock.withLock { formatter.string(from: Date(timeIntervalSince1970: t)) }
  }

  static func parseTimestamp(_ s: String) -> Double? {
    lock.withLock { formatter.date(from: s)?.timeIntervalSince1970 }
  }
}
