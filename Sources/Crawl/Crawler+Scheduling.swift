import Dispatch
import Fetch
import Foundation
import Frontier

extension Crawler {
  /// The key under which URLs differing only in their query are counted.
  func variantKey(_ parts: URLParts) -> String { String(parts.origin) + String(parts.path) }

  /// Puts a URL into its origin's queue (engine queue).
  func enqueue(_ url: String) {
    guard let parts = URLParts(url) else { return }
    let origin = String(parts.origin)
    if hosts[origin] == nil {
      hosts[origin] = HostState(origin: origin, delay: config.delay, obeyRobots: config.obeyRobots)
      hostOrder.append(origin)
    }
    hosts[origin]?.push(url)
  }

  /// Admits a URL into this run: new URLs are recorded and queued; URLs known from earlier runs
  /// are queued again when they need revalidation (pages, stale articles) and passed over when
  /// fresh. Returns the record to persist (with the batch of the page that found it), if any.
  ///
  /// - Parameter force: queue even a fresh article (seeds are revalidated every run).
  @discardableResult
  func schedule(
    _ url: String, depth: Int, parent: String?, chain: String?, force: Bool = false
  ) -> URLRecord? {
    guard !handled.contains(url), let parts = URLParts(url) else { return nil }
    handled.insert(url)
    let now = Self.wallClock()
    var record: URLRecord
    if var known = records[url] {
      // Known from an earlier run. The scope may have changed since: check it again.
      if let rejection = scope.rejection(url, parts: parts, depth: min(depth, known.depth)) {
        if known.state == .skipped && known.reason == rejection { return nil }
        known.state = .skipped
        known.reason = rejection
        known.runID = run.id
        records[url] = known
        return known
      }
      let fresh =
        (known.kind == .article || known.kind == .resource) && known.state == .done
        && (known.fetchedAt ?? 0) + config.recrawlAfter > now
      if fresh && !force { return nil }
      known.state = .queued
      known.runID = run.id
      known.attempts = 0
      known.reason = nil
      known.notBefore = nil
      if known.parent == nil { known.parent = parent }
      record = known
    } else {
      if let rejection = scope.rejection(url, parts: parts, depth: depth) {
        record = URLRecord(
          url: url, host: String(parts.host), state: .skipped, reason: rejection, depth: depth,
          parent: parent, runID: run.id)
        records[url] = record
        return record
      }
      if parts.hasQuery {
        let key = variantKey(parts)
        let n = queryVariants[key, default: 0]
        if n >= config.maxQueryVariants {
          record = URLRecord(
            url: url, host: String(parts.host), state: .skipped, reason: "query variants cap",
            depth: depth, parent: parent, runID: run.id)
          records[url] = record
          return record
        }
        queryVariants[key] = n + 1
      }
      record = URLRecord(
        url: url, host: String(parts.host), state: .queued, depth: depth, parent: parent,
        runID: run.id, redirectChain: chain)
    }
    if let chain { record.redirectChain = chain }
    records[url] = record
    enqueue(url)
    return record
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
    while progressed && inFlight < config.concurrency && !sink.isBackedUp {
      progressed = false
      if config.maxPages > 0 && fetchesStarted >= config.maxPages {
        stop(reason: "max pages (\(config.maxPages)) reached", abandon: false)
        return
      }
      let count = hostOrder.count
      for step in 0..<count {
        if inFlight >= config.concurrency { break }
        let origin = hostOrder[(roundRobin + step) % count]
        guard let host = hosts[origin] else { continue }
        if let wait = host.releaseDelayed(now: now) { earliest = min(earliest ?? wait, wait) }
        guard host.hasReady else { continue }
        if host.robotsState == .unknown, resumed, let robots = archivedRobots(origin: origin) {
          host.robots = robots
          host.robotsState = .ready
          if let crawlDelay = robots.crawlDelay {
            host.delay = max(host.delay, min(crawlDelay, config.maxCrawlDelay))
          }
        }
        if host.robotsState == .unknown {
          host.robotsState = .fetching
          host.active += 1
          inFlight += 1
          fetchRobots(origin: origin)
          progressed = true
          continue
        }
        guard host.robotsState == .ready, host.active < config.perHostConnections else { continue }
        if host.nextStart > now {
          earliest = min(earliest ?? host.nextStart, host.nextStart)
          continue
        }
        guard let url = host.pop() else { continue }
        // A URL is started once per run: only from the queued state.
        guard records[url]?.state == .queued else {
          progressed = true
          continue
        }
        if let robots = host.robots, let parts = URLParts(url),
          !robots.isAllowed(String(parts.pathAndQuery))
        {
          markSkipped(url, reason: "robots")
          progressed = true
          continue
        }
        host.nextStart = now + host.delay
        host.active += 1
        inFlight += 1
        fetchesStarted += 1
        roundRobin = (roundRobin + step + 1) % max(count, 1)
        start(url)
        progressed = true
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

  func markSkipped(_ url: String, reason: String) {
    guard var record = records[url] else { return }
    record.state = .skipped
    record.reason = reason
    records[url] = record
    sink.submit(ArchiveJob(record: record))
  }

  /// Sends one URL to the fetcher, conditionally when the archive holds its payload.
  func start(_ url: String) {
    guard var record = records[url] else { return }
    record.state = .inFlight
    records[url] = record
    var headers: [(name: String, value: String)] = []
    if record.digest != nil, record.lastStatus == 200 {
      if let etag = record.etag { headers.append(("If-None-Match", etag)) }
      if let lm = record.lastModified { headers.append(("If-Modified-Since", lm)) }
    }
    let snapshot = record
    fetcher.submit(FetchRequest(url: url, headers: headers)) { result in
      self.work.async {
        let outcome = self.process(snapshot, result)
        self.engine.async { self.handle(outcome) }
      }
    }
  }

  /// Fetches /robots.txt of an origin once per run; the answer decides the origin's queue.
  func fetchRobots(origin: String) {
    let url = origin + "/robots.txt"
    fetcher.submit(FetchRequest(url: url)) { result in
      self.engine.async { self.robotsArrived(origin: origin, url: url, result) }
    }
  }

  func robotsArrived(origin: String, url: String, _ result: Result<FetchResponse, FetchError>) {
    inFlight -= 1
    guard let host = hosts[origin] else { return }
    host.active -= 1
    host.robotsState = .ready
    switch result {
    case .success(let response):
      run.counts.pages += 1
      run.counts.bytes += Int64(response.body.count)
      if (200..<300).contains(response.status) {
        let body =
          (try? pipeline.decodedBody(
            response.body, contentEncoding: response.header("Content-Encoding"))) ?? response.body
        let robots = RobotsTxt(bytes: body, userAgent: config.userAgent)
        host.robots = robots
        if let crawlDelay = robots.crawlDelay {
          host.delay = max(host.delay, min(crawlDelay, config.maxCrawlDelay))
        }
      } else if response.status >= 500 {
        // RFC 9309 §2.3.1.4: an unreachable robots.txt means a complete disallow.
        host.robots = RobotsTxt(
          bytes: Array("User-agent: *\nDisallow: /\n".utf8), userAgent: config.userAgent)
        logger.warning("robots.txt of \(origin) answered \(response.status): nothing fetched there")
      }
      var record =
        records[url]
        ?? URLRecord(url: url, host: String(URLParts(url)?.host ?? ""), runID: run.id)
      record.state = .done
      record.kind = .resource
      record.runID = run.id
      record.lastStatus = response.status
      record.fetchedAt = Self.wallClock()
      records[url] = record
      handled.insert(url)
      sink.submit(ArchiveJob(record: record, response: response, kind: .resource))
    case .failure(let error):
      if case .cancelled = error {
        host.robotsState = .unknown
      } else {
        logger.warning("robots.txt of \(origin): \(error); nothing fetched there this run")
        host.robots = RobotsTxt(
          bytes: Array("User-agent: *\nDisallow: /\n".utf8), userAgent: config.userAgent)
      }
    }
    pump()
  }
}
