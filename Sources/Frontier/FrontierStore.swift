import Foundation
import Index

/// What the crawl engine needs of its durable state, whichever database holds it.
///
/// `Frontier` (SQLite, one machine, the default) conforms; a store shared by several workers
/// conforms too. The engine keeps a bounded working set in memory and reads and writes the
/// store through these calls only: the URL records (queue, seen set), runs, captures (the
/// digest index and the archive's URL index), pending article extractions, fingerprints, site
/// models, page errors and the WARC files' durable ends.
///
/// Threading: every call may come from any thread; a conforming type serialises its own
/// writes. `commit(_:)` applies a batch atomically: a kill leaves all of it or none.
public protocol FrontierStore: AnyObject, Sendable {
  // MARK: URLs: queue and seen set

  /// One URL's record.
  func record(for url: String) throws -> URLRecord?
  /// The records of those of `urls` known from runs other than `run`, and the URLs `run` met.
  func records(for urls: [String], exceptRun run: Int64) throws
    -> (records: [String: URLRecord], inRun: Set<String>)
  /// Up to `limit` queued URLs of `run` at `origin` after queue position `afterSeq`, in order.
  func queued(run: Int64, origin: String, afterSeq: Int64, limit: Int) throws -> [URLRecord]
  /// How many URLs of `run` are queued.
  func queuedCount(run: Int64) throws -> Int
  /// Counts of the URLs a run touched, by state.
  func stateCounts(run: Int64) throws -> [URLState: Int]
  /// The largest queue position given so far.
  func maxSeq() throws -> Int64
  /// URLs whose path is `prefix` with some query, except those the query variants cap passed.
  func queryVariants(of prefix: String) throws -> [String]
  /// Every origin the state knows.
  func origins() -> [String]
  /// Stored sitemap `<lastmod>` values (unix seconds) of those of `urls` that have one.
  func sitemapLastmods(for urls: [String]) throws -> [String: Int64]

  // MARK: Commits

  /// Applies a batch of changes in one transaction.
  func commit(_ batch: CommitBatch) throws

  // MARK: Captures: digest index, pending articles, fingerprints

  /// The newest capture of `url`.
  func latestCapture(of url: String) throws -> Capture?
  /// The capture stored last (the archive's committed tail).
  func lastCapture() throws -> Capture?
  /// The first response capture with payload `digest` (what a revisit refers to).
  func firstCapture(digest: String) throws -> Capture?
  /// Hosts that have article responses waiting for their site model.
  func pendingHosts() throws -> [String]
  /// Up to `limit` of a host's pending article responses after `afterRow`, oldest first.
  func pendingArticles(host: String, afterRow: Int64, limit: Int) throws
    -> [(row: Int64, article: PendingArticle)]
  /// The oldest article whose text fingerprint is within `threshold` bits of `hash`.
  func nearDuplicate(of hash: UInt64, threshold: Int, excluding url: String) throws -> String?

  // MARK: Runs and site models

  /// The run that has not ended, if any.
  func unfinishedRun() throws -> RunRecord?
  /// The newest run.
  func lastRun() throws -> RunRecord?
  /// One run by id.
  func run(id: Int64) throws -> RunRecord?
  /// The newest `limit` runs, newest first.
  func runs(limit: Int) throws -> [RunRecord]
  /// Starts a new run.
  func startRun(seeds: [String], at time: Double) throws -> RunRecord
  /// Stores a run's outcome, counts and end.
  func updateRun(_ run: RunRecord) throws
  /// Stores a run's exit code and verdict.
  func setVerdict(run id: Int64, exitCode: Int32, verdict: String) throws
  /// The newest `limit` page errors of a run.
  func errors(run: Int64, limit: Int) throws -> [PageError]
  /// The site models learned so far, by host.
  func siteModels() throws -> [String: [UInt8]]

  // MARK: Reports

  /// Every URL of `run` that was skipped, in URL order.
  func forEachSkipped(run: Int64, _ body: (URLRecord) throws -> Void) throws
  /// Every page error of `run`, oldest first.
  func forEachError(run: Int64, _ body: (PageError) throws -> Void) throws
  /// Every revisit capture of `run`, with the URL of the capture it refers to.
  func forEachRevisit(run: Int64, _ body: (Capture, String?) throws -> Void) throws
  /// The durable fetches of `run`: URLs, robots.txt files, errors.
  func fetchTotals(run: Int64) throws -> (urls: Int, robots: Int, errors: Int)

  // MARK: Reconciling with the archive's files

  /// WARC files whose size (`size`, nil when gone) is below their recorded durable end.
  func cutFiles(size: (String) -> Int64?) throws -> [CutFile]
  /// Records a WARC file's durable end (bytes; negative forgets the file).
  func setFileEnd(_ file: String, size: Int64) throws
  /// Captures whose records are no longer in their files.
  func lostCaptures(size: (String) -> Int64?) throws -> [Capture]
  /// Queues the article records of `urls` again; returns how many were queued.
  func requeueArticleRecords(of urls: [String]) throws -> Int
  /// URLs whose article responses wait for their records.
  func pendingArticleURLs() throws -> Set<String>
  /// Every WARC file that holds a capture.
  func captureFiles() throws -> [String]
  /// The captures stored in one WARC file.
  func captures(inFile file: String) throws -> [Capture]
  /// Revisit captures that refer to one of `lost`.
  func dependentRevisits(of lost: [Capture]) throws -> [Capture]
  /// Forgets lost captures and queues their URLs again.
  func forget(_ lost: [Capture]) throws
}

extension Frontier: FrontierStore {}
