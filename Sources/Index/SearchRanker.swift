import Foundation

/// BM25 over the candidates of a search, from term counts taken in the stored text.
///
/// Why not FTS5's `bm25()`: the index is `detail=none` (0.37× the text instead of 2.05×), so
/// `bm25()` re-tokenizes every candidate into trigrams to count phrase instances; measured on
/// 60,000 articles that took 280–900 ms for the ~2,200 candidates of a common 3-character term.
/// Counting each term as bytes in the UTF-8 text (ASCII case folded, as the index and LIKE do)
/// gives the true counts of the term itself (not of its trigrams) at memory speed.
///
/// Score, per positive term t of the query: idf(t) · f·(k1+1) / (f + k1·(1 − b + b·len/avg)),
/// where f = body count + `titleWeight` × title count, len the body's bytes, avg their mean
/// over the candidates, and idf(t) = ln(1 + (N − n + 0.5)/(n + 0.5)) with N the articles in the
/// index and n the articles holding t (the caller's estimate). Higher is better; hits carry the
/// negated score, as FTS5's bm25() did (lower is better). A value type used by one thread.
struct SearchRanker {
  static let k1 = 1.2
  static let b = 0.75
  /// A title hit counts as this many body hits.
  static let titleWeight = 3.0

  /// One candidate: its row, URL (the tie-break) and counts per term.
  struct Candidate {
    var id: Int64
    var url: String
    var length: Int
    var counts: [Double]
  }

  /// The positive terms, ASCII lower-cased, as UTF-8.
  let needles: [[UInt8]]
  private(set) var candidates: [Candidate] = []

  /// Whether a candidate without one of the terms is dropped (the query is their AND and
  /// SQLite did not check it).
  let requireAll: Bool

  init(terms: [String], requireAll: Bool = false) {
    needles = terms.map { Array(TextNormalizer.foldForMatching($0).utf8) }
    self.requireAll = requireAll
  }

  /// Counts the terms in one candidate's `title` and `body` (UTF-8 bytes).
  mutating func add(id: Int64, url: String, title: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer) {
    var counts: [Double] = []
    counts.reserveCapacity(needles.count)
    for n in needles {
      let c = Self.titleWeight * Double(Self.count(n, in: title)) + Double(Self.count(n, in: body))
      if requireAll, c == 0 { return }
      counts.append(c)
    }
    candidates.append(Candidate(id: id, url: url, length: body.count, counts: counts))
  }

  /// The candidates' ids, best first (ties by URL), from `offset`, at most `limit`, with their
  /// scores (negated: lower is better). `documentFrequency(i)` estimates how many of the
  /// `total` indexed articles hold term `i`; nil means: as many as among the candidates, scaled.
  func ranked(
    total: Int, documentFrequency: (Int) -> Int?, limit: Int, offset: Int
  ) -> [(Int64, Double)] {
    guard !candidates.isEmpty, limit > 0 else { return [] }
    let idf = idfs(total: max(total, candidates.count), documentFrequency: documentFrequency)
    let avg = max(1, Double(candidates.reduce(0) { $0 + $1.length }) / Double(candidates.count))
    var scored: [(score: Double, index: Int)] = []
    scored.reserveCapacity(candidates.count)
    for (i, c) in candidates.enumerated() {
      let norm = Self.k1 * (1 - Self.b + Self.b * Double(c.length) / avg)
      var s = 0.0
      for (t, f) in c.counts.enumerated() where f > 0 {
        s += idf[t] * f * (Self.k1 + 1) / (f + norm)
      }
      scored.append((s, i))
    }
    let end = offset.addingReportingOverflow(limit)
    let keep = end.overflow ? scored.count : min(scored.count, end.partialValue)
    guard offset < keep else { return [] }
    let better: ((score: Double, index: Int), (score: Double, index: Int)) -> Bool = { x, y in
      x.score != y.score ? x.score > y.score : candidates[x.index].url < candidates[y.index].url
    }
    let top = Self.smallest(keep, of: scored, by: better)
    return top[offset...].map { (candidates[$0.index].id, -$0.score) }
  }

