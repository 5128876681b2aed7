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
/// Threading: three kinds of queue, no shared mutable state between them except through
/// messages and the lock-protected `SiteModels`.
/// - `engine` (serial) owns the scheduler: URL records, host queues, politeness, robots, counts.
/// - the fetcher's poll thread runs libcurl and delivers completions, which are handed to
///   `work` (concurrent, one thread per core) for the content pipeline, then back to `engine`.
/// - the `ArchiveSink`'s serial queue owns the WARC writer and the state DB; it fsyncs the
///   archive before it commits the batch that marks URLs done.
/// `run` blocks the calling thread until the run ends.
public final class Crawler: @unchecked Sendable {
  let config: CrawlConfig
  let logger: Logger
  let canonicalizer: URLCanonicalizer
  let progress: ProgressReporter?

  let engine = DispatchQueue(label: "portal-archiver.engine")
  let delivery = DispatchQueue(label: "portal-archiver.delivery")
  /// The content pipeline's workers; utility QoS keeps them from starving the default pool
  /// (and Swift concurrency's executor, which shares it) when the crawler is embedded.
  let work = DispatchQueue(label: "portal-archiver.work", qos: .utility, attributes: .concurrent)

  // Engine state: touched only on `engine` (or before the run starts).
  var frontier: Frontier!
  var sink: ArchiveSink!
  var fetcher: Fetcher!
  var pipeline: PagePipeline!
  var scope: ScopeFilter!
  var run = RunRecord(id: 0, started: 0, outcome: .running, seeds: [])
  var resumed = false
  var records: [String: URLRecord] = [:]
  /// URLs scheduled, fetched or deliberately passed over in this run.
  var handled = Set<String>()
  var hosts: [String: HostState] = [:]
  var hostOrder: [String] = []
  var roundRobin = 0
  var inFlight = 0
  var fetchesStarted = 0
  var queryVariants: [String: Int] = [:]
  var seeds: [String] = []
  var stopReason: String?
  var stopRequests = 0
  var wakeScheduled = false
  var startedAt = 0.0
  private let done = DispatchSemaphore(value: 0)
  private var summary: CrawlSummary?

  public init(config: CrawlConfig, logger: Logger, progress: ProgressReporter? = nil) {
    self.config = config
    self.logger = logger
    self.progress = progress
    canonicalizer = URLCanonicalizer(sessionParameters: Set(config.sessionParameters))
  }

  static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
  static func wallClock() -> Double { Date().timeIntervalSince1970 }

  /// Runs (or resumes) a crawl to its end, a stop request, or `maxPages`.
  ///
  /// - Parameter fresh: abandon an unfinished run instead of resuming it.
  public func run(fresh: Bool) throws -> CrawlSummary {
    try FileManager.default.createDirectory(
      atPath: config.archive, withIntermediateDirectories: true)
    let frontier = try Frontier(path: config.statePath)
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
    scope = try ScopeFilter(
      config: config, seedHosts: seeds.compactMap { URLParts($0).map { String($0.host) } })

    let writer = try WARCWriter(config: warcConfig())
    for repair in writer.repairs { logger.notice("archive repaired: \(repair)") }
    let models = SiteModels(stored: try frontier.siteModels())
    pipeline = PagePipeline(
      canonicalizer: canonicalizer,
      extractor: ArticleExtractor(
        config: ExtractionConfig(
          watermarkPhrases: config.watermarks, dropXPaths: config.dropXPaths)),
      models: models, maxBodyBytes: config.maxBodyBytes)
    sink = try ArchiveSink(
      config: config, frontier: frontier, writer: writer, runID: run.id, pipeline: pipeline,
      logger: logger)
    // Nothing more can be archived: stop fetching at once. What was archived stays; the run ends
    // as failed (exit 74) and the next crawl resumes it.
    sink.onFailure = { [weak self] error in
      self?.requestStop(reason: "archive error: \(error)", abandon: true)
    }
    // The writer caught up after the engine paused for it: start fetching again.
    sink.onDrained = { [weak self] in
      guard let self else { return }
      self.engine.async { self.pump() }
    }

    for var record in try frontier.allURLs() {
      if record.state == .inFlight { record.state = .queued }  // a killed run's transfers
      records[record.url] = record
      if let parts = URLParts(record.url), parts.hasQuery {
        queryVariants[variantKey(parts), default: 0] += 1
      }
    }
    if resumed {
      logger.notice("resuming run \(run.id) (started \(Date(timeIntervalSince1970: run.started)))")
      // Everything this run already touched is handled before the archive tail is adopted, so
      // links found on adopted pages do not queue finished URLs again.
      var toQueue: [String] = []
      for (url, record) in records where record.runID == run.id {
        handled.insert(url)
        if record.state == .queued { toQueue.append(url) }
      }
      let adopted = try adoptArchiveTail()
      if adopted > 0 { logger.notice("recovered \(adopted) fetches archived before the stop") }
      for url in toQueue.sorted() where records[url]?.state == .queued {
        enqueue(url)
      }
    } else {
      logger.info("starting run \(run.id) with \(seeds.count) seed(s)")
    }
    var seedRecords = CommitBatch()
    for seed in seeds where !handled.contains(seed) {
      if let record = schedule(seed, depth: 0, parent: nil, chain: nil, force: true) {
        seedRecords.urls.append(record)
      }
    }
    try frontier.commit(seedRecords)

    fetcher = try Fetcher(config: fetchConfig(), deliveryQueue: delivery)
    progress?.start(self)
    engine.async { self.pump() }
    done.wait()
    progress?.stop()
    fetcher.shutdown()
    guard let summary else { throw CrawlError.archive("the run ended without a summary") }
    return summary
  }

