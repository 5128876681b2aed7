import Foundation
import HTML

/// Rewrites an archived HTML page for replay: every href, src, action, background and poster
/// URL points to the app's replay of the capture nearest `timestamp`, and a banner naming the
/// capture goes after `<body>`.
///
/// Links are resolved against the page URL and canonicalized as the crawl stored them, so a
/// rewritten link finds the capture if there is one. `javascript:`, `mailto:`, `data:` and
/// fragment-only links are left as they are (the page is sandboxed: no script runs). Stateless.
struct ReplayRewriter {
  let pageURL: String
  let timestamp: String
  let canonicalizer = URLCanonicalizer()

  private static let attribute = try? NSRegularExpression(
    pattern:
      "(\\s(?:href|src|action|background|poster)\\s*=\\s*)(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+))",
    options: [.caseInsensitive])
  private static let body = try? NSRegularExpression(pattern: "<body[^>]*>", options: [.caseInsensitive])

  /// The replay path of `url` near this page's capture.
  func replayPath(_ url: String) -> String {
    "/replay" + HTMLText.query([("url", url), ("at", timestamp)])
  }

  func rewrite(_ html: String, banner: String) -> String {
    var out = rewriteLinks(html)
    let ns = out as NSString
    if let m = Self.body?.firstMatch(in: out, range: NSRange(location: 0, length: ns.length)) {
      out = ns.replacingCharacters(
        in: NSRange(location: m.range.location + m.range.length, length: 0), with: banner)
    } else {
      out = banner + out
    }
    return out
  }

  func rewriteLinks(_ html: String) -> String {
    guard let re = Self.attribute else { return html }
    let ns = html as NSString
    var out = ""
    var last = 0
    for m in re.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
      out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
      let prefix = ns.substring(with: m.range(at: 1))
      var value = ""
      for g in 2...4 where m.range(at: g).location != NSNotFound {
        value = ns.substring(with: m.range(at: g))
      }
      out += prefix + "\"" + HTMLText.escape(target(of: value)) + "\""
      last = m.range.location + m.range.length
    }
    out += ns.substring(from: last)
    return out
  }

  /// Where a link of the archived page leads in the replay.
  func target(of raw: String) -> String {
    let value = raw.replacingOccurrences(of: "&amp;", with: "&")
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let lower = value.lowercased()
    if value.isEmpty || value.hasPrefix("#") || lower.hasPrefix("javascript:")
      || lower.hasPrefix("mailto:") || lower.hasPrefix("data:")
    {
      return value
    }
    guard let absolute = canonicalizer.canonicalize(value, against: pageURL) else { return "#" }
    return replayPath(absolute)
  }
}
