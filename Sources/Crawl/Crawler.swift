import Dispatch
import Extract
import Fetch
import Foundation
import Frontier
import HTML
import Logging
import WARC

/// The crawl engine: joins fetch, content pipeline, archive and frontier.
///
/// Owners of the state (each piece has exactly one):
/// - `engine` (serial queue) owns the scheduler: `working` (the bounded working set of URL
///   records), `hosts` (per-origin ready queues, politeness, robots), the run's counters, the
///   stop flags. Its one timer is the politeness wake-up (`engine.asyncAfter`).
/// - the fetcher's poll thread owns libcurl; completions go to `work` (concurrent, utility QoS)
///   for the content pipeline, which touches no engine state, then back to `engine`.
/// - `ArchiveSink`'s serial queue owns the WARC writer and is the only committer of crawl
///   results to the state DB; its timer flushes the batch. It tells the engine (on `engine`)
///   which records each commit made durable.
/// - the state DB (`Frontier`): GRDB's pool serialises writes on its writer connection; the
///   engine and the sink read through the pool's two reader connections (1 MiB page cache
///   each, 4 MiB for the writer).
/// - `SiteModels` (learned per host by the workers) has its own lock.
///
/// Memory is bounded by concurrency and batch sizes, not by the site: per origin at most
/// `HostState.readyCapacity` ready records (refilled from the DB in queue order), the overlay
///   of in-flight and not-yet-committed records (concurrency + the sink's backlog of at most
///   `ArchiveSink.maxBacklogJobs` jobs and one batch of `sync_every` fetches, each with its
///   page's new links), a seen cache of at most 2 × `WorkingSet.seenCapacity` URL hashes (8
///   bytes each), and retries waiting for their backoff. Hosts grow with the hosts met, not
///   with URLs.
/// `run` blocks the calling thread until the run ends.
public final class Crawler: @unchecked Sendable {
  let config: CrawlConfig
  let logger: Logger
  let canonicalizer: URLCanonicalizer
  let progress: ProgressReporter?
  let retryPolicy: RetryPolicy

  let engine = DispatchQueue(label: "portal-archiver.engine")
  let delivery = DispatchQueue(label: "portal-archiver.delivery")
  /// The content pipeline's workers; utility QoS keeps them from starving the default pool
  /// (and Swift concurrency's executor, which shares it) when the crawler is embedded.
  let work = DispatchQueue(label: "portal-archiver.work", qos: .utility, attributes: .concurrent)

  // Engine state: touched only on `engine` (or before the run starts, on the caller's thread).
  var frontier: (any FrontierStore)!
  var sink: ArchiveSink!
  var fetcher: Fetcher!
  var pipeline: PagePipeline!
  var scope: ScopeFilter!
  var run = RunRecord(id: 0, started: 0, outcome: .running, seeds: [])
  var resumed = false
  let working: WorkingSet
  var hosts: [String: HostState] = [:]
  var hostOrder: [String] = []
  var roundRobin = 0
  var inFlight = 0
  var fetchesStarted = 0
  /// Queue positions handed out so far (`URLRecord.seq`).
  var lastSeq: Int64 = 0
  /// URLs queued in this run and not started yet (for the progress line only).
  var queuedEstimate = 0
  var seeds: [String] = []
  var stopReason: String?
  var stopCause: StopCause?
  var stopRequests = 0
  var transfersAbandoned = false
  /// The run's crawl log (engine queue).
  var crawlLog: CrawlLog?
  /// The run's pages and errors when this process took it over (a resumed run counts the
  /// earlier processes' too): the progress line's rates are this process's.
  var countsAtStart = RunCounts()
  var wakeScheduled = false
  var startedAt = 0.0
  var finishing = false
  /// Set when the state DB could not be read: the run stops and ends as failed (exit 74).
  var stateError: (any Error)?
  private let done = DispatchSemaphore(value: 0)
  private var summary: CrawlSummary?

