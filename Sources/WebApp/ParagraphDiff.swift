/// The difference between two texts paragraph by paragraph (longest common subsequence).
///
/// Pure; O(n·m) in paragraphs, bounded by `maxParagraphs` on each side (beyond it the rest
/// is shown as removed and added). Value type.
struct ParagraphDiff: Equatable {
  enum Kind: Equatable { case same, added, removed }
  struct Line: Equatable {
    var kind: Kind
    var text: String
  }

  static let maxParagraphs = 2_000

  var lines: [Line]

  var added: [String] { lines.filter { $0.kind == .added }.map(\.text) }
  var removed: [String] { lines.filter { $0.kind == .removed }.map(\.text) }
  var isEmpty: Bool { !lines.contains { $0.kind != .same } }

  init(old: String, new: String) {
    let a = Self.paragraphs(old)
    let b = Self.paragraphs(new)
    let n = min(a.count, Self.maxParagraphs)
    let m = min(b.count, Self.maxParagraphs)
    // lcs[i][j]: common length of a[i...] and b[j...].
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
      }
    }
    var out: [Line] = []
    var i = 0
    var j = 0
    while i < n, j < m {
      if a[i] == b[j] {
        out.append(Line(kind: .same, text: a[i]))
        i += 1
        j += 1
      } else if lcs[i + 1][j] >= lcs[i][j + 1] {
        out.append(Line(kind: .removed, text: a[i]))
        i += 1
      } else {
        out.append(Line(kind: .added, text: b[j]))
        j += 1
      }
    }
    out += a[i...].map { Line(kind: .removed, text: $0) }
    out += b[j...].map { Line(kind: .added, text: $0) }
    lines = out
  }

  static func paragraphs(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
  }
}
