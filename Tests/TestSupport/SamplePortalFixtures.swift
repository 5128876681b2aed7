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
      let url = URL(string: "http://127.0.0.1:\(port)")!
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
    let text = String(decoding: body, as: UTF8.self)
    var out: [String] = []
    for attr in ["href=\"", "src=\""] {
      var rest = text[...]
      while let start = rest.range(of: attr) {
        rest = rest[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { break }
        out.append(String(rest[..<end]))
        rest = rest[end...]
      }
    }
    return out
  }

  /// Every site path reachable from the home page by following links in-process (no HTTP),
  /// skipping `/search/`, `/calendar/`, `javascript:` and offsite links; returns path → status.
  public static func reachable(_ site: SamplePortalSite) -> [String: Int] {
    let base = URL(string: "http://portal.test")!
    var seen: [String: Int] = [:]
    var queue = [site.homePath]
    var queued: Set<String> = [site.homePath]
    var head = 0
    while head < queue.count {
      let path = queue[head]
      head += 1
      var response = site.response(for: path, headers: [:])
      if response.status == 500 {
        seen[path] = 500  // retried once, as a crawler would
        response = site.response(for: path, headers: [:])
      } else {
        seen[path] = response.status
      }
      var body = response.body
      var current = path
      if response.status == 301 || response.status == 302 {
        guard let location = response.header("Location") else { continue }
        current = location
        body = []
        if let u = URL(string: location, relativeTo: base), u.host == "portal.test" {
          let p = u.path + (u.query.map { "?" + $0 } ?? "")
          if queued.insert(p).inserted { queue.append(p) }
        }
      }
      guard response.header("Content-Type")?.hasPrefix("text/html") == true else { continue }
      let pageURL = URL(string: current, relativeTo: base) ?? base
      for href in links(in: body) {
        guard !href.hasPrefix("javascript:"), let u = URL(string: href, relativeTo: pageURL),
          u.host == "portal.test"
        else { continue }
        // `absoluteString` resolves dot segments and keeps a trailing slash (`standardized` drops it).
        var p = URLComponents(string: u.absoluteString)?.path ?? "/"
        if p.isEmpty { p = "/" }
        if p.hasPrefix("/search/") || p.hasPrefix("/calendar/") { continue }
        if let q = u.query { p += "?" + q }
        if queued.insert(p).inserted { queue.append(p) }
      }
    }
    return seen
  }
}
