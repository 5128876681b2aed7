import Dispatch
import Fetch
import Foundation
import Frontier

extension Crawler {
  /// The key under which URLs differing only in their query are counted.
  func variantKey(_ parts: URLParts) -> String { String(parts.origin) + String(parts.path) }

  /// Prepares the queue of this run (engine queue, before the first pump): queue positions
  /// continue after the DB's largest; on resume, every known origin may have queued URLs in
  /// the DB, read back in queue order as its ready queue empties.
  func loadQueue() throws {
    lastSeq = try frontier.maxSeq()
    guard resumed else { return }
    queuedEstimate = try frontier.queuedCount(run: run.id)
    for origin in frontier.origins() { hostState(origin).spilled = true }
  }

  /// Queues the seeds not yet handled in this run and commits their records at once.
  func scheduleSeeds() throws {
    var seedRecords = CommitBatch()
    let unseen = seeds.filter { !working.isSeen($0) }
    let known = try lookup(unseen)
    for seed in unseen {
      if known.inRun.contains(seed) {
        working.markSeen(seed)
        continue
      }
      if let record = schedule(
        seed, depth: 0, parent: nil, chain: nil, known: known.records[seed], force: true)
      {
        seedRecords.urls.append(record)
      }
    }
    try frontier.commit(seedRecords)
    working.committed(seedRecords.urls.map(\.url))
  }

  /// What the state knows of `urls` (those the seen cache does not settle, filtered by the
  /// caller): the working set's records first, then one DB read for the rest.
  ///
  /// The caller schedules only the URLs it looked up: a URL the cache settled when it was
  /// filtered may be forgotten by the time it is scheduled (a generation turns over while a
  /// page's links are scheduled), and would then look new — measured: 47 list pages fetched
  /// twice in a 10,000-article crawl.
  func lookup(_ urls: [String]) throws -> Known {
    var out = Known()
    var missing: [String] = []
    for url in urls {
      if let record = working.record(url) {
        if record.runID == run.id { out.inRun.insert(url) } else { out.records[url] = record }
      } else {
        missing.append(url)
      }
    }
    let stored = try frontier.records(for: missing, exceptRun: run.id)
    out.records.merge(stored.records) { mine, _ in mine }
    out.inRun.formUnion(stored.inRun)
    return out
  }

  /// What `lookup` found: records of URLs known from earlier runs, and the URLs this run has
  /// already met (nothing more is needed of those: `schedule` ignores them).
  struct Known {
    var records: [String: URLRecord] = [:]
    var inRun: Set<String> = []
  }

  /// One URL's record: the working set's, else the DB's (nil when unknown or unreadable).
  func knownRecord(_ url: String) -> URLRecord? {
    if let record = working.record(url) { return record }
    do {
      return try frontier.record(for: url)
    } catch {
      stateFailed(error)
      return nil
    }
  }

  /// The state DB could not be read: nothing more can be scheduled correctly.
  func stateFailed(_ error: any Error) {
    logger.error("state DB: \(error)")
    stateError = error
    stop(reason: "state error: \(error)", abandon: true, cause: .stateError)
  }

  func hostState(_ origin: String) -> HostState {
    if let host = hosts[origin] { return host }
    let host = HostState(origin: origin, delay: config.delay, obeyRobots: config.obeyRobots)
    hosts[origin] = host
    hostOrder.append(origin)
    return host
  }

  /// Puts a newly queued record into its origin's queue (engine queue).
  func enqueue(_ record: URLRecord) {
    hostState(String(Frontier.origin(of: record.url))).push(record)
    queuedEstimate += 1
  }

