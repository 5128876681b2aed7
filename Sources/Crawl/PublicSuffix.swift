import CPSL

/// Registrable domains ("eTLD+1") from the Public Suffix List, through libpsl: the newest list
/// the system has (Debian's `publicsuffix` package), else the one built into libpsl.
///
/// Hand-writing the rule set (wildcards, exceptions, `gov.cn` and the province second levels of
/// `.cn`) is what libpsl exists for; curl uses it for its cookie rules. Thread-safe: the list is
/// loaded once and only read afterwards (libpsl's lookups do not modify the context).
enum PublicSuffix {
  /// The loaded list; nil when libpsl found none (then no host has a registrable domain).
  private final class List: @unchecked Sendable {
    let context: OpaquePointer?
    init() { context = psl_latest(nil) ?? psl_builtin() }
  }

  private static let list = List()

  /// The registrable domain of a lower-case ASCII (punycode) host name: `liaoning.gov.cn` for
  /// `www.liaoning.gov.cn`; nil for IP addresses, public suffixes themselves (`gov.cn`) and
  /// single labels (`localhost`).
  static func registrableDomain(of host: String) -> String? {
    guard !host.isEmpty, !isIPAddress(host), let context = list.context else { return nil }
    // The result points into the argument: read it while the C string is alive.
    return host.withCString { name in
      psl_registrable_domain(context, name).map { String(cString: $0) }
    }
  }

  /// Whether `host` is an IPv4 address in dotted form or a bracketed IPv6 address (as canonical
  /// URLs write them).
  static func isIPAddress(_ host: String) -> Bool {
    if host.hasPrefix("[") { return true }
    let labels = host.split(separator: ".", omittingEmptySubsequences: false)
    // Canonical hosts write IPv4 in decimal, four labels.
    return labels.count == 4
      && labels.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
  }
}
