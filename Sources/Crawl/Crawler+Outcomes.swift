import Dispatch
import Fetch
import Foundation
import Frontier
import HTML
import WARC

extension Crawler {
  /// Runs the content pipeline on a finished fetch (worker thread; touches no engine state).
  func process(_ record: URLRecord, _ result: Result<FetchResponse, FetchError>) -> FetchOutcome {
    var outcome = FetchOutcome(record: record, result: result)
    guard case .success(let response) = result else { return outcome }
    outcome.payloadDigest = WARCRecord.sha1Base32(response.body)
    if (300..<400).contains(response.status), response.status != 304 {
      (outcome.redirectTarget, outcome.redirectProblem) = redirectTarget(of: response)
    }
    if record.kind == .sitemap {
      if response.status == 200 { outcome.sitemap = readSitemap(response) }
      return outcome
    }
    // A POST's answer (JCMS list XML) is read for its records and later pages, nothing more.
    if RequestKey.isPost(record.url) {
      outcome.postLinks = postAnswerLinks(record, response)
      return outcome
    }
    // A requisite is archived as it is: never a page or an article (a stylesheet's references
    // are read).
    if record.kind.isRequisite {
      outcome.styleLinks = stylesheetReferences(record, response)
      return outcome
    }
    let contentType = response.header("Content-Type")
    guard response.status == 200,
      PagePipeline.isHTML(contentType: contentType, body: response.body)
    else { return outcome }
    outcome.isHTML = true
    if response.truncated {
      outcome.decodeProblem = "truncated at max_body_bytes"
      return outcome
    }
    do {
      let decoded = try pipeline.decodedBody(
        response.body, contentEncoding: response.header("Content-Encoding"))
      outcome.analysis = pipeline.analyze(
        url: record.url, host: record.host, decoded: decoded, contentType: contentType,
        learn: true)
    } catch {
      outcome.decodeProblem = "\(error)"
    }
    return outcome
  }

  /// Applies a fetch's outcome to the frontier and queues its archive job (engine queue).
  func handle(_ outcome: FetchOutcome) {
    let url = outcome.record.url
    let origin = String(Frontier.origin(of: url))
    if outcome.adopted == nil {
      inFlight -= 1
      hosts[origin]?.active -= 1
    }
    defer {
      if outcome.adopted == nil { pump() }
    }
    var record = working.record(url) ?? outcome.record
    switch outcome.result {
    case .failure(let error):
      handleFailure(error, record: &record, origin: origin, duration: outcome.duration)
    case .success(let response):
      run.counts.pages += 1
      run.counts.bytes += Int64(response.body.count)
      record.attempts += 1
      record.lastStatus = response.status
      record.fetchedAt = Self.wallClock()
      var job = ArchiveJob(record: record, response: response)
      job.payloadDigest = outcome.payloadDigest
      job.previousDigest = record.digest
      job.adopted = outcome.adopted
      apply(response, outcome, to: &record, job: &job, origin: origin)
      if outcome.adopted == nil { logResponse(response, record: record, job: job, outcome: outcome) }
      if let error = job.error { countError(error.kind) }
      job.record = record
      job.kind = record.kind
      working.stage(record)
      working.endFlight(url)
      sink.submit(job)
    }
  }

  /// A transfer failed: cancelled (left queued), retried after a backoff, or failed for good.
  private func handleFailure(
    _ error: FetchError, record: inout URLRecord, origin: String, duration: Double
  ) {
    let url = record.url
    if case .cancelled = error {
      working.endFlight(url)  // the DB still has it queued for the next run
      return
    }
    record.attempts += 1
    let kind = Self.errorKind(error)
    if let delay = retryPolicy.delay(afterAttempt: record.attempts, error: error) {
      logFailure(error, record: record, duration: duration, retryIn: delay)
      // Retried after a backoff; when the run is stopping, left queued for the next run.
      record.state = .queued
      record.reason = kind
      if stopReason == nil { retryLater(record, origin: origin, after: delay) }
      working.endFlight(url)
      return
    }
    logFailure(error, record: record, duration: duration, retryIn: nil)
    let now = Self.wallClock()
    record.state = .failed
    record.reason = kind
    record.fetchedAt = now
    countError(kind)
    working.stage(record)
    working.endFlight(url)
    sink.submit(
      ArchiveJob(
        record: record,
        error: PageError(runID: run.id, url: url, kind: kind, message: "\(error)", at: now)))
  }

