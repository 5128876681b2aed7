import Fetch
import Foundation
import Frontier
import HTML

extension Crawler {
  /// Queues an origin's sitemaps, once per run, before its first fetch after robots.txt: the
  /// `Sitemap:` lines of its robots.txt (through the scope, like links) and `/sitemap.xml`.
  /// Only for hosts in scope, with `scope.sitemaps` on. Their records are committed at once, as
  /// the seeds' are (engine queue).
  func discoverSitemaps(_ host: HostState) {
    guard config.sitemaps, let parts = URLParts(host.origin + "/"),
      scope.contains(String(parts.host))
    else { return }
    let robotsURL = host.origin + "/robots.txt"
    var seen = Set<String>()
    let candidates = ((host.robots?.sitemaps ?? []) + ["/sitemap.xml"]).compactMap { raw in
      URLCanonicalizer.resolve(raw.trimmingCharacters(in: .whitespaces), against: robotsURL)
        .flatMap { canonicalizer.canonicalize($0) }
    }.filter { seen.insert($0).inserted }
    var batch = CommitBatch()
    for url in candidates {
      if let r = scheduleSitemap(url, parent: robotsURL, depth: 0) { batch.urls.append(r) }
    }
    do {
      try frontier.commit(batch)
    } catch {
      stateFailed(error)
      return
    }
    working.committed(batch.urls.map(\.url))
  }

  /// Queues one sitemap file unless its origin's `scope.sitemap_max_files` is reached or this
  /// run already has it; returns the record to persist.
  func scheduleSitemap(_ url: String, parent: String, depth: Int) -> URLRecord? {
    let host = hostState(String(Frontier.origin(of: url)))
    guard host.sitemapFiles < config.sitemapMaxFiles else {
      if host.sitemapFiles == config.sitemapMaxFiles {
        let max = config.sitemapMaxFiles
        logger.warning(
          "\(host.origin): more than \(max) sitemaps; the rest are not read (scope.sitemap_max_files)")
        host.sitemapFiles += 1
      }
      return nil
    }
    let known = knownRecord(url)
    if let known, known.runID == run.id { return nil }
    guard
      let record = schedule(
        url, depth: depth, parent: parent, chain: nil, known: known, force: true, kind: .sitemap)
    else { return nil }
    if record.state == .queued { host.sitemapFiles += 1 }
    return record
  }

  /// Reads a sitemap's 200 response (worker thread): Content-Encoding undone, a gzip'd file
  /// (magic bytes 1f 8b, whatever the headers say) inflated, both within
  /// `scope.sitemap_max_bytes`; `<loc>`s resolved against the sitemap's URL and canonicalised.
  func readSitemap(_ response: FetchResponse) -> SitemapFindings {
    var findings = SitemapFindings()
    let limit = config.sitemapMaxBytes
    let sitemap: Sitemap
    do {
      var body = try ContentDecoding.decode(
        response.body, contentEncoding: response.header("Content-Encoding"), maxOutput: limit,
        allowTruncated: response.truncated)
      if body.starts(with: [0x1F, 0x8B]) {
        body = try ContentDecoding.decode(
          body, contentEncoding: "gzip", maxOutput: limit, allowTruncated: response.truncated)
      }
      sitemap = try SitemapParser.parse(bytes: body, maxBytes: limit)
    } catch {
      findings.problem = "\(error)"
      return findings
    }
    findings.kind = sitemap.kind
    findings.problem = sitemap.problem
    findings.omitted = sitemap.omitted
    var seen = Set<String>()
    for entry in sitemap.entries {
      guard
        let url = URLCanonicalizer.resolve(entry.loc, against: response.url)
          .flatMap({ canonicalizer.canonicalize($0) })
      else {
        findings.omitted += 1
        continue
      }
      if seen.insert(url).inserted {
        findings.entries.append(.init(url: url, lastmod: entry.lastmod?.seconds))
      }
    }
    return findings
  }