  /// Asks the run to stop taking new URLs. Transfers in flight finish (bounded by the fetch
  /// timeout) and are archived, unless `abandon` is set or a second stop is asked for: then they
  /// are cancelled and stay queued for the next run. Safe from any thread (a signal handler's
  /// queue, say).
  public func requestStop(reason: String, abandon: Bool = false) {
    engine.async { self.stop(reason: reason, abandon: abandon) }
  }

  /// `requestStop` on the engine queue. The engine's own stops (max pages) call it directly, so
  /// that a `pump` already queued behind them sees the stop and does not ask again (a second
  /// request abandons the transfers in flight, which the next run would then fetch again).
  func stop(reason: String, abandon: Bool) {
    if stopReason == nil {
      stopReason = reason
      logger.notice(
        "stopping: \(reason); \(abandon ? "abandoning" : "finishing") \(inFlight) transfer(s) in flight"
      )
    } else if !abandon {
      logger.notice("stopping now: abandoning \(inFlight) transfer(s) in flight")
    }
    if abandon || stopRequests > 0 {
      // Completions of cancelled transfers arrive as `.cancelled`; the URLs stay queued.
      let fetcher = self.fetcher
      Thread { fetcher?.shutdown() }.start()
    }
    stopRequests += 1
    checkFinished()
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

  func fetchConfig() -> FetchConfig {
    var c = FetchConfig()
    c.userAgent = config.userAgent
    c.connectTimeout = config.connectTimeout
    c.totalTimeout = config.timeout
    c.maxBodyBytes = config.maxBodyBytes
    c.maxConnections = config.concurrency
    c.maxConnectionsPerHost = config.perHostConnections
    return c
  }

  /// Current figures for the progress line (engine queue).
  func snapshot(_ body: @escaping @Sendable (ProgressSnapshot) -> Void) {
    engine.async {
      let queued = self.hosts.values.reduce(0) { $0 + $1.queuedCount }
      body(
        ProgressSnapshot(
          pages: self.run.counts.pages, queued: queued, inFlight: self.inFlight,
          bytes: self.run.counts.bytes, errors: self.run.counts.errors,
          elapsed: Self.now() - self.startedAt))
    }
  }

  /// Ends the run when nothing is queued or in flight (or a stop was asked and transfers ended).
  func checkFinished() {
    guard inFlight == 0, summary == nil, !finishing else { return }
    let queued = hosts.values.reduce(0) { $0 + $1.queuedCount }
    if queued > 0 && stopReason == nil { return }
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
        self.summary = CrawlSummary(
          runID: ending.id, resumed: self.resumed, outcome: outcome, counts: counts,
          queued: queued, duration: duration, archive: self.config.archive)
        self.done.signal()
      }
    }
  }
  var finishing = false
}