  /// Admits a URL into this run: new URLs are recorded and queued; URLs known from earlier runs
  /// are queued again when they need revalidation (pages, stale articles) and passed over when
  /// fresh. Returns the record to persist (with the batch of the page that found it), if any,
  /// after staging it in the working set.
  ///
  /// - Parameters:
  ///   - known: the URL's record from `lookup`, nil when the state does not know it.
  ///   - force: queue even a fresh article (seeds are revalidated every run; an article whose
  ///     sitemap `<lastmod>` moved), even when the seen cache has it (a fresh article passed
  ///     over earlier in this run has no record of this run).
  ///   - kind: the kind a queued record gets (`.sitemap` for sitemaps).
  @discardableResult
  func schedule(
    _ url: String, depth: Int, parent: String?, chain: String?, known: URLRecord?,
    force: Bool = false, kind: URLKind? = nil
  ) -> URLRecord? {
    guard force || !working.isSeen(url), let parts = URLParts(url) else { return nil }
    working.markSeen(url)
    if let known, known.runID == run.id { return nil }  // handled earlier in this run
    let requisite = kind?.isRequisite ?? false
    guard
      var record = admission(
        url, parts: parts, depth: depth, parent: parent, known: known, force: force,
        requisite: requisite)
    else { return nil }
    if record.state == .queued {
      if let kind { record.kind = kind }
      if let chain { record.redirectChain = chain }
      lastSeq += 1
      record.seq = lastSeq
      enqueue(record)
    }
    working.stage(record)
    return record
  }

  /// The record a URL gets when this run first meets it, or nil when nothing changes.
  /// A page requisite (`requisite`) passes the scope's requisite rules and no query-variant cap
  /// (it is one hop from a page in scope: no trap grows from it).
  private func admission(
    _ url: String, parts: URLParts, depth: Int, parent: String?, known: URLRecord?, force: Bool,
    requisite: Bool = false
  ) -> URLRecord? {
    if var known {
      // Known from an earlier run. The scope may have changed since: check it again.
      if let rejection = scope.rejection(
        RequestKey.url(of: url), parts: parts, depth: min(depth, known.depth), requisite: requisite)
        ?? robotsRejection(parts)
      {
        if known.state == .skipped && known.reason == rejection { return nil }
        known.state = .skipped
        known.reason = rejection
        known.runID = run.id
        return known
      }
      let fresh =
        (known.kind == .article || known.kind == .resource) && known.state == .done
        && (known.fetchedAt ?? 0) + config.recrawlAfter > Self.wallClock()
      if fresh && !force { return nil }
      known.state = .queued
      known.runID = run.id
      known.attempts = 0
      known.reason = nil
      known.notBefore = nil
      known.depth = min(depth, known.depth)
      if known.parent == nil { known.parent = parent }
      return known
    }
    let host = String(parts.host)
    if let rejection = scope.rejection(
      RequestKey.url(of: url), parts: parts, depth: depth, requisite: requisite)
      ?? robotsRejection(parts)
    {
      return URLRecord(
        url: url, host: host, state: .skipped, reason: rejection, depth: depth, parent: parent,
        runID: run.id)
    }
    // A POST key (`RequestKey`) is bounded by scope.script_pagination_max_pages instead.
    if !requisite && parts.hasQuery && !RequestKey.isPost(url)
      && !admitQueryVariant(variantKey(parts))
    {
      return URLRecord(
        url: url, host: host, state: .skipped, reason: "query variants cap", depth: depth,
        parent: parent, runID: run.id)
    }
    return URLRecord(
      url: url, host: host, state: .queued, depth: depth, parent: parent, runID: run.id)
  }

  /// "robots" when the URL's origin has its robots.txt and it disallows the URL: a link is
  /// skipped for robots when found, before the query-variant cap counts it (URLs found before
  /// their origin's robots.txt arrived are checked when they are about to start).
  private func robotsRejection(_ parts: URLParts) -> String? {
    guard let host = hosts[String(parts.origin)], host.robotsState == .ready,
      let robots = host.robots, !robots.isAllowed(String(parts.pathAndQuery))
    else { return nil }
    return host.robotsSkipReason
  }

  /// Counts one more URL under a path's query-variant cap; false when the cap is reached.
  private func admitQueryVariant(_ key: String) -> Bool {
    var n = working.variantCount(key)
    if n == nil {
      do {
        let stored = Set(try frontier.queryVariants(of: key))
        n = stored.union(working.variants(of: key)).count
      } catch {
        stateFailed(error)
        return false
      }
    }
    let count = n ?? 0
    if count >= config.maxQueryVariants {
      working.setVariantCount(key, count)
      return false
    }
    working.setVariantCount(key, count + 1)
    return true
  }