  /// Applies a response to its URL's record and job. Every response is archived, a 5xx that
  /// is retried too (the record stays queued).
  private func apply(
    _ response: FetchResponse, _ outcome: FetchOutcome, to record: inout URLRecord,
    job: inout ArchiveJob, origin: String
  ) {
    let url = record.url
    let status = response.status
    var error: (kind: String, message: String)?
    if status == 304 {
      run.counts.notModified += 1
      record.state = .done
      record.reason = nil
      if record.kind.isRequisite {
        // Unchanged requisite: a resource again; a stylesheet's references are revalidated.
        let queuedAs = record.kind
        record.kind = .resource
        if queuedAs == .requisite, let outlinks = record.outlinks {
          let refs = outlinks.split(separator: "\n").map(String.init)
          admitStyleReferences(refs, from: record, into: &job.newRecords)
        }
      } else if record.kind == .page, let outlinks = record.outlinks {
        let stored = Self.parseOutlinks(outlinks)
        admit(stored.links, from: record, into: &job.newRecords, requisites: stored.requisites)
      }
    } else if RetryPolicy.isRetryable(status: status) {
      if let delay = retryPolicy.delay(
        afterAttempt: record.attempts, status: status, retryAfter: response.header("Retry-After"))
      {
        record.state = .queued
        record.reason = "http \(status)"
        if stopReason == nil { retryLater(record, origin: origin, after: delay) }
        return
      }
      record.state = .failed
      let retryAfter = response.header("Retry-After")
      if let retryAfter, let wait = RetryPolicy.parseRetryAfter(retryAfter),
        wait > retryPolicy.maxDelay
      {
        let why =
          "Retry-After: \(retryAfter.trimmingCharacters(in: .whitespaces)) asks for"
          + " \(Int(min(wait, 1e9))) s, beyond fetch.max_retry_wait = \(retryPolicy.maxDelay) s:"
          + " not retried in this run"
        record.reason = "http \(status) (\(why))"
        error = ("http \(status)", "\(url) answered \(status); \(why)")
      } else {
        record.reason = "http \(status)"
        error = ("http \(status)", "\(url) answered \(status) \(record.attempts) times")
      }
    } else if (300..<400).contains(status) {
      error = applyRedirect(outcome, status: status, to: &record, job: &job)
    } else if status == 200 {
      error = apply200(response, outcome, to: &record, job: &job)
    } else if record.kind == .sitemap {
      // A host without the sitemap (most often a guessed /sitemap.xml): not a page error.
      record.state = .failed
      record.reason = "http \(status)"
    } else {
      record.state = .failed
      record.reason = "http \(status)"
      error = ("http \(status)", "\(url) answered \(status)")
    }
    if let error {
      job.error = PageError(
        runID: run.id, url: url, kind: error.kind, message: error.message, at: Self.wallClock())
    }
  }

  /// A redirect's canonical target, or why there is none: no Location, a scheme other than
  /// http(s) (`file:`, `gopher:`), or a Location that is not a URL.
  /// Used for pages and for robots.txt alike.
  func redirectTarget(of response: FetchResponse) -> (String?, String?) {
    guard let raw = response.header("Location") else { return (nil, "redirect without Location") }
    let location = raw.trimmingCharacters(in: .whitespaces)
    if let target = URLCanonicalizer.resolve(location, against: response.url)
      .flatMap({ canonicalizer.canonicalize($0) })
    {
      return (target, nil)
    }
    if let colon = location.firstIndex(of: ":") {
      let scheme = location[..<colon].lowercased()
      if !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
        scheme != "http", scheme != "https"
      {
        return (nil, "redirect to a \(scheme): URL (only http and https are followed)")
      }
    }
    return (nil, "redirect to an invalid URL")
  }

  /// A 3xx: the target is scheduled (scope-checked) unless the chain loops or is too long.
  private func applyRedirect(
    _ outcome: FetchOutcome, status: Int, to record: inout URLRecord, job: inout ArchiveJob
  ) -> (kind: String, message: String)? {
    let url = record.url
    record.kind = .redirect
    record.outlinks = outcome.redirectTarget
    record.state = .done
    let chain = (record.redirectChain?.split(separator: "\n").map(String.init) ?? []) + [url]
    guard let target = outcome.redirectTarget else {
      let problem = outcome.redirectProblem ?? "redirect without Location"
      record.state = .failed
      record.reason = problem
      let kind = problem.contains("only http and https") ? "scheme not allowed" : "bad redirect"
      return (kind, "\(url) answered \(status): \(problem)")
    }
    if chain.contains(target) || redirectLeadsBack(from: target, to: url) {
      record.state = .failed
      record.reason = "redirect loop"
      return ("redirect loop", "\(url) redirects to \(target), which leads back")
    }
    if chain.count > config.maxRedirects {
      record.state = .failed
      record.reason = "too many redirects"
      return ("too many redirects", "\(url): more than \(config.maxRedirects) hops")
    }
    if startsAtSeed(chain) { admitSeedRedirectHost(of: target, seed: chain[0]) }
    let known = knownRecord(target)
    if let r = schedule(
      target, depth: record.depth, parent: url, chain: chain.joined(separator: "\n"),
      known: known, kind: Self.redirectTargetKind(outcome.record.kind))
    {
      job.newRecords.append(r)
    }
    return nil
  }