  /// A sitemap's 200 (engine queue): an index's sitemaps are queued (to
  /// `scope.sitemap_max_nesting` levels), a URL set's URLs are admitted like links one hop
  /// below the sitemap. The sitemap itself stays a `.sitemap` record, never an article.
  func applySitemap(
    _ outcome: FetchOutcome, to record: inout URLRecord, job: inout ArchiveJob
  ) -> (kind: String, message: String)? {
    record.outlinks = nil
    guard let found = outcome.sitemap, let kind = found.kind else {
      let problem = outcome.sitemap?.problem ?? "not read"
      logger.warning("sitemap \(record.url): \(problem)")
      return nil
    }
    if let problem = found.problem {
      logger.warning("sitemap \(record.url): \(problem); \(found.entries.count) URLs read before it")
    }
    let more = found.omitted > 0 ? " (\(found.omitted) more not read)" : ""
    logger.info("sitemap \(record.url): \(kind.rawValue), \(found.entries.count) URLs\(more)")
    if kind == .index {
      let level = sitemapLevel(record)
      guard level < config.sitemapMaxNesting else {
        let max = config.sitemapMaxNesting
        logger.warning(
          "sitemap index \(record.url) is at level \(level): its sitemaps are not read (scope.sitemap_max_nesting = \(max))")
        return nil
      }
      for entry in found.entries {
        if let r = scheduleSitemap(entry.url, parent: record.url, depth: record.depth) {
          job.newRecords.append(r)
        }
      }
    } else {
      admitSitemapEntries(found.entries, from: record, job: &job)
    }
    return nil
  }

  /// The level of a sitemap: 1 when robots.txt or the guess found it, one more per sitemap
  /// index above it (followed through the records' parents).
  func sitemapLevel(_ record: URLRecord) -> Int {
    var level = 1
    var parent = record.parent
    while let p = parent, level <= config.sitemapMaxNesting, let r = knownRecord(p),
      r.kind == .sitemap
    {
      level += 1
      parent = r.parent
    }
    return level
  }

  /// Admits a URL set's entries (one read of their records and stored `<lastmod>`s): new URLs
  /// are queued, known ones as a link would be, except that an article whose `<lastmod>` is
  /// newer than its last capture (`lastmodIsNewer`) is revalidated even when fresh. Every
  /// `<lastmod>` read is stored with the records, for the next run's comparison.
  func admitSitemapEntries(
    _ entries: [SitemapFindings.Entry], from sitemap: URLRecord, job: inout ArchiveJob
  ) {
    let known: Known
    let stored: [String: Int64]
    do {
      known = try lookup(entries.map(\.url))
      stored = try frontier.sitemapLastmods(for: entries.filter { $0.lastmod != nil }.map(\.url))
    } catch {
      stateFailed(error)
      return
    }
    for entry in entries {
      if let lastmod = entry.lastmod, stored[entry.url] != lastmod {
        job.sitemapLastmods[entry.url] = lastmod
      }
      if known.inRun.contains(entry.url) {
        working.markSeen(entry.url)
        continue
      }
      let record = known.records[entry.url]
      let moved = record.map {
        lastmodIsNewer(entry.lastmod, than: $0, stored: stored[entry.url])
      } ?? false
      if let r = schedule(
        entry.url, depth: sitemap.depth + 1, parent: sitemap.url, chain: nil, known: record,
        force: moved)
      {
        job.newRecords.append(r)
      }
    }
  }

  /// Whether a sitemap `<lastmod>` says the URL changed since its last capture: it is later than
  /// the capture's Last-Modified and the `<lastmod>` stored when the URL was last listed (both on
  /// the server's clock), or, with neither, than the time of the capture (this machine's
  /// clock). False without a `<lastmod>` or for a URL never captured (queued anyway).
  func lastmodIsNewer(_ lastmod: Int64?, than record: URLRecord, stored: Int64?) -> Bool {
    guard let lastmod, record.state == .done, record.kind == .article || record.kind == .resource
    else { return false }
    let captured = record.lastModified.flatMap(RetryPolicy.parseHTTPDate).map {
      Int64($0.timeIntervalSince1970.rounded(.down))
    }
    let known = [captured, stored].compactMap { $0 }.max()
    guard let baseline = known ?? record.fetchedAt.map({ Int64($0.rounded(.down)) }) else {
      return true
    }
    return lastmod > baseline
  }
}