  /// Schedules the links found on a page: one DB read for those the working set does not know.
  /// A link is one hop deeper than its page, except a pagination hop between list pages of one
  /// channel (`PaginationRule`), which keeps the page's depth, and a page requisite (in
  /// `requisites`, with `scope.requisites` on), which keeps it too and is queued as
  /// `requisiteKind` (`Crawler+Requisites`).
  func admit(
    _ links: [String], from page: URLRecord, into out: inout [URLRecord],
    requisites: Set<String> = [], requisiteKind: URLKind = .requisite
  ) {
    let unseen = links.filter { !working.isSeen($0) }
    let known: Known
    do {
      known = try lookup(unseen)
    } catch {
      stateFailed(error)
      return
    }
    for link in unseen {
      if known.inRun.contains(link) {  // handled earlier in this run
        working.markSeen(link)
        continue
      }
      let requisite = config.requisites && requisites.contains(link)
      let depth =
        requisite || PaginationRule.isPaginationHop(from: page, to: link)
        ? page.depth : page.depth + 1
      if let r = schedule(
        link, depth: depth, parent: page.url, chain: nil, known: known.records[link],
        kind: requisite ? requisiteKind : nil)
      {
        out.append(r)
      }
    }
  }

  /// Whether an origin may still have something to fetch; refills its ready queue from the DB
  /// when it is empty and URLs wait there.
  func hasWork(_ host: HostState) -> Bool {
    while !host.hasReady && host.spilled && stateError == nil { refill(host) }
    return host.hasWork
  }

  /// Reads the next records of an origin's queue from the DB (and those the sink has not
  /// committed yet from the working set), in queue order.
  func refill(_ host: HostState) {
    let limit = HostState.readyCapacity
    let stored: [URLRecord]
    do {
      stored = try frontier.queued(
        run: run.id, origin: host.origin, afterSeq: host.cursor, limit: limit + 1)
    } catch {
      stateFailed(error)
      return
    }
    var candidates: [String: URLRecord] = [:]
    for r in stored { candidates[r.url] = working.record(r.url) ?? r }
    for r in working.queued(origin: host.origin, run: run.id, afterSeq: host.cursor) {
      candidates[r.url] = r
    }
    let ordered = candidates.values.sorted { $0.seq < $1.seq }
    let taken = ordered.prefix(limit)
    if let last = taken.last { host.cursor = max(host.cursor, last.seq) }
    host.take(taken.filter { $0.state == .queued && $0.runID == run.id })
    host.spilled = stored.count > limit || ordered.count > limit
  }

  /// Starts as many transfers as concurrency, politeness and robots allow (engine queue).
  func pump() {
    if stopReason != nil {
      checkFinished()
      return
    }
    let now = Self.now()
    var earliest: Double?
    var progressed = true
    // While the archive writer is behind, no new fetch starts (`ArchiveSink.onDrained` pumps
    // again); transfers in flight finish as usual.
    while progressed && inFlight < config.concurrency && !sink.isBackedUp && stopReason == nil {
      progressed = false
      if config.maxPages > 0 && fetchesStarted >= config.maxPages {
        stop(reason: "max pages (\(config.maxPages)) reached", abandon: false, cause: .maxPages)
        return
      }
      let count = hostOrder.count
      for step in 0..<count {
        if inFlight >= config.concurrency || stopReason != nil { break }
        let origin = hostOrder[(roundRobin + step) % count]
        guard let host = hosts[origin] else { continue }
        if let wait = host.releaseDelayed(now: now) { earliest = min(earliest ?? wait, wait) }
        guard hasWork(host), host.hasReady else { continue }
        switch startNext(host, now: now) {
        case .started:
          roundRobin = (roundRobin + step + 1) % max(count, 1)
          progressed = true
        case .passed:
          progressed = true
        case .wait(let at):
          earliest = min(earliest ?? at, at)
        case .blocked:
          break
        }
      }
    }
    if let earliest, !wakeScheduled {
      wakeScheduled = true
      engine.asyncAfter(deadline: .now() + max(0.001, earliest - now)) {
        self.wakeScheduled = false
        self.pump()
      }
    }
    checkFinished()
  }