  public init(config: CrawlConfig, logger: Logger, progress: ProgressReporter? = nil) {
    self.config = config
    self.logger = logger
    self.progress = progress
    working = WorkingSet(seenCapacity: max(1, config.seenCacheCapacity))
    canonicalizer = URLCanonicalizer(sessionParameters: Set(config.sessionParameters))
    retryPolicy = RetryPolicy(
      maxAttempts: config.maxAttempts, baseDelay: config.retryDelay, factor: 2, jitter: 0.2,
      maxDelay: config.maxRetryWait)
  }

  static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
  static func wallClock() -> Double { Date().timeIntervalSince1970 }

  /// Runs (or resumes) a crawl to its end, a stop request, or `maxPages`.
  ///
  /// - Parameter fresh: abandon an unfinished run instead of resuming it.
  public func run(fresh: Bool) throws -> CrawlSummary {
    try FileManager.default.createDirectory(
      atPath: config.archive, withIntermediateDirectories: true)
    let frontier = try Self.openState(config: config, logger: logger, canonicalizer: canonicalizer)
    self.frontier = frontier
    startedAt = Self.now()

    // Which run: resume the unfinished one unless told otherwise.
    if let unfinished = try frontier.unfinishedRun() {
      if fresh {
        var abandoned = unfinished
        abandoned.ended = Self.wallClock()
        abandoned.outcome = .abandoned
        try frontier.updateRun(abandoned)
        logger.info("abandoned unfinished run \(unfinished.id) (--fresh)")
      } else {
        run = unfinished
        run.outcome = .running
        run.ended = nil
        resumed = true
      }
    }
    seeds = try canonicalSeeds(
      resumed ? (config.seeds.isEmpty ? run.seeds : config.seeds) : config.seeds)
    if !resumed { run = try frontier.startRun(seeds: seeds, at: Self.wallClock()) }
    try frontier.updateRun(run)
    countsAtStart = run.counts
    scope = try ScopeFilter(
      config: config, seedHosts: seeds.compactMap { URLParts($0).map { String($0.host) } })
    crawlLog = try CrawlLog(root: config.archive, runID: run.id)

    let writer = try WARCWriter(config: warcConfig())
    for repair in writer.repairs { logger.notice("archive repaired: \(repair)") }
    try Self.reconcile(frontier, root: config.archive, logger: logger)
    let models = SiteModels(stored: try frontier.siteModels())
    pipeline = PagePipeline(
      canonicalizer: canonicalizer,
      extractor: ArticleExtractor(
        config: ExtractionConfig(
          watermarkPhrases: config.watermarks, dropXPaths: config.dropXPaths)),
      models: models, maxBodyBytes: config.maxBodyBytes, maxLinks: config.maxLinksPerPage,
      scriptPaginationMaxPages: config.scriptPagination ? config.scriptPaginationMaxPages : 0)
    sink = try ArchiveSink(
      config: config, frontier: frontier, writer: writer, runID: run.id, pipeline: pipeline,
      logger: logger)
    // Nothing more can be archived: stop fetching at once. What was archived stays; the run ends
    // as failed (exit 74) and the next crawl resumes it.
    sink.onFailure = { [weak self] error in
      guard let self else { return }
      self.engine.async {
        self.stop(reason: "archive error: \(error)", abandon: true, cause: .archiveError)
      }
    }
    // The writer caught up after the engine paused for it: start fetching again.
    sink.onDrained = { [weak self] in
      guard let self else { return }
      self.engine.async { self.pump() }
    }
    // A batch became durable: its records leave the working set.
    sink.onCommitted = { [weak self] urls in
      guard let self else { return }
      self.engine.async {
        self.working.committed(urls)
        self.flushCrawlLog()
        self.pump()
      }
    }

    fetcher = try Fetcher(config: try fetchConfig(), deliveryQueue: delivery)
    // The engine's state is set up on the engine queue, which owns it; commits reported by the
    // sink meanwhile wait behind this block.
    try engine.sync {
      try loadQueue()
      if resumed {
        restoreSeedRedirectHosts()
        logger.notice(
          "resuming run \(run.id) (started \(Date(timeIntervalSince1970: run.started)))")
        // The run's records carry its id in the DB, so links found on adopted pages do not
        // queue finished URLs again.
        let adopted = try adoptArchiveTail()
        if adopted > 0 { logger.notice("recovered \(adopted) fetches archived before the stop") }
      } else {
        logger.info("starting run \(run.id) with \(seeds.count) seed(s)")
      }
      try scheduleSeeds()
    }
    progress?.start(self)
    engine.async { self.pump() }
    done.wait()
    progress?.stop()
    fetcher.shutdown()
    guard let summary else { throw CrawlError.archive("the run ended without a summary") }
    return summary
  }

