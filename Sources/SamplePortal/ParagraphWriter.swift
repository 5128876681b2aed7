/// Composes article paragraphs from the sentence pool.
///
/// Each article reads the pool in its own seeded order, so no sentence repeats inside an article;
/// a paragraph already used anywhere on the site is altered (its last sentence swapped) until it
/// is new. Paragraphs are written in publication order (articles by index, then each day's
/// edits), so adding newer articles never changes older ones.
struct ParagraphWriter {
  let seed: UInt64
  private var used: Set<String> = []
  /// The article whose sentences are being written.
  private var article = 0

  init(seed: UInt64) { self.seed = seed }

  /// The pool's sentence indexes in article `i`'s order (a seeded Fisher–Yates shuffle).
  func order(_ i: Int) -> [Int] {
    var perm = Array(SamplePortalText.sentences.indices)
    for k in stride(from: perm.count - 1, to: 0, by: -1) {
      perm.swapAt(k, SampleMix.pick(k + 1, seed, 22, UInt64(i), UInt64(k)))
    }
    return perm
  }

  /// The `count` body paragraphs of article `i` (3 or 4 sentences each), from sentences the
  /// grammar writes for this article (`SentenceGrammar`).
  mutating func body(article i: Int, count: Int) -> [String] {
    article = i
    let perm = order(i)
    let lengths = (0..<count).map {
      SampleMix.pick(3, seed, 21, UInt64(i), UInt64($0)) == 0 ? 4 : 3
    }
    // Replacement sentences come after the body's share of the order, so none repeats.
    var spare = lengths.reduce(0, +)
    var cursor = 0
    var out: [String] = []
    for length in lengths {
      out.append(
        unique(Array(perm[cursor..<(cursor + length)]), spares: perm, next: &spare, prefix: ""))
      cursor += length
    }
    return out
  }

  /// The paragraph appended to article `i` when it is edited on `day`.
  mutating func update(article i: Int, day: Int) -> String {
    article = i
    let perm = order(i)
    let start = 36 + (day * 2) % 24
    var spare = start + 2
    return unique(
      [perm[start], perm[start + 1]], spares: perm, next: &spare,
      prefix: SamplePortalText.updatePrefix)
  }

  /// Joins the sentences; while the text was already used, swaps its last sentence for the next
  /// spare one (`spares[next]`, advancing `next`).
  private mutating func unique(
    _ sentences: [Int], spares: [Int], next: inout Int, prefix: String
  ) -> String {
    let pool = (0..<SamplePortalText.sentences.count).map {
      SentenceGrammar.sentence(seed: seed, article: article, index: $0)
    }
    var picked = sentences
    var text = prefix + picked.map { pool[$0] }.joined()
    while used.contains(text) && next < spares.count {
      picked[picked.count - 1] = spares[next]
      next += 1
      text = prefix + picked.map { pool[$0] }.joined()
    }
    var extra = 0
    while used.contains(text) {  // spares exhausted: lengthen instead
      text += pool[spares[extra % spares.count]]
      extra += 1
    }
    used.insert(text)
    return text
  }
}
