import Foundation
import SamplePortal

/// Helpers for tests that use the bundled sample portal.
public enum SamplePortalFixtures {
  /// Runs `body` with a sample portal server listening on loopback, then stops it.
  ///
  /// `body` receives the server (for its request log) and the base URL `http://127.0.0.1:<port>`.
  public static func withServer<T: Sendable>(
    _ config: SamplePortalConfig = SamplePortalConfig(),
    _ body: (SamplePortalServer, URL) async throws -> T
  ) async throws -> T {
    let server = SamplePortalServer(site: SamplePortalSite(config: config))
    let port = try await server.start()
    do {
      var parts = URLComponents()
      parts.scheme = "http"
      parts.host = "127.0.0.1"
      parts.port = Int(port)
      guard let url = parts.url else {
        throw SamplePortalServer.Failure(description: "no URL for port \(port)")
      }
      let result = try await body(server, url)
      await server.stop()
      return result
    } catch {
      await server.stop()
      throw error
    }
  }

  /// The `href` and `src` values of an HTML page's bytes (the portal's links are all ASCII).
  public static func links(in body: [UInt8]) -> [String] {
    var out: [String] = []
    for attr in [Array("href=\"".utf8), Array("src=\"".utf8)] {
      var i = 0
      let n = body.count
      while i + attr.count <= n {
        if body[i] == attr[0] && body[i..<(i + attr.count)].elementsEqual(attr) {
          let start = i + attr.count
          var end = start
          while end < n && body[end] != UInt8(ascii: "\"") { end += 1 }
          out.append(String(decoding: body[start..<end], as: UTF8.self))
          i = end
        } else {
          i += 1
        }
      }
    }
    return out
  }

  /// Resolves `href` found on the page at site path `page` to a site path (with `?query`).
  ///
  /// Returns nil for absolute URLs (the portal links offsite only that way), `javascript:` and
  /// `mailto:`. A small RFC 3986 dot-segment resolver: Foundation's `URL.standardized` mangles
  /// relative URLs on Linux.
  public static func resolve(_ href: String, against page: String) -> String? {
    if href.hasPrefix("javascript:") || href.hasPrefix("mailto:") || href.contains("://")
      || href.hasPrefix("//")
    {
      return nil
    }
    var h = Substring(href)
    if let hash = h.firstIndex(of: "#") { h = h[..<hash] }
    var query: Substring = ""
    if let q = h.firstIndex(of: "?") {
      query = h[q...]
      h = h[..<q]
    }
    var pagePath = Substring(page)
    if let q = pagePath.firstIndex(of: "?") { pagePath = pagePath[..<q] }
    var segments: [Substring]
    if h.hasPrefix("/") {
      segments = []
      h = h.dropFirst()
    } else {
      segments = Array(
        pagePath.split(separator: "/", omittingEmptySubsequences: false).dropFirst().dropLast())
      if h.isEmpty { return String(pagePath) + query }
    }
    let parts = h.split(separator: "/", omittingEmptySubsequences: false)
    for (k, part) in parts.enumerated() {
      let last = k == parts.count - 1
      switch part {
      case ".": if last { segments.append("") }
      case "..":
        if !segments.isEmpty { segments.removeLast() }
        if last { segments.append("") }
      default: segments.append(part)
      }
    }
    return "/" + segments.joined(separator: "/") + query
  }

  /// Every site path reachable from the home page by following links in-process (no HTTP),
  /// skipping `/search/`, `/calendar/`, `javascript:` and offsite links; returns path → status.
  ///
  /// A 500 is retried once (as a crawler would); redirects are followed.
  public static func reachable(_ site: SamplePortalSite) -> [String: Int] {
    var seen: [String: Int] = [:]
    var queue = [site.homePath]
    var queued: Set<String> = [site.homePath]
    var head = 0
    func enqueue(_ p: String) {
      if p.hasPrefix("/search/") || p.hasPrefix("/calendar/") { return }
      if queued.insert(p).inserted { queue.append(p) }
    }
    while head < queue.count {
      let path = queue[head]
      head += 1
      var response = site.response(for: path, headers: [:])
      seen[path] = response.status
      if response.status == 500 { response = site.response(for: path, headers: [:]) }
      if response.status == 301 || response.status == 302 {
        if let location = response.header("Location"), let p = resolve(location, against: path) {
          enqueue(p)
        }
        continue
      }
      guard response.header("Content-Type")?.hasPrefix("text/html") == true else { continue }
      for href in links(in: response.body) {
        if let p = resolve(href, against: path) { enqueue(p) }
      }
    }
    return seen
  }
}