  /// A signal (SIGINT, SIGTERM) asks the run to stop: the first stops new fetches and gives the
  /// transfers in flight `stopGrace` seconds before abandoning them; a second abandons them at
  /// once. Abandoned transfers stay queued for the next run. Safe from any thread (a signal
  /// source's queue).
  public func interrupt(signal name: String) {
    engine.async {
      if self.stopReason == nil {
        self.stop(reason: name, abandon: false, cause: .signal(name))
        guard self.inFlight > 0 else { return }
        self.engine.asyncAfter(deadline: .now() + Self.stopGrace) {
          guard self.inFlight > 0, !self.transfersAbandoned else { return }
          self.logger.notice(
            "\(Self.stopGrace) s are up: abandoning \(self.inFlight) transfer(s) in flight")
          self.abandonTransfers()
        }
      } else {
        self.logger.notice("\(name) again: abandoning \(self.inFlight) transfer(s) in flight now")
        self.abandonTransfers()
      }
    }
  }

  /// Seconds the transfers in flight get to finish after the first SIGINT or SIGTERM.
  public static let stopGrace = 1.5

  /// Stops taking new URLs (engine queue). Transfers in flight finish (bounded by the fetch
  /// timeout) and are archived, unless `abandon` is set or a stop was asked before: then they
  /// are cancelled and stay queued for the next run. The engine's own stops (max pages, a state
  /// error) call it directly, so that a `pump` already queued behind them sees the stop and
  /// does not ask again.
  func stop(reason: String, abandon: Bool, cause: StopCause) {
    if stopReason == nil {
      stopReason = reason
      stopCause = cause
      let what =
        if case .signal = cause {
          "no new fetches; \(inFlight) transfer(s) in flight get \(Self.stopGrace) s, then are"
            + " abandoned (again to abandon them now)"
        } else {
          "\(abandon ? "abandoning" : "finishing") \(inFlight) transfer(s) in flight"
        }
      logger.notice("stopping: \(reason); \(what)")
    } else if !abandon {
      logger.notice("stopping now: abandoning \(inFlight) transfer(s) in flight")
    }
    if abandon || stopRequests > 0 { abandonTransfers() }
    stopRequests += 1
    checkFinished()
  }

  /// Cancels every transfer in flight (their completions arrive as `.cancelled`; the URLs stay
  /// queued). libcurl's shutdown runs off the engine queue.
  func abandonTransfers() {
    guard !transfersAbandoned else { return }
    transfersAbandoned = true
    let fetcher = self.fetcher
    Thread { fetcher?.shutdown() }.start()
  }

  private func canonicalSeeds(_ raw: [String]) throws -> [String] {
    if raw.isEmpty { throw CrawlError.noSeeds }
    return try raw.map { seed in
      guard let canonical = canonicalizer.canonicalize(seed), URLParts(canonical) != nil else {
        throw CrawlError.badSeed(seed)
      }
      return canonical
    }
  }

  func warcConfig() -> WARCWriterConfig {
    var c = WARCWriterConfig(root: config.archive)
    c.prefix = config.prefix
    c.maxFileSize = config.maxFileSize
    c.gzipLevel = Int32(config.gzipLevel)
    c.warcinfoFields = [
      ("software", "portal-archiver/\(PortalArchiverVersion.string)"),
      ("format", "WARC File Format 1.1"),
      (
        "conformsTo",
        "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
      ),
      ("isPartOf", config.name),
      ("robots", config.obeyRobots ? "obey" : "ignore"),
      ("http-header-user-agent", config.userAgent),
      ("hostname", ProcessInfo.processInfo.hostName),
    ]
    return c
  }

