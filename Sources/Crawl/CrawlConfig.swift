/// Everything a crawl can be told, with polite defaults for a real portal.
///
/// Loaded from crawl.conf (TOML, see `CrawlConfig+TOML.swift`); command-line flags override it.
/// Durations are seconds, sizes bytes.
public struct CrawlConfig: Sendable, Equatable {
  /// A name for the crawl, written into every WARC's warcinfo (isPartOf).
  public var name = "portal-archiver"
  /// Start URLs. Their hosts are in scope.
  public var seeds: [String] = []
  /// The archive root (WARC files under YYYY/MM/DD/, and the state DB by default).
  public var archive = "archive"
  /// The state DB; empty means `<archive>/state.sqlite`.
  public var state = ""
  /// Stop after this many fetches in a run (0: no limit).
  public var maxPages = 0
  /// Links deeper than this from a seed are not followed.
  public var maxDepth = 25
  /// Transfers in flight at once, over all hosts.
  public var concurrency = 8
  /// Connections to one host at once.
  public var perHostConnections = 4
  /// Seconds between the starts of two requests to one host (robots.txt Crawl-delay wins when
  /// larger, up to `maxCrawlDelay`).
  public var delay = 0.2
  /// The largest robots.txt Crawl-delay obeyed.
  public var maxCrawlDelay = 30.0
  /// Articles and files archived more recently than this are not fetched again; older ones are
  /// revalidated with a conditional request.
  public var recrawlAfter = 7.0 * 86_400
  public var userAgent = "portal-archiver/0.1 (+https://example.invalid/portal-archiver)"
  public var obeyRobots = true

  // Scope and traps.
  /// Hosts in scope besides the seeds' hosts (exact names; kept beside `scopeHosts`).
  public var extraHosts: [String] = []
  /// `scope.hosts`: host names in scope, exact or `*.example.gov.cn` (the domain and every name
  /// under it).
  public var scopeHosts: [String] = []
  /// `scope.subdomains`: every host under a seed's registrable domain (Public Suffix List) is in
  /// scope: a portal's department subdomains, its static host.
  public var subdomains = true
  /// `scope.requisites`: the images, stylesheets, scripts, media and attachments (pdf, doc, xls,
  /// zip, …) an in-scope page embeds or links are fetched from any host, one transclusion hop
  /// (a fetched stylesheet's `url()` references one more), without adding depth and never as
  /// articles; an out-of-scope host's links are not followed. Robots, size and politeness
  /// limits apply as to any URL.
  public var requisites = true
  /// Regular expressions; when any is given, a URL must match one to be followed.
  public var allow: [String] = []
  /// Regular expressions; a URL matching one is not followed.
  public var deny: [String] = []
  public var maxURLLength = 1024
  /// How many URLs may share one path with only the query changing (defeats calendar traps).
  public var maxQueryVariants = 50
  /// The most links taken from one page, in document order; the rest are not followed (a
  /// warning names the page). Portal list pages link a few hundred.
  public var maxLinksPerPage = 10_000
  /// `scope.sitemaps`: read the sitemaps of every host in scope (its robots.txt `Sitemap:`
  /// lines and `/sitemap.xml`) and queue their URLs like links; a newer `<lastmod>` makes a
  /// captured article be revalidated before `recrawl_after_days`.
  public var sitemaps = true
  /// `scope.sitemap_max_files`: sitemap files fetched per host and run, index children included.
  public var sitemapMaxFiles = 100
  /// `scope.sitemap_max_nesting`: sitemap levels read (1: a sitemap index's children are not
  /// fetched; 3: an index of indexes of URL sets).
  public var sitemapMaxNesting = 3
  /// `scope.sitemap_max_bytes`: the largest sitemap read after gzip inflation (bytes; the
  /// protocol allows 50 MB).
  public var sitemapMaxBytes = 50 * 1024 * 1024
  /// `scope.script_pagination`: read the list pagination portals write only in script (TRS
  /// WCM `createPageHTML`/`countPage`, Hanweb JCMS `<datastore>` records and `jpage` POST
  /// pages, `ScriptPagination`) and queue what it describes like links, the JCMS pages as POSTs.
  public var scriptPagination = true
  /// `scope.script_pagination_max_pages`: list pages one page's script may describe (a
  /// `countPage` of 10^9 is cut there), per list.
  public var scriptPaginationMaxPages = 1000
  /// Query parameters dropped as session ids.
  public var sessionParameters = [
    "jsessionid", "phpsessid", "sid", "sessionid", "aspsessionid", "cfid", "cftoken",
  ]

  // Fetch.
  public var connectTimeout = 10.0
  public var timeout = 20.0
  public var maxBodyBytes = 10 * 1024 * 1024
  /// Attempts per URL in one run (retries of 5xx, 429, timeouts and resets).
  public var maxAttempts = 3
  /// First retry delay; doubled each attempt.
  public var retryDelay = 1.0
  /// The longest wait before a retry: the backoff's cap, and a Retry-After asking for longer
  /// fails the URL in this run.
  public var maxRetryWait = 60.0
  public var maxRedirects = 10
  /// Whether links may lead to hosts at loopback, private, CGNAT, link-local or unique-local
  /// addresses. Off, only the seeds' hosts (and the hosts seeds redirect to) may be there.
  public var allowPrivateAddresses = false
  /// `fetch.resolve`: "HOST:PORT:ADDR[,ADDR...]" entries as curl's `--resolve` takes them
  /// (CURLOPT_RESOLVE), as written; `--resolve` flags are appended after them and win for the
  /// same host:port (`resolveEntries()`). Their addresses may be private: the user named them.
  public var resolve: [String] = []

  // Archive.
  /// WARC file name prefix.
  public var prefix = "portal"
  public var maxFileSize: Int64 = 1_000_000_000
  public var gzipLevel = 6
  /// The archive is fsync'd (and the state committed) after this many fetches …
  public var syncEvery = 64
  /// … or this many seconds, whichever comes first.
  public var syncInterval = 1.0

  // Report.
  /// A completed run whose page errors (dead links, timeouts, truncated bodies, 5xx after
  /// retries …) reach this share of the pages fetched exits 3 instead of 0. 0.1: dead links are
  /// routine on portals (the simulated portal with its faults has 7.4% of its fetches failing,
  /// nearly all 404s of dead article links); well above that, something systemic — a host down,
  /// a block, a changed site — needs a person.
  public var maxErrorRate = 0.1

  // Engine.
  /// URLs per generation of the engine's seen cache (`WorkingSet`, 8-byte hashes: 2 × 64 K ×
  /// 8 B, about 2 MiB with the sets' slack): memory, not behaviour (a URL the cache forgot is
  /// recognised by its record). Not in crawl.conf; tests make it tiny.
  public var seenCacheCapacity = 65_536

  // Extraction.
  /// Phrases always stripped from article paragraphs, besides learned watermarks.
  public var watermarks: [String] = []
  /// XPath expressions of nodes to drop before extraction.
  public var dropXPaths: [String] = []

  public init() {}

  /// The state DB path.
  public var statePath: String {
    state.isEmpty ? archive + "/state.sqlite" : state
  }
}