  /// A 200: the page's kind, validators and digest; an HTML page's links are scheduled.
  private func apply200(
    _ response: FetchResponse, _ outcome: FetchOutcome, to record: inout URLRecord,
    job: inout ArchiveJob
  ) -> (kind: String, message: String)? {
    let url = record.url
    let previousDigest = record.digest
    record.state = .done
    record.reason = nil
    record.etag = response.header("ETag")
    record.lastModified = response.header("Last-Modified")
    record.digest = outcome.payloadDigest
    job.analysis = outcome.analysis
    if record.kind == .sitemap { return applySitemap(outcome, to: &record, job: &job) }
    if RequestKey.isPost(url) {
      applyPostAnswer(outcome.postLinks ?? [], to: &record, job: &job)
      return nil
    }
    guard outcome.isHTML else {
      record.kind = .resource
      // A stylesheet's references, kept for a 304 next time (nil for any other resource).
      record.outlinks = outcome.styleLinks.flatMap { $0.isEmpty ? nil : $0.joined(separator: "\n") }
      if let refs = outcome.styleLinks {
        admitStyleReferences(refs, from: record, into: &job.newRecords)
      }
      guard response.truncated else { return nil }
      record.reason = "truncated at max_body_bytes"
      return ("truncated", "\(url): body cut at \(config.maxBodyBytes) bytes")
    }
    guard let analysis = outcome.analysis else {
      record.kind = .page
      record.reason = "truncated: \(outcome.decodeProblem ?? "not analysed")"
      return ("truncated", "\(url): \(outcome.decodeProblem ?? "not analysed")")
    }
    let isSeed = seeds.contains(url)
    record.kind = analysis.article.isArticle && !isSeed ? .article : .page
    if record.kind == .article && previousDigest == nil { run.counts.newArticles += 1 }
    if analysis.linksOmitted > 0 {
      let (taken, rest) = (analysis.links.count, analysis.linksOmitted)
      logger.warning(
        "\(url): \(rest) links after the first \(taken) not followed (scope.max_links_per_page)")
    }
    record.outlinks =
      record.kind == .page
      ? Self.outlinkLines(analysis.links, requisites: analysis.requisites) : nil
    admit(analysis.links, from: record, into: &job.newRecords, requisites: analysis.requisites)
    if analysis.modelMatured { sink.modelMatured(host: record.host) }
    return nil
  }

  /// Whether following known redirects from `start` comes back to `url`.
  func redirectLeadsBack(from start: String, to url: String) -> Bool {
    var current = start
    for _ in 0...config.maxRedirects {
      guard let r = knownRecord(current), r.kind == .redirect, let next = r.outlinks
      else {
        return false
      }
      if next == url { return true }
      current = next
    }
    return true
  }

  /// Puts a URL back into its origin's queue after `delay` seconds (from `retryPolicy`).
  func retryLater(_ record: URLRecord, origin: String, after delay: Double) {
    hosts[origin]?.delayed.append((at: Self.now() + delay, record: record))
    queuedEstimate += 1
  }

  func countError(_ kind: String) {
    run.counts.errors += 1
    run.counts.errorsByKind[kind, default: 0] += 1
  }

  static func errorKind(_ error: FetchError) -> String {
    switch error {
    case .timeout: "timeout"
    case .connectFailed: "connect"
    case .reset: "reset"
    case .partial: "partial body"
    case .invalidURL: "invalid url"
    case .schemeNotAllowed: "scheme not allowed"
    case .urlTooLong: "url too long"
    case .headerTooLarge: "header too large"
    case .privateAddress: "private address"
    case .cancelled: "cancelled"
    case .curl(_, let code, _): "curl \(code)"
    }
  }
}
