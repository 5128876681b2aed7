import Foundation

extension WebPages {
  /// Home: hosts, runs, and articles archived per day.
  func home() throws -> WebResponse {
    var b = "<h1>Archive</h1>"
    b += "<h2>Articles archived per day</h2>" + DayChart.svg(try catalog.articlesPerDay())
    b += "<h2>Hosts</h2><table><tr><th>host</th><th>articles</th></tr>"
    for h in try catalog.hosts() {
      let link = "/search" + HTMLText.query([("host", h.host), ("q", "")])
      b += "<tr><td><a href=\"\(HTMLText.escape(link))\">\(HTMLText.escape(h.host))</a></td><td>\(h.articles)</td></tr>"
    }
    b += "</table><h2>Runs</h2><table><tr><th>run</th><th>start</th><th>end</th><th>outcome</th><th>counts</th></tr>"
    for r in try catalog.runs() {
      b += "<tr><td>\(r.id)</td><td>\(Self.time(r.started))</td><td>\(Self.time(r.ended))</td>"
      b += "<td>\(HTMLText.escape(r.outcome))</td><td>\(Self.countsHTML(r.counts))</td></tr>"
    }
    b += "</table><p class=\"meta\">\(try index.count()) articles indexed.</p>"
    return .html(layout(title: "Archive", body: b))
  }

  /// A run's counters: the numeric ones as "name n" pieces, the rest (errors by kind) folded
  /// in a `<details>`; text that is not a JSON object is shown as it is.
  static func countsHTML(_ json: String) -> String {
    guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    else { return HTMLText.escape(json) }
    let numbers = object.compactMap { k, v in (v as? NSNumber).map { (k, $0.int64Value) } }
      .sorted { $0.0 < $1.0 }
    var s = numbers.map { "\(HTMLText.escape($0.0)) <b>\($0.1)</b>" }.joined(separator: " · ")
    let rest = object.filter { !($0.value is NSNumber) }
    if !rest.isEmpty, let data = try? JSONSerialization.data(withJSONObject: rest, options: [.sortedKeys]) {
      s += " <details><summary>more</summary><code>\(HTMLText.escape(String(decoding: data, as: UTF8.self)))</code></details>"
    }
    return s
  }
}
