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
    if (300..<400).contains(response.status), response.status != 304,
      let location = response.header("Location")
    {
      outcome.redirectTarget = URLCanonicalizer.resolve(
        location.trimmingCharacters(in: .whitespaces), against: response.url
      ).flatMap { canonicalizer.canonicalize($0) }
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
    let origin = URLParts(url).map { String($0.origin) } ?? ""
    if outcome.adopted == nil {
      inFlight -= 1
      hosts[origin]?.active -= 1
    }
    defer {
      if outcome.adopted == nil { pump() }
    }
    guard var record = records[url] else { return }
    let now = Self.wallClock()
    switch outcome.result {
    case .failure(let error):
      if case .cancelled = error {
        record.state = .queued
        records[url] = record
        return
      }
      record.attempts += 1
      let kind = Self.errorKind(error)
      if error.isRetryable && record.attempts < config.maxAttempts {
        // Retried after a backoff; when the run is stopping, left queued for the next run.
        record.state = .queued
        record.reason = kind
        records[url] = record
        if stopReason == nil {
          retryLater(url, origin: origin, attempt: record.attempts, retryAfter: nil)
        }
        return
      }
      record.state = .failed
      record.reason = kind
      record.fetchedAt = now
      records[url] = record
      countError(kind)
      sink.submit(
        ArchiveJob(
          record: record,
          error: PageError(runID: run.id, url: url, kind: kind, message: "\(error)", at: now)))

    case .success(let response):
      run.counts.pages += 1
      run.counts.bytes += Int64(response.body.count)
      record.attempts += 1
      record.lastStatus = response.status
      record.fetchedAt = now
      let previousDigest = record.digest
      var job = ArchiveJob(record: record, response: response)
      job.payloadDigest = outcome.payloadDigest
      job.previousDigest = previousDigest
      job.adopted = outcome.adopted
      var error: (kind: String, message: String)?
      let status = response.status

      if status == 304 {
        run.counts.notModified += 1
        record.state = .done
        record.reason = nil
        if record.kind == .page, let outlinks = record.outlinks {
          for link in outlinks.split(separator: "\n") {
            admit(String(link), from: record, into: &job.newRecords)
          }
        }
      } else if (500..<600).contains(status) || status == 429 {
        if record.attempts < config.maxAttempts {
          record.state = .queued
          record.reason = "http \(status)"
          if stopReason == nil {
            retryLater(
              url, origin: origin, attempt: record.attempts,
              retryAfter: response.header("Retry-After"))
          }
        } else {
          record.state = .failed
          record.reason = "http \(status)"
          error = ("http \(status)", "\(url) answered \(status) \(record.attempts) times")
        }
      } else if (300..<400).contains(status) {
        record.kind = .redirect
        record.outlinks = outcome.redirectTarget
        record.state = .done
        let chain = (record.redirectChain?.split(separator: "\n").map(String.init) ?? []) + [url]
        if let target = outcome.redirectTarget {
          if chain.contains(target) || redirectLeadsBack(from: target, to: url) {
            record.state = .failed
            record.reason = "redirect loop"
            error = ("redirect loop", "\(url) redirects to \(target), which leads back")
          } else if chain.count > config.maxRedirects {
            record.state = .failed
            record.reason = "too many redirects"
            error = ("too many redirects", "\(url): more than \(config.maxRedirects) hops")
          } else if let r = schedule(
            target, depth: record.depth, parent: url, chain: chain.joined(separator: "\n"))
          {
            job.newRecords.append(r)
          }
        } else {
          record.state = .failed
          record.reason = "redirect without Location"
          error = ("bad redirect", "\(url) answered \(status) without a usable Location")
        }
      } else if status == 200 {
        record.state = .done
        record.reason = nil
        record.etag = response.header("ETag")
        record.lastModified = response.header("Last-Modified")
        record.digest = outcome.payloadDigest
        if outcome.isHTML {
          if let analysis = outcome.analysis {
            let isSeed = seeds.contains(url)
            record.kind = analysis.article.isArticle && !isSeed ? .article : .page
            if record.kind == .article && previousDigest == nil { run.counts.newArticles += 1 }
            record.outlinks = record.kind == .page ? analysis.links.joined(separator: "\n") : nil
            for link in analysis.links { admit(link, from: record, into: &job.newRecords) }
            if analysis.modelMatured { sink.modelMatured(host: record.host) }
          } else {
            record.kind = .page
            record.reason = "truncated: \(outcome.decodeProblem ?? "not analysed")"
            error = ("truncated", "\(url): \(outcome.decodeProblem ?? "not analysed")")
          }
        } else {
          record.kind = .resource
          if response.truncated {
            record.reason = "truncated at max_body_bytes"
            error = ("truncated", "\(url): body cut at \(config.maxBodyBytes) bytes")
          }
        }
        job.analysis = outcome.analysis
      } else {
        record.state = .failed
        record.reason = "http \(status)"
        error = ("http \(status)", "\(url) answered \(status)")
      }
      if let error {
        countError(error.kind)
        job.error = PageError(
          runID: run.id, url: url, kind: error.kind, message: error.message, at: now)
      }
      records[url] = record
      job.record = record
      job.kind = record.kind
      sink.submit(job)
    }
  }

  /// Schedules a discovered link one hop deeper than the page it was found on.
  func admit(_ link: String, from page: URLRecord, into out: inout [URLRecord]) {
    if let r = schedule(link, depth: page.depth + 1, parent: page.url, chain: nil) {
      out.append(r)
    }
  }

  /// Whether following known redirects from `start` comes back to `url`.
  func redirectLeadsBack(from start: String, to url: String) -> Bool {
    var current = start
    for _ in 0...config.maxRedirects {
      guard let r = records[current], r.kind == .redirect, let next = r.outlinks else {
        return false
      }
      if next == url { return true }
      current = next
    }
    return true
  }

  /// Puts a URL back after a backoff: retry_delay × 2^(attempt−1), capped at 60 s, or the
  /// server's Retry-After (seconds or HTTP-date) when it asks for longer, capped at 10 min.
  func retryLater(_ url: String, origin: String, attempt: Int, retryAfter: String?) {
    var delay = min(60, config.retryDelay * pow(2, Double(max(0, attempt - 1))))
    if let retryAfter, let asked = Self.retryAfterSeconds(retryAfter) {
      delay = max(delay, min(asked, 600))
    }
    hosts[origin]?.delayed.append((at: Self.now() + delay, url: url))
  }

  static func retryAfterSeconds(_ value: String) -> Double? {
    let trimmed = value.trimmingCharacters(in: .whitespaces)
    if let seconds = Double(trimmed) { return max(0, seconds) }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: trimmed) else { return nil }
    return max(0, date.timeIntervalSinceNow)
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
    case .cancelled: "cancelled"
    case .curl(_, let code, _): "curl \(code)"
    }
  }
}
