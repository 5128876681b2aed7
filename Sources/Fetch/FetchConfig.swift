import Foundation

/// Settings of a `Fetcher`: identity, limits and timeouts. Times are in seconds, sizes in bytes.
public struct FetchConfig: Sendable {
  /// Minimum transfer speed: abort when slower than `bytesPerSecond` for `seconds`.
  public struct LowSpeed: Sendable, Equatable {
    public var bytesPerSecond: Int
    public var seconds: Int
    public init(bytesPerSecond: Int, seconds: Int) {
      self.bytesPerSecond = bytesPerSecond
      self.seconds = seconds
    }
  }

  /// The User-Agent header sent with every request.
  public var userAgent: String
  /// Time allowed to establish the TCP connection, in seconds.
  public var connectTimeout: Double
  /// Time allowed for the whole exchange (connect + request + response), in seconds.
  public var totalTimeout: Double
  /// Optional low-speed abort (CURLOPT_LOW_SPEED_LIMIT / _TIME).
  public var lowSpeed: LowSpeed?
  /// Largest body kept; beyond it the transfer is aborted and the response marked truncated.
  public var maxBodyBytes: Int
  /// Maximum transfers (and connections) in flight, all hosts together.
  public var maxConnections: Int
  /// Maximum transfers (and connections) in flight to one host.
  public var maxConnectionsPerHost: Int
  /// Sent verbatim as an Accept-Encoding header; curl does not decode (the archive keeps raw
  /// bytes), see `ContentDecoding`. Nil sends no Accept-Encoding.
  public var acceptEncoding: String?
  /// Size of the idle connection cache (CURLMOPT_MAXCONNECTS); defaults to `maxConnections`.
  public var connectionCacheSize: Int?
  /// Verify TLS certificates and host names (off only for portals with broken certificates).
  public var verifyTLS: Bool
  /// Longer request URLs are refused (`FetchError.urlTooLong`) before anything is sent.
  public var maxURLBytes: Int
  /// Whether any host may be connected to at a non-public address (loopback, private, CGNAT,
  /// link-local, unique-local, unspecified, and their IPv4-mapped forms; see
  /// `SocketAddress.nonPublicRange`). Off (the default), only `privateAddressHosts` may: the
  /// others fail with `FetchError.privateAddress`. The check runs on the address libcurl is
  /// about to connect to (CURLOPT_OPENSOCKETFUNCTION), so no DNS answer slips past it.
  public var allowPrivateAddresses: Bool
  /// Host names (lower case, as in the URL, without port; IPv6 literals in brackets) whose
  /// connections may go to non-public addresses even when `allowPrivateAddresses` is off: the
  /// crawler's seed hosts. More can be added while running (`Fetcher.allowPrivateAddresses`).
  public var privateAddressHosts: Set<String>
  /// CURLOPT_RESOLVE entries (hosts in the ASCII form URLs carry), one per host:port (see
  /// `ResolveEntry.merged`). The addresses an entry names are what the user asked for: a
  /// transfer to that host and port may connect to them even when they are non-public; any
  /// other non-public address stays refused.
  public var resolve: [ResolveEntry]

  public init(
    userAgent: String = "portal-archiver/0.1 (+https://example.invalid/portal-archiver)",
    connectTimeout: Double = 10, totalTimeout: Double = 30, lowSpeed: LowSpeed? = nil,
    maxBodyBytes: Int = 10 * 1024 * 1024, maxConnections: Int = 16, maxConnectionsPerHost: Int = 4,
    acceptEncoding: String? = "gzip, deflate", connectionCacheSize: Int? = nil,
    verifyTLS: Bool = true, maxURLBytes: Int = 64 * 1024, allowPrivateAddresses: Bool = false,
    privateAddressHosts: Set<String> = [], resolve: [ResolveEntry] = []
  ) {
    self.userAgent = userAgent
    self.connectTimeout = connectTimeout
    self.totalTimeout = totalTimeout
    self.lowSpeed = lowSpeed
    self.maxBodyBytes = maxBodyBytes
    self.maxConnections = maxConnections
    self.maxConnectionsPerHost = maxConnectionsPerHost
    self.acceptEncoding = acceptEncoding
    self.connectionCacheSize = connectionCacheSize
    self.verifyTLS = verifyTLS
    self.maxURLBytes = maxURLBytes
    self.allowPrivateAddresses = allowPrivateAddresses
    self.privateAddressHosts = privateAddressHosts
    self.resolve = resolve
  }
}
