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
      b += "<td>\(HTMLText.escape(r.outcome))</td><td>\(HTMLText.escape(r.counts))</td></tr>"
    }
    b += "</table><p class=\"meta\">\(try index.count()) articles indexed.</p>"
    return .html(layout(title: "Archive", body: b))
  }
}