  enum StartResult {
    /// A transfer (page or robots.txt) started.
    case started
    /// A ready URL was passed over (robots, already handled): look again.
    case passed
    /// Politeness: nothing may start before this monotonic time.
    case wait(Double)
    /// Robots pending or the origin's connections are in use.
    case blocked
  }

  /// Starts the origin's next transfer if robots and politeness allow.
  private func startNext(_ host: HostState, now: Double) -> StartResult {
    if host.robotsState == .unknown, resumed, let robots = archivedRobots(origin: host.origin) {
      adopt(robots, for: host)
      host.robotsState = .ready
    }
    if host.robotsState == .unknown {
      host.robotsState = .fetching
      host.active += 1
      inFlight += 1
      fetchRobots(origin: host.origin)
      return .started
    }
    guard host.robotsState == .ready, host.active < config.perHostConnections else {
      return .blocked
    }
    if host.nextStart > now { return .wait(host.nextStart) }
    if !host.sitemapsDiscovered {
      host.sitemapsDiscovered = true
      discoverSitemaps(host)
    }
    guard let popped = host.pop() else { return .blocked }
    queuedEstimate -= 1
    // A URL is started once per run: only from the queued state.
    let record = working.record(popped.url) ?? popped
    guard record.state == .queued, record.runID == run.id else { return .passed }
    if let robots = host.robots, let parts = URLParts(record.url),
      !robots.isAllowed(String(parts.pathAndQuery))
    {
      markSkipped(record, reason: host.robotsSkipReason)
      return .passed
    }
    host.nextStart = now + host.delay
    host.active += 1
    inFlight += 1
    fetchesStarted += 1
    start(record)
    return .started
  }

  func adopt(_ robots: RobotsTxt, for host: HostState) {
    host.robots = robots
    if let crawlDelay = robots.crawlDelay {
      host.delay = max(host.delay, min(crawlDelay, config.maxCrawlDelay))
    }
  }

  func markSkipped(_ record: URLRecord, reason: String) {
    var record = record
    record.state = .skipped
    record.reason = reason
    working.stage(record)
    sink.submit(ArchiveJob(record: record))
  }

  /// Sends one URL to the fetcher, conditionally when the archive holds its payload.
  func start(_ queued: URLRecord) {
    var record = queued
    record.state = .inFlight
    working.startFlight(record)
    var headers: [(name: String, value: String)] = []
    // Sitemaps are fetched whole: their URLs are read from the body each run.
    if record.digest != nil, record.lastStatus == 200, record.kind != .sitemap {
      if let etag = record.etag { headers.append(("If-None-Match", etag)) }
      if let lm = record.lastModified { headers.append(("If-Modified-Since", lm)) }
    }
    let snapshot = record
    let began = Self.now()
    fetcher.submit(Self.fetchRequest(for: record, conditional: headers)) { result in
      let duration = Self.now() - began
      self.work.async {
        var outcome = self.process(snapshot, result)
        outcome.duration = duration
        let finished = outcome
        self.engine.async { self.handle(finished) }
      }
    }
  }

  /// Fetches /robots.txt of an origin once per run; the answer decides the origin's queue.
  func fetchRobots(origin: String) {
    fetchRobotsFile(origin: origin, url: origin + "/robots.txt")
  }

  /// Fetches `url` as the robots.txt of `origin` (the file itself or a redirect's target).
  private func fetchRobotsFile(origin: String, url: String, via: String? = nil) {
    let began = Self.now()
    fetcher.submit(FetchRequest(url: url)) { result in
      let duration = Self.now() - began
      self.engine.async {
        self.logRobots(result, url: url, via: via, duration: duration)
        self.robotsArrived(origin: origin, url: url, result)
      }
    }
  }

  /// How many redirects of a robots.txt are followed (RFC 9309 §2.3.1.2: at least five).
  static let robotsRedirectLimit = 5

