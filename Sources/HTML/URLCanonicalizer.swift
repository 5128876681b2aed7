import Foundation

// STUB: to be replaced (RFC 3986 resolution, canonicalisation, session-id removal).

/// Resolves and canonicalises URLs so that one resource has one spelling in the frontier.
public struct URLCanonicalizer: Sendable {
  /// Query parameters removed as session ids (compared case-insensitively).
  public var sessionParameters: Set<String>

  public static let defaultSessionParameters: Set<String> = [
    "jsessionid", "phpsessid", "sid", "sessionid", "aspsessionid", "cfid", "cftoken",
  ]

  public init(sessionParameters: Set<String> = URLCanonicalizer.defaultSessionParameters) {
    self.sessionParameters = Set(sessionParameters.map { $0.lowercased() })
  }

  /// The canonical form of an absolute http(s) URL, or nil when it is not one.
  public func canonicalize(_ url: String) -> String? {
    guard let u = URL(string: url), let scheme = u.scheme?.lowercased(),
      scheme == "http" || scheme == "https"
    else { return nil }
    var c = URLComponents(url: u, resolvingAgainstBaseURL: false)
    c?.fragment = nil
    return c?.string
  }

  /// Resolves `reference` against `base` (RFC 3986 §5), or nil when it cannot be.
  public static func resolve(_ reference: String, against base: String) -> String? {
    guard let b = URL(string: base), let u = URL(string: reference, relativeTo: b) else {
      return nil
    }
    return u.absoluteString
  }

  /// The lower-cased host of an absolute URL.
  public static func host(of url: String) -> String? {
    URL(string: url)?.host?.lowercased()
  }
}
