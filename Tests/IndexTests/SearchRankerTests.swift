import Foundation
import Testing

@testable import Index

/// The ranking of search candidates: term counts in UTF-8 text (ASCII case folded, not
/// overlapping), BM25's preference for more hits, shorter texts, title hits and rare terms, and
/// pages of the ranked list.
@Suite struct SearchRankerTests {
  static func count(_ term: String, in text: String) -> Int {
    let needle = Array(TextNormalizer.foldForMatching(term).utf8)
    return Array(text.utf8).withUnsafeBytes { SearchRanker.count(needle, in: $0) }
  }

  @Test func countsTermsAsBytesIgnoringASCIICase() {
    #expect(Self.count("中国", in: "中国人民，发展中国家。中国") == 3)
    #expect(Self.count("gdp", in: "GDP、gdp 与 GdP") == 3)
    #expect(Self.count("GDP", in: "gdp") == 1)
    #expect(Self.count("aa", in: "aaaa") == 2)  // not overlapping
    #expect(Self.count("aa", in: "aAa") == 1)
    #expect(Self.count("国", in: "") == 0)
    #expect(Self.count("中国人", in: "中国") == 0)
    #expect(Self.count("5%", in: "增长5%，5%") == 2)
    // A Han character's bytes never match inside another's (UTF-8 lead bytes are distinct).
    #expect(Self.count("一", in: "丁七万丈") == 0)
  }

  /// The last-byte scan against a plain scan, on random strings over a few Han characters
  /// (many near misses: same last bytes, shared prefixes, repeats).
  @Test func exactCountAgreesWithAPlainScan() {
    var rng = SystemRandomNumberGenerator()
    let alphabet = Array("中国人民国中央")
    func naive(_ n: [UInt8], _ h: [UInt8]) -> Int {
      var found = 0
      var i = 0
      while i + n.count <= h.count {
        if Array(h[i..<(i + n.count)]) == n { found += 1; i += n.count } else { i += 1 }
      }
      return found
    }
    for _ in 0..<500 {
      let hay = String((0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
      let needle = String((0..<Int.random(in: 1...3, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
      let n = Array(needle.utf8)
      let h = Array(hay.utf8)
      #expect(h.withUnsafeBytes { SearchRanker.exactCount(n, in: $0) } == naive(n, h), "\(needle) in \(hay)")
    }
  }

  static func ranked(_ docs: [(String, String)], terms: [String], df: [Int?]? = nil, total: Int = 100)
    -> [String]
  {
    var r = SearchRanker(terms: terms)
    for (i, (title, body)) in docs.enumerated() {
      Array(title.utf8).withUnsafeBytes { t in
        Array(body.utf8).withUnsafeBytes { b in
          r.add(id: Int64(i), url: "u\(i)", title: t, body: b)
        }
      }
    }
    let ids = r.ranked(
      total: total, documentFrequency: { df?[$0] ?? nil }, limit: docs.count, offset: 0)
    return ids.map { "u\($0.0)" }
  }

  @Test func moreHitsShorterTextsAndTitleHitsRankFirst() {
    let filler = String(repeating: "其他内容。", count: 40)
    #expect(
      Self.ranked(
        [("甲", "生态保护。" + filler), ("乙", "生态保护。生态保护。生态保护。" + filler)],
        terms: ["生态保护"]) == ["u1", "u0"])
    #expect(
      Self.ranked(
        [("甲", "生态保护。" + filler + filler), ("乙", "生态保护。" + filler)],
        terms: ["生态保护"]) == ["u1", "u0"])
    #expect(
      Self.ranked(
        [("甲", "生态保护。" + filler), ("生态保护", "生态保护。" + filler)],
        terms: ["生态保护"]) == ["u1", "u0"])
  }

  @Test func aRareTermOutweighsACommonOne() {
    let docs = [("a", "常见常见常见。罕见。"), ("b", "常见。罕见罕见罕见。")]
    #expect(Self.ranked(docs, terms: ["常见", "罕见"], df: [90, 2]) == ["u1", "u0"])
    #expect(Self.ranked(docs, terms: ["常见", "罕见"], df: [2, 90]) == ["u0", "u1"])
  }

  @Test func tiesGoByURLAndPagesWalkTheList() {
    var r = SearchRanker(terms: ["公告"])
    let n = 500
    for i in 0..<n {
      let body = String(repeating: "公告。", count: i % 7 + 1) + String(repeating: "文", count: i % 5)
      Array(body.utf8).withUnsafeBytes { b in
        [UInt8]().withUnsafeBytes { t in r.add(id: Int64(i), url: "u\(i)", title: t, body: b) }
      }
    }
    let all = r.ranked(total: 1000, documentFrequency: { _ in 500 }, limit: n, offset: 0)
    #expect(all.count == n)
    #expect(Set(all.map(\.0)).count == n)
    for (x, y) in zip(all, all.dropFirst()) { #expect(x.1 <= y.1) }
    var paged: [Int64] = []
    for page in 0..<25 {
      paged += r.ranked(total: 1000, documentFrequency: { _ in 500 }, limit: 20, offset: page * 20)
        .map(\.0)
    }
    #expect(paged == all.map(\.0))
    #expect(r.ranked(total: 1000, documentFrequency: { _ in 500 }, limit: 20, offset: n).isEmpty)
    #expect(r.ranked(total: 1000, documentFrequency: { _ in 500 }, limit: Int.max, offset: 1).count == n - 1)
  }

  @Test func requiringEveryTermDropsCandidatesWithoutOne() {
    var r = SearchRanker(terms: ["生态", "GDP"], requireAll: true)
    let docs = [("生态", "gdp 增长"), ("生态", "增长"), ("", "生态 GDP"), ("", "")]
    for (i, (title, body)) in docs.enumerated() {
      Array(title.utf8).withUnsafeBytes { t in
        Array(body.utf8).withUnsafeBytes { b in r.add(id: Int64(i), url: "u\(i)", title: t, body: b) }
      }
    }
    let ids = Set(r.ranked(total: 10, documentFrequency: { _ in nil }, limit: 10, offset: 0).map(\.0))
    #expect(ids == [0, 2])
  }
}