  /// The fetcher's settings; throws a `ConfigError` for a bad `fetch.resolve` entry.
  func fetchConfig() throws -> FetchConfig {
    var c = FetchConfig()
    c.userAgent = config.userAgent
    c.connectTimeout = config.connectTimeout
    c.totalTimeout = config.timeout
    c.maxBodyBytes = config.maxBodyBytes
    c.maxConnections = config.concurrency
    c.maxConnectionsPerHost = config.perHostConnections
    c.allowPrivateAddresses = config.allowPrivateAddresses
    // The operator named the seeds: their hosts may be anywhere (tests and the demo run on
    // 127.0.0.1). Hosts a seed redirects to are added as the redirects arrive.
    c.privateAddressHosts = Set(seeds.compactMap { URLParts($0).map { String($0.host) } })
    // The entries' own addresses are let through for their host:port only (user intent).
    c.resolve = try config.resolveEntries()
    return c
  }

  /// Current figures for the progress line (read on the engine queue).
  func snapshot(_ body: @escaping @Sendable (ProgressSnapshot) -> Void) {
    engine.async {
      body(
        ProgressSnapshot(
          runID: self.run.id, pages: self.run.counts.pages,
          processPages: self.run.counts.pages - self.countsAtStart.pages,
          queued: max(0, self.queuedEstimate), inFlight: self.inFlight,
          bytes: self.run.counts.bytes, errors: self.run.counts.errors,
          errorsByKind: self.run.counts.errorsByKind, elapsed: Self.now() - self.startedAt))
    }
  }

  /// The run's summary with its exit code and verdict; writes the crawl log out, the run's
  /// report, and the verdict into the runs table (engine queue, after the sink's last commit).
  private func conclude(
    _ ending: RunRecord, outcome: RunOutcome, counts: RunCounts, queued: Int, duration: Double
  ) -> CrawlSummary {
    let failures = outcome == .failed || stopCause != nil ? [] : seedFailures()
    let (code, verdict) = verdict(
      outcome: outcome, counts: counts, queued: queued, failures: failures,
      durable: try? frontier.fetchTotals(run: ending.id))
    flushCrawlLog()
    var summary = CrawlSummary(
      runID: ending.id, resumed: resumed, outcome: outcome, counts: counts, queued: queued,
      duration: duration, archive: config.archive, exitCode: code, verdict: verdict,
      seedFailures: failures, processPages: counts.pages - countsAtStart.pages,
      crawlLog: crawlLog?.path)
    var final = ending
    final.counts = counts
    final.outcome = outcome
    do {
      summary.reportFolder = RunReport.folder(root: config.archive, runID: ending.id)
      _ = try RunReport.write(
        summary, run: final, frontier: frontier, crawlLog: crawlLog?.path ?? "",
        root: config.archive)
      try frontier.setVerdict(run: ending.id, exitCode: code.rawValue, verdict: verdict)
    } catch {
      summary.reportFolder = nil
      logger.warning("the report of run \(ending.id) could not be written: \(error)")
    }
    return summary
  }

  /// Ends the run when nothing is queued or in flight (or a stop was asked and transfers ended).
  func checkFinished() {
    guard inFlight == 0, summary == nil, !finishing else { return }
    if stopReason == nil && hosts.values.contains(where: { hasWork($0) }) { return }
    finishing = true
    var outcome: RunOutcome
    if stopReason != nil {
      outcome = .interrupted
    } else {
      outcome = run.counts.errors > 0 ? .completedWithErrors : .completed
    }
    var finalRun = run
    finalRun.outcome = outcome
    finalRun.ended = Self.wallClock()
    let ending = finalRun
    let duration = Self.now() - startedAt
    sink.finish(run: ending, complete: stopReason == nil) { result in
      self.engine.async {
        var counts = ending.counts
        var outcome = ending.outcome
        switch result {
        case .success(let revisits):
          counts.revisits += revisits  // as the sink stored it with the run
        case .failure(let error):
          self.logger.error("archive: \(error)")
          outcome = .failed
        }
        // The run stays resumable (stored as interrupted); this process reports the failure.
        if self.stateError != nil { outcome = .failed }
        let queued = (try? self.frontier.queuedCount(run: ending.id)) ?? self.queuedEstimate
        self.summary = self.conclude(
          ending, outcome: outcome, counts: counts, queued: queued, duration: duration)
        self.done.signal()
      }
    }
  }
}