  private func idfs(total: Int, documentFrequency: (Int) -> Int?) -> [Double] {
    let n = Double(total)
    return needles.indices.map { t in
      let df: Double
      if let d = documentFrequency(t) {
        df = Double(min(max(d, 0), total))
      } else {
        let holding = candidates.reduce(0) { $0 + ($1.counts[t] > 0 ? 1 : 0) }
        df = Double(holding) * n / Double(candidates.count)
      }
      return log(1 + (n - df + 0.5) / (df + 0.5))
    }
  }

  /// The first `k` of `xs` in the order `better`, sorted: a full sort when `k` is near the
  /// count, else one pass keeping the best `k` (a page of 20 among 30,000 candidates).
  static func smallest<T>(_ k: Int, of xs: [T], by better: (T, T) -> Bool) -> [T] {
    if k * 8 >= xs.count { return Array(xs.sorted(by: better).prefix(k)) }
    var best: [T] = []
    best.reserveCapacity(k + 1)
    for x in xs {
      if best.count == k, let last = best.last, !better(x, last) { continue }
      let at = best.partitioningIndex { better(x, $0) }
      best.insert(x, at: at)
      if best.count > k { best.removeLast() }
    }
    return best
  }

  /// Non-overlapping occurrences of `needle` (ASCII lower case) in `hay`, ASCII case folded.
  static func count(_ needle: [UInt8], in hay: UnsafeRawBufferPointer) -> Int {
    guard let first = needle.first, needle.count <= hay.count, let base = hay.baseAddress else {
      return 0
    }
    let m = needle.count
    if !needle.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) {
      return exactCount(needle, in: hay)
    }
    let foldsFirst = first >= 0x61 && first <= 0x7A
    var found = 0
    var i = 0
    let last = hay.count - m
    while i <= last {
      if foldsFirst {
        let c = hay[i] | (hay[i] >= 0x41 && hay[i] <= 0x5A ? 0x20 : 0)
        if c != first {
          i += 1
          continue
        }
      } else {
        guard let p = memchr(base + i, Int32(first), last - i + 1) else { break }
        i = base.distance(to: UnsafeRawPointer(p))
      }
      if matches(needle, hay, at: i) {
        found += 1
        i += m
      } else {
        i += 1
      }
    }
    return found
  }

  /// `count` for a needle without ASCII letters (case folding changes nothing): `memchr` for
  /// its last byte, then `memcmp`. The last byte of a Han character is a continuation byte
  /// (64 values), far rarer in Han text than the lead bytes E4–E9 that the first-byte scan stops
  /// at every few bytes (that scan was 36% of a search's time; glibc's memmem is not exposed to
  /// Swift).
  static func exactCount(_ needle: [UInt8], in hay: UnsafeRawBufferPointer) -> Int {
    guard let base = hay.baseAddress, let lastByte = needle.last, needle.count <= hay.count else {
      return 0
    }
    let m = needle.count
    return needle.withUnsafeBytes { n in
      guard let nb = n.baseAddress else { return 0 }
      var found = 0
      var i = m - 1  // where the needle's last byte may be
      while i < hay.count {
        guard let p = memchr(base + i, Int32(lastByte), hay.count - i) else { break }
        let at = base.distance(to: UnsafeRawPointer(p))
        if memcmp(base + (at - (m - 1)), nb, m) == 0 {
          found += 1
          i = at + m
        } else {
          i = at + 1
        }
      }
      return found
    }
  }

  private static func matches(_ needle: [UInt8], _ hay: UnsafeRawBufferPointer, at i: Int) -> Bool {
    for j in 1..<needle.count {
      var c = hay[i + j]
      if c >= 0x41 && c <= 0x5A { c |= 0x20 }
      if c != needle[j] { return false }
    }
    return true
  }
}

extension Array {
  /// The first index whose element satisfies `belongsAfter`, for an array partitioned by it.
  fileprivate func partitioningIndex(where belongsAfter: (Element) -> Bool) -> Int {
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = lo + (hi - lo) / 2
      if belongsAfter(self[mid]) { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }
}
