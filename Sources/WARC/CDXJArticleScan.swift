import Foundation

/// Reads the fields the article lookup needs from one `.cdxj` line, without building an entry.
enum CDXJArticleScan {
  /// The fields of one line that the article lookup needs.
  struct Fields {
    var url: [UInt8]
    var timestamp: String
    var offset: Int64
    var length: Int64
    var hasStatus: Bool
  }

  private static let urlKey = Array("{\"url\": \"".utf8)
  private static let statusKey = Array("\"status\": \"".utf8)
  private static let lengthKey = Array("\"length\": \"".utf8)
  private static let offsetKey = Array("\"offset\": \"".utf8)

  /// Reads a line written by `CDXJEntry.line` in place; nil if it has another shape.
  static func quickFields(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Fields? {
    var sp1 = start
    while sp1 < end, b[sp1] != 32 { sp1 += 1 }
    var sp2 = sp1 + 1
    while sp2 < end, b[sp2] != 32 { sp2 += 1 }
    guard sp2 < end, has(b, urlKey, at: sp2 + 1, end) else { return nil }
    let urlStart = sp2 + 1 + urlKey.count
    var i = urlStart
    while i < end, b[i] != 34 {
      if b[i] == 92 { return nil }  // an escape: leave it to the JSON parser
      i += 1
    }
    guard i < end else { return nil }
    let urlEnd = i
    var hasStatus = false
    var length: Int64?
    var offset: Int64?
    i += 1
    // The remaining values are escape-free in our lines; scan for the keys we need.
    while i < end {
      if b[i] == 34 {
        if length == nil, has(b, lengthKey, at: i, end) {
          i += lengthKey.count
          length = number(b, &i, end)
          continue
        }
        if offset == nil, has(b, offsetKey, at: i, end) {
          i += offsetKey.count
          offset = number(b, &i, end)
          continue
        }
        if !hasStatus, has(b, statusKey, at: i, end) { hasStatus = true }
      } else if b[i] == 92 {
        return nil
      }
      i += 1
    }
    guard let length, let offset else { return nil }
    return Fields(
      url: Array(b[urlStart..<urlEnd]),
      timestamp: String(decoding: UnsafeBufferPointer(rebasing: b[(sp1 + 1)..<sp2]), as: UTF8.self),
      offset: offset, length: length, hasStatus: hasStatus)
  }

  /// The general path: the full JSON parse of `CDXJEntry.parse`.
  static func slowFields(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Fields? {
    guard let e = CDXJEntry.parse(bytes: bytes[start..<end]) else { return nil }
    return Fields(
      url: Array(e.url.utf8), timestamp: e.timestamp, offset: e.offset, length: e.length,
      hasStatus: e.status != nil)
  }

  private static func has(
    _ b: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8], at i: Int, _ end: Int
  ) -> Bool {
    guard i + pattern.count <= end else { return false }
    for k in 0..<pattern.count where b[i + k] != pattern[k] { return false }
    return true
  }

  /// Decimal digits at `i` followed by `"`; advances past the quote.
  private static func number(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int)
    -> Int64?
  {
    var v: Int64 = 0
    let start = i
    while i < end, b[i] >= 48, b[i] <= 57, i - start < 18 {
      v = v * 10 + Int64(b[i] - 48)
      i += 1
    }
    guard i > start, i < end, b[i] == 34 else { return nil }
    i += 1
    return v
  }
}