  /// Applies an origin's robots.txt answer (fetched now, or `adopted` from the archive tail on
  /// resume) and archives it: a 2xx is obeyed; a redirect is followed (up to
  /// `robotsRedirectLimit` hops, to hosts in scope) and its target's answer applies; a 5xx
  /// (RFC 9309 §2.3.1.4: unreachable), or a redirect out of scope (not fetched, so unknown),
  /// disallows the origin; anything else (4xx, too many redirects) allows it.
  func takeRobots(
    _ response: FetchResponse, origin: String, url: String, adopted: AdoptedCapture?
  ) {
    let host = hostState(origin)
    host.robotsState = .ready
    run.counts.pages += 1
    run.counts.robots += 1
    run.counts.bytes += Int64(response.body.count)
    archiveRobots(response, url: url, adopted: adopted)
    if (300..<400).contains(response.status), response.status != 304 {
      followRobotsRedirect(response, origin: origin, url: url, host: host)
    } else if (200..<300).contains(response.status) {
      let body =
        (try? pipeline.decodedBody(
          response.body, contentEncoding: response.header("Content-Encoding"))) ?? response.body
      adopt(RobotsTxt(bytes: body, userAgent: config.userAgent), for: host)
    } else if response.status >= 500 {
      disallowAll(host, because: "robots.txt of \(origin) answered \(response.status)")
    }
  }

  /// A robots.txt answered a redirect: fetch its target for the origin, or decide without it.
  private func followRobotsRedirect(
    _ response: FetchResponse, origin: String, url: String, host: HostState
  ) {
    guard host.robotsRedirects < Self.robotsRedirectLimit else {
      logger.warning(
        "robots.txt of \(origin): more than \(Self.robotsRedirectLimit) redirects; taken as absent")
      return
    }
    let (resolved, problem) = redirectTarget(of: response)
    guard let target = resolved, let parts = URLParts(target) else {
      let why = problem ?? "redirect to an invalid URL"
      logger.warning("robots.txt of \(origin): \(why); taken as absent")
      return
    }
    guard scope.contains(String(parts.host)) else {
      disallowAll(
        host,
        because: "robots.txt of \(origin) redirects to \(target), outside the scope (add its host"
          + " to scope.hosts to follow it)")
      return
    }
    host.robotsRedirects += 1
    host.robotsState = .fetching
    host.active += 1
    inFlight += 1
    fetchRobotsFile(origin: origin, url: target, via: url)
  }

  private func disallowAll(_ host: HostState, because reason: String) {
    host.robotsProblem = reason
    host.robots = RobotsTxt(
      bytes: Array("User-agent: *\nDisallow: /\n".utf8), userAgent: config.userAgent)
    logger.warning("\(reason): nothing fetched there this run")
  }

  /// Archives one robots.txt response (the file or a redirect to it) as a resource.
  private func archiveRobots(_ response: FetchResponse, url: String, adopted: AdoptedCapture?) {
    var record =
      knownRecord(url) ?? URLRecord(url: url, host: String(URLParts(url)?.host ?? ""), runID: run.id)
    record.state = .done
    record.kind = .resource
    record.runID = run.id
    record.lastStatus = response.status
    record.fetchedAt = Self.wallClock()
    working.markSeen(url)
    working.stage(record)
    var job = ArchiveJob(record: record, response: response, kind: .resource)
    job.adopted = adopted
    sink.submit(job)
  }

  func robotsArrived(origin: String, url: String, _ result: Result<FetchResponse, FetchError>) {
    inFlight -= 1
    guard let host = hosts[origin] else { return }
    host.active -= 1
    host.robotsState = .ready
    switch result {
    case .success(let response):
      takeRobots(response, origin: origin, url: url, adopted: nil)
    case .failure(let error):
      if case .cancelled = error {
        host.robotsState = .unknown
        host.robotsRedirects = 0
      } else {
        if case .privateAddress = error { host.refusedPrivateAddress = true }
        disallowAll(host, because: "robots.txt of \(origin): \(error)")
      }
    }
    pump()
  }
}
