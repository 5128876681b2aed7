/// The state of one URL in the frontier.
public enum URLState: Int, Sendable, Codable, CaseIterable {
  case queued = 0
  case inFlight = 1
  case done = 2
  case failed = 3
  case skipped = 4

  public var name: String {
    switch self {
    case .queued: "queued"
    case .inFlight: "in_flight"
    case .done: "done"
    case .failed: "failed"
    case .skipped: "skipped"
    }
  }
}

/// What a URL turned out to be, which decides how later runs revisit it.
public enum URLKind: Int, Sendable, Codable {
  /// Not fetched yet.
  case unknown = 0
  /// An HTML article: not fetched again until older than `recrawl_after`, then conditionally.
  case article = 1
  /// A list, home or channel page (or a seed): revalidated every run.
  case page = 2
  /// A non-HTML resource (image, PDF): treated like an article.
  case resource = 3
  /// A redirect.
  case redirect = 4
  /// A sitemap (queued as one: from robots.txt, `/sitemap.xml` or a sitemap index): archived,
  /// read for URLs, fetched again every run (unconditionally), never an article.
  case sitemap = 5
  /// Queued as a page requisite (an image, stylesheet, script or attachment an in-scope page
  /// embeds or links: one transclusion hop, from any host): becomes `.resource` when fetched,
  /// never an article; a stylesheet's `url()` references are queued as `.styleRequisite`.
  case requisite = 6
  /// Queued as a reference of a fetched requisite stylesheet (fonts, images, `@import`; the
  /// second transclusion hop): its own references are not followed.
  case styleRequisite = 7

  /// Whether the URL was queued as a page requisite (either transclusion hop).
  public var isRequisite: Bool { self == .requisite || self == .styleRequisite }
}

/// One row of the frontier: a URL, its state in the run that last touched it, and what is known
/// of its last fetch.
public struct URLRecord: Sendable, Equatable {
  public var url: String
  public var host: String
  public var state: URLState
  /// Why a URL failed or was skipped ("robots", "depth", "timeout", "http 404", …).
  public var reason: String?
  public var depth: Int
  /// The page the URL was found on.
  public var parent: String?
  public var kind: URLKind
  /// Fetch attempts in the current run.
  public var attempts: Int
  public var lastStatus: Int?
  public var etag: String?
  public var lastModified: String?
  /// sha1 payload digest (base32, "sha1:…") of the last 200 response.
  public var digest: String?
  /// Unix seconds of the last completed fetch.
  public var fetchedAt: Double?
  /// The run that last scheduled or processed this URL.
  public var runID: Int64
  /// Unix seconds before which a retry must not start.
  public var notBefore: Double?
  /// The redirect hops that led here, oldest first, newline-separated.
  public var redirectChain: String?
  /// Outlinks of a non-article page, newline-separated: followed again when it answers 304. A
  /// page requisite's line starts with "+" (`+http://static.example.cn/a.png`).
  public var outlinks: String?
  /// Position in the queue: URLs of one origin are fetched in `seq` order (breadth first). The
  /// engine assigns it when it queues the URL.
  public var seq: Int64

  public init(
    url: String, host: String, state: URLState = .queued, reason: String? = nil, depth: Int = 0,
    parent: String? = nil, kind: URLKind = .unknown, attempts: Int = 0, lastStatus: Int? = nil,
    etag: String? = nil, lastModified: String? = nil, digest: String? = nil,
    fetchedAt: Double? = nil, runID: Int64, notBefore: Double? = nil,
    redirectChain: String? = nil, outlinks: String? = nil, seq: Int64 = 0
  ) {
    self.url = url
    self.host = host
    self.state = state
    self.reason = reason
    self.depth = depth
    self.parent = parent
    self.kind = kind
    self.attempts = attempts
    self.lastStatus = lastStatus
    self.etag = etag
    self.lastModified = lastModified
    self.digest = digest
    self.fetchedAt = fetchedAt
    self.runID = runID
    self.notBefore = notBefore
    self.redirectChain = redirectChain
    self.outlinks = outlinks
    self.seq = seq
  }
}
