/// A bar chart of counts per day as an inline SVG drawn by the server. Stateless.
enum DayChart {
  static func svg(_ days: [(day: String, count: Int)], width: Int = 720, height: Int = 160) -> String {
    guard !days.isEmpty else { return "<p>No articles archived yet.</p>" }
    let top = max(1, days.map(\.count).max() ?? 1)
    let bar = max(2, (width - 40) / max(1, days.count))
    var s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(height + 30)\""
      + " aria-label=\"articles archived per day\">"
    for (i, d) in days.enumerated() {
      let h = max(1, d.count * height / top)
      let x = 30 + i * bar
      s += "<rect x=\"\(x)\" y=\"\(height - h)\" width=\"\(max(1, bar - 2))\" height=\"\(h)\" fill=\"#3b6ea5\">"
      s += "<title>\(HTMLText.escape(d.day)): \(d.count)</title></rect>"
    }
    s += "<text x=\"0\" y=\"12\" font-size=\"11\">\(top)</text>"
    s += "<text x=\"30\" y=\"\(height + 16)\" font-size=\"11\">\(HTMLText.escape(days[0].day))</text>"
    if days.count > 1, let last = days.last {
      s += "<text x=\"\(width - 80)\" y=\"\(height + 16)\" font-size=\"11\">\(HTMLText.escape(last.day))</text>"
    }
    return s + "</svg>"
  }
}
