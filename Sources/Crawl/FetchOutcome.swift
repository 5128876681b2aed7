import Fetch
import Frontier
import WARC

/// What a worker made of one fetch, handed to the engine.
struct FetchOutcome: Sendable {
  /// The URL's record when its fetch started.
  var record: URLRecord
  var result: Result<FetchResponse, FetchError>
  /// sha1 (base32) of the body as received.
  var payloadDigest: String?
  var isHTML = false
  var analysis: PageAnalysis?
  /// The canonical Location of a redirect.
  var redirectTarget: String?
  /// Why a redirect's Location gave no target (missing, another scheme, not a URL).
  var redirectProblem: String?
  /// Why an HTML body could not be analysed (bad Content-Encoding, decoded size over the limit).
  var decodeProblem: String?
  /// Set when the response came from the archive tail on resume instead of the network.
  var adopted: AdoptedCapture?
  /// What a sitemap's 200 response listed (records of kind `.sitemap` only).
  var sitemap: SitemapFindings?
  /// The canonical `url()`/`@import` references of a requisite stylesheet's 200 response
  /// (records of kind `.requisite` only; `Crawler+Requisites`).
  var styleLinks: [String]?
  /// The frontier keys a POST key's 200 answer lists (JCMS record links and later POSTs;
  /// `Crawler+ScriptPagination`), nil for any other record.
  var postLinks: [String]?
  /// Seconds from the request's submission to its completion (0 for an adopted response).
  var duration = 0.0
}

/// A response or revisit record found in the archive after the last committed capture: it was
/// written before a kill, so the resumed run takes it as fetched instead of fetching it again.
struct AdoptedCapture: Sendable {
  var location: WARCLocation
  var recordID: String
  var warcDate: String
  var recordType: String
  /// The article's metadata and conversion records follow it in the archive.
  var hasArticleRecords: Bool
}

/// One fetch's worth of work for the archive sink.
struct ArchiveJob: Sendable {
  var record: URLRecord
  /// Records of URLs this page discovered or re-queued (persisted with it).
  var newRecords: [URLRecord] = []
  var response: FetchResponse?
  var payloadDigest: String?
  var analysis: PageAnalysis?
  var kind: URLKind = .unknown
  var error: PageError?
  /// The URL's payload digest from its earlier fetch, for server-not-modified revisits.
  var previousDigest: String?
  var adopted: AdoptedCapture?
  /// Sitemap `<lastmod>` values of the URLs a sitemap listed (committed with `newRecords`).
  var sitemapLastmods: [String: Int64] = [:]

  init(
    record: URLRecord, response: FetchResponse? = nil, kind: URLKind = .unknown,
    error: PageError? = nil
  ) {
    self.record = record
    self.response = response
    self.kind = kind
    self.error = error
  }
}
