/// Cuts the snippet of a hit: `width` characters around the first place any term occurs, with
/// every occurrence inside marked.
///
/// Matching ignores ASCII case, as the search does; text and terms are already folded
/// (`TextNormalizer`), and since folding keeps one scalar per scalar, positions found in the
/// lower-cased copy cut the original. Paragraph breaks show as spaces. Stateless.
struct SnippetMaker {
  var width = 80
  /// Characters shown before the first hit.
  var lead = 20

  func snippet(of text: String, terms: [String]) -> Snippet {
    let shown = Array(text.unicodeScalars).map { $0 == "\n" ? " " : $0 }
    let lower = Array(TextNormalizer.foldForMatching(text).unicodeScalars)
    let needles = terms.map { Array(TextNormalizer.foldForMatching($0).unicodeScalars) }
      .filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    let hits = Self.occurrences(of: needles, in: lower)
    let start = max(0, (hits.first?.lowerBound ?? 0) - lead)
    let end = min(shown.count, start + width)
    var pieces: [Snippet.Piece] = []
    var at = start
    func piece(_ r: Range<Int>, hit: Bool) {
      guard !r.isEmpty else { return }
      var s = String.UnicodeScalarView()
      s.append(contentsOf: shown[r])
      pieces.append(Snippet.Piece(text: String(s), isHit: hit))
    }
    for h in hits where h.lowerBound >= start && h.lowerBound < end {
      piece(at..<h.lowerBound, hit: false)
      let stop = min(h.upperBound, end)
      piece(h.lowerBound..<stop, hit: true)
      at = stop
    }
    piece(at..<end, hit: false)
    return Snippet(pieces: pieces, cutBefore: start > 0, cutAfter: end < shown.count)
  }

  /// Non-overlapping occurrences of the needles (longest first at a position), in text order.
  static func occurrences(of needles: [[Unicode.Scalar]], in hay: [Unicode.Scalar]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var i = 0
    while i < hay.count {
      var matched = 0
      for n in needles where n.count <= hay.count - i && n[0] == hay[i] {
        var k = 1
        while k < n.count && hay[i + k] == n[k] { k += 1 }
        if k == n.count {
          matched = n.count
          break
        }
      }
      if matched > 0 {
        out.append(i..<(i + matched))
        i += matched
      } else {
        i += 1
      }
    }
    return out
  }
}
