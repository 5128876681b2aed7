import Dispatch
import Extract
import Fetch
import Foundation
import Frontier
import Logging
import WARC

/// Writes fetches to the WARC archive and commits the state DB behind them.
///
/// Threading: everything runs on its own serial queue; it owns the `WARCWriter` and is the only
/// committer of crawl results to the state DB during the run (through the pool's writer
/// connection; its reads of the digest index and fingerprints use the pool's readers).
/// Durability: state changes are collected in a batch; every `syncEvery` fetches or
/// `syncInterval` seconds the WARC file is fsync'd first and the batch committed second, so a
/// URL is marked done only after its records are on disk. A kill between the two leaves records
/// the state does not know; the next run adopts them (`Crawler.adoptArchiveTail`).
///
/// Memory: the current batch (at most `syncEvery` fetches and their new links) and the
/// backlog bound below. The digest index, fingerprints and pending articles are read from the
/// DB, with the current batch's own entries looked up in the batch.
final class ArchiveSink: @unchecked Sendable {
  let queue = DispatchQueue(label: "portal-archiver.archive")
  let config: CrawlConfig
  let frontier: any FrontierStore
  let writer: WARCWriter
  let runID: Int64
  let pipeline: PagePipeline
  let logger: Logger
  /// Called once, on the sink's queue, when the archive or state cannot be written.
  var onFailure: (@Sendable (Error) -> Void)?
  /// Called on the sink's queue when the backlog drops out of `isBackedUp`.
  var onDrained: (@Sendable () -> Void)?
  /// Called on the sink's queue after each commit with the URLs whose records it made durable
  /// (one entry per record in the batch).
  var onCommitted: (@Sendable ([String]) -> Void)?

  /// Jobs submitted and not yet written, and their payload bytes. The engine stops starting
  /// fetches while the writer is this far behind: without the bound, a content pipeline faster
  /// than the writer's fsync'd commits queues whole responses here (measured: +25–45 MB of peak
  /// RSS on the 15 K-response benchmark). Guarded by `backlogLock` (read from the engine queue).
  private let backlogLock = NSLock()
  private var backlogJobs = 0
  private var backlogBytes = 0
  let maxBacklogJobs: Int
  static let maxBacklogBytes = 16 << 20

  /// Whether the engine should wait before starting more fetches.
  var isBackedUp: Bool {
    backlogLock.lock()
    defer { backlogLock.unlock() }
    return backedUp
  }

  private var backedUp: Bool {
    backlogJobs >= maxBacklogJobs || backlogBytes >= Self.maxBacklogBytes
  }

  /// First response captures of payload digests written in the current batch (not in the DB
  /// yet).
  private var batchDigests: [String: Capture] = [:]
  private var batch = CommitBatch()
  private var batchFetches = 0
  private var failure: Error?
  private var timer: DispatchSourceTimer?
  private(set) var revisits = 0
  /// Article records a killed run wrote after its last commit, by the record ID they refer
  /// to (`Crawler.adoptArchiveTail`): not written again. An entry goes once its response's
  /// article records are complete.
  private var derivedInArchive: [String: Set<String>] = [:]
  /// The fields of those article records, by the same record ID, for the search index entry
  /// of an adopted response whose records are already archived. An entry goes when it is used.
  private var tailArticles: [String: TailArticle] = [:]
  /// The WARC types of an article's records, written after its response.
  static let articleRecordTypes: Set<String> = ["metadata", "conversion"]

  init(
    config: CrawlConfig, frontier: any FrontierStore, writer: WARCWriter, runID: Int64,
    pipeline: PagePipeline, logger: Logger
  ) throws {
    self.config = config
    self.frontier = frontier
    self.writer = writer
    self.runID = runID
    self.pipeline = pipeline
    self.logger = logger
    maxBacklogJobs = max(32, 2 * config.concurrency)
    let timer = DispatchSource.makeTimerSource(queue: queue)
    let interval = max(0.05, config.syncInterval)
    timer.schedule(deadline: .now() + interval, repeating: interval)
    timer.setEventHandler { [weak self] in
      guard let self, self.batchFetches > 0 else { return }
      self.guarded { try self.flush() }
    }
    timer.resume()
    self.timer = timer
  }

  deinit { timer?.cancel() }

  func submit(_ job: ArchiveJob) {
    let size = job.response?.body.count ?? 0
    backlogLock.lock()
    backlogJobs += 1
    backlogBytes += size
    backlogLock.unlock()
    queue.async {
      self.guarded { try self.write(job) }
      self.backlogLock.lock()
      let wasBackedUp = self.backedUp
      self.backlogJobs -= 1
      self.backlogBytes -= size
      let drained = wasBackedUp && !self.backedUp
      self.backlogLock.unlock()
      if drained { self.onDrained?() }
    }
  }

  /// Article records already in the archive's uncommitted tail (see `derivedInArchive`);
  /// runs before the jobs submitted after it.
  func knownDerivedRecords(
    _ derived: [String: Set<String>], articles: [String: TailArticle] = [:]
  ) {
    guard !derived.isEmpty else { return }
    queue.async {
      self.derivedInArchive.merge(derived) { $0.union($1) }
      self.tailArticles.merge(articles) { _, new in new }
    }
  }

  /// Settles the article records a killed run wrote for responses it had committed as pending
  /// extractions, whose own commit the kill lost; queued after the adopted fetches, so this
  /// run's first commit takes them in.
  ///
  /// Left for later, a commit of this run's new captures would move the archive tail past
  /// them, and a second kill before the host's extraction would have them written again.
  /// Complete records are indexed as they are; a partial set gets its missing records now.
  func settleTailArticles() {
    queue.async {
      self.guarded {
        var orphans: [String: String] = [:]  // record ID by article URL
        for id in self.derivedInArchive.keys {
          if let url = self.tailArticles[id]?.url { orphans[url] = id }
        }
        guard !orphans.isEmpty else { return }
        for host in try self.frontier.pendingHosts() where !orphans.isEmpty {
          var after: Int64 = 0
          while !orphans.isEmpty {
            let page = try self.frontier.pendingArticles(host: host, afterRow: after, limit: 512)
            guard let last = page.last else { break }
            after = last.row
            for (_, p) in page {
              guard let id = orphans.removeValue(forKey: p.url) else { continue }
              try self.settle(p, host: host, refersTo: id)
            }
          }
        }
      }
    }
  }

  /// Settles one pending article whose response has record ID `refersTo` in the tail's records.
  private func settle(_ p: PendingArticle, host: String, refersTo: String) throws {
    let location = WARCLocation(file: p.file, offset: p.offset, length: p.length)
    let record = try WARCReader.record(at: location, root: config.archive)
    guard record["WARC-Record-ID"] == refersTo else { return }
    let present = derivedInArchive[refersTo] ?? []
    if present.isSuperset(of: Self.articleRecordTypes), let tail = tailArticles[refersTo],
      let entry = Self.indexEntry(
        url: p.url, warcDate: record["WARC-Date"] ?? "", location: location, tail: tail)
    {
      derivedInArchive[refersTo] = nil
      tailArticles[refersTo] = nil
      if entry.text.count >= 50 {
        batch.fingerprints.append((p.url, TextFingerprint.simhash(entry.text)))
      }
      batch.articles.append(entry)
      batch.pendingRemoved.append(p.url)
      logger.debug("article records of \(p.url) found in the archive tail")
    } else {
      tailArticles[refersTo] = nil
      try extract(p, host: host, model: pipeline.models.model(for: host, allowImmature: true))
    }
  }

  /// Writes the article records of response `refersTo` that the archive does not hold yet.
  private func writeArticleRecords(_ records: [WARCRecord], refersTo: String) throws {
    let present = derivedInArchive.removeValue(forKey: refersTo) ?? []
    let missing = records.filter { !present.contains($0["WARC-Type"] ?? "") }
    if missing.count < records.count {
      logger.debug("\(records.count - missing.count) article record(s) of \(refersTo) already archived")
    }
    _ = try writer.write(missing)
  }

  /// A host's model just matured: its pending articles get their records now.
  func modelMatured(host: String) {
    queue.async {
      self.guarded {
        guard let model = self.pipeline.models.model(for: host, allowImmature: false) else {
          return
        }
        try self.extractPending(host: host, model: model)
      }
    }
  }

  /// Ends the run: pending articles are extracted with whatever each host's model learned
  /// (only when the run `complete`d), the site models and run row saved, the archive synced and
  /// the open WARC file closed (which writes its CDXJ).
  func finish(
    run: RunRecord, complete: Bool,
    completion: @escaping @Sendable (Result<Int, Error>) -> Void
  ) {
    queue.async {
      self.timer?.cancel()
      if let failure = self.failure {
        completion(.failure(failure))
        return
      }
      do {
        if complete {
          try self.flush()
          for host in try self.frontier.pendingHosts() {
            let model = self.pipeline.models.model(for: host, allowImmature: true)
            try self.extractPending(host: host, model: model)
          }
        }
        self.batch.siteModels = self.pipeline.models.encoded()
        var run = run
        run.counts.revisits += self.revisits
        self.batch.run = run
        try self.flush()
        try self.writer.close()
        completion(.success(self.revisits))
      } catch {
        completion(.failure(error))
      }
    }
  }

  private func guarded(_ body: () throws -> Void) {
    guard failure == nil else { return }
    do {
      try body()
    } catch {
      failure = error
      logger.error("archive or state write failed: \(error)")
      onFailure?(error)
    }
  }

  /// fsyncs the archive, then commits the batch.
  private func flush() throws {
    try writer.sync()
    batch.fileEnds.merge(writer.takeFileEnds(), uniquingKeysWith: max)
    if FaultPoint.armed != nil {
      if !batch.urls.isEmpty { FaultPoint.reached(.beforeCommit) }
      if !batch.pendingRemoved.isEmpty { FaultPoint.reached(.beforeCommitOfExtractions) }
    }
    try frontier.commit(batch)
    let urls = batch.urls.map(\.url)
    batch = CommitBatch()
    batchDigests.removeAll(keepingCapacity: true)
    batchFetches = 0
    if !urls.isEmpty {
      if FaultPoint.armed != nil { FaultPoint.reached(.afterFirstCommit) }
      onCommitted?(urls)
    }
  }

  /// The first response capture of a payload digest: this batch's, else the DB's.
  private func firstResponse(digest: String) throws -> Capture? {
    if let capture = batchDigests[digest] { return capture }
    return try frontier.firstCapture(digest: digest)
  }

  private func write(_ job: ArchiveJob) throws {
    batch.urls += job.newRecords
    batch.sitemapLastmods.merge(job.sitemapLastmods) { _, newer in newer }
    if let response = job.response {
      try archive(job, response)
    }
    batch.urls.append(job.record)
    if let error = job.error { batch.errors.append(error) }
    batchFetches += 1
    if batchFetches >= config.syncEvery { try flush() }
  }

  private func archive(_ job: ArchiveJob, _ r: FetchResponse) throws {
    let uri = r.url
    // A POST answer's capture is stored under its frontier key (`RequestKey`), never a revisit
    // nor the original of one: GETs and POSTs of one URL are deduplicated apart.
    let isPost = RequestKey.isPost(job.record.url)
    let captureURL = isPost ? job.record.url : uri
    let payloadDigest = job.payloadDigest ?? WARCRecord.sha1Base32(r.body)
    let isArticle = job.kind == .article && job.analysis?.article.isArticle == true
    let location: WARCLocation
    let recordID: String
    let warcDate: String
    let recordType: String
    var digest: String? = payloadDigest
    var articleDone = false

    if let adopted = job.adopted {
      location = adopted.location
      recordID = adopted.recordID
      warcDate = adopted.warcDate
      recordType = adopted.recordType
      articleDone = adopted.hasArticleRecords
      if articleDone {
        derivedInArchive[recordID] = nil
        if let tail = tailArticles.removeValue(forKey: recordID),
          let entry = Self.indexEntry(
            url: uri, warcDate: warcDate, location: location, tail: tail)
        {
          batch.articles.append(entry)
        }
      }
      if recordType == "revisit" { revisits += 1 }
    } else {
      let main: WARCRecord
      let postRequestID = isPost ? WARCRecord.newRecordID() : nil
      let previous =
        r.status == 304
        ? try job.previousDigest.flatMap({ try firstResponse(digest: $0) })
          ?? frontier.latestCapture(of: uri)
        : nil
      if r.status == 304, let previous {
        digest = previous.digest
        main = WARCRecord.revisit(
          uri: uri, date: r.date, ip: r.remoteIP, profile: .serverNotModified,
          refersToURI: previous.url, refersToDate: WARCDate.parse(previous.warcDate) ?? r.date,
          refersToRecordID: previous.recordID, payloadDigest: previous.digest,
          httpHeaderBytes: r.headerBytes)
      } else if !isPost, !r.body.isEmpty, !r.truncated,
        let first = try firstResponse(digest: payloadDigest)
      {
        main = WARCRecord.revisit(
          uri: uri, date: r.date, ip: r.remoteIP, profile: .identicalPayloadDigest,
          refersToURI: first.url, refersToDate: WARCDate.parse(first.warcDate) ?? r.date,
          refersToRecordID: first.recordID, payloadDigest: payloadDigest,
          httpHeaderBytes: r.headerBytes)
      } else {
        // A POST's response names its request too: cdxj-indexer --post-append (and
        // CDXJRequestJoin) pair a request and the response after it only that way.
        main = WARCRecord.response(
          uri: uri, date: r.date, ip: r.remoteIP, httpHeaderBytes: r.headerBytes,
          payload: r.body, concurrentTo: postRequestID, truncated: r.truncated,
          payloadDigest: payloadDigest)
      }
      recordID = main["WARC-Record-ID"] ?? ""
      warcDate = main["WARC-Date"] ?? WARCDate.string(r.date)
      recordType = main["WARC-Type"] ?? "response"
      if recordType == "revisit" { revisits += 1 }
      var records = [
        WARCRecord.request(
          uri: uri, date: r.date, ip: r.remoteIP, bytes: r.requestBytes, concurrentTo: recordID,
          recordID: postRequestID),
        main,
      ]
      if isArticle, recordType == "response", let analysis = job.analysis, analysis.usedModel {
        records += try articleRecords(
          uri: uri, date: r.date, refersTo: recordID, analysis: analysis)
        articleDone = true
      }
      let locations = try writer.write(records)
      location = locations[1]
      if articleDone, let analysis = job.analysis {
        batch.articles.append(
          Self.indexEntry(url: uri, warcDate: warcDate, location: location, analysis: analysis))
      }
    }

    let capture = Capture(
      url: captureURL, timestamp: WARCDate.timestamp14(fromWARCDate: warcDate), warcDate: warcDate,
      recordID: recordID, status: r.status, mime: Self.mime(r.header("Content-Type")),
      digest: digest, recordType: recordType, file: location.file, offset: location.offset,
      length: location.length, runID: runID)
    batch.captures.append(capture)
    // The first capture of its payload: a response written just now was checked above (it
    // would be a revisit otherwise); an adopted one is looked up here.
    let firstOfPayload =
      try !isPost && recordType == "response" && !r.truncated && !r.body.isEmpty
      && (job.adopted == nil ? true : firstResponse(digest: payloadDigest) == nil)
    if firstOfPayload { batchDigests[payloadDigest] = capture }
    if isArticle, recordType == "response", !articleDone {
      if let analysis = job.analysis, analysis.usedModel, job.adopted != nil {
        // Adopted on resume without its article records: write them now.
        let date = WARCDate.parse(warcDate) ?? r.date
        try writeArticleRecords(
          try articleRecords(uri: uri, date: date, refersTo: recordID, analysis: analysis),
          refersTo: recordID)
        batch.articles.append(
          Self.indexEntry(url: uri, warcDate: warcDate, location: location, analysis: analysis))
      } else {
        batch.pendingAdded.append(
          PendingArticle(
            url: uri, host: job.record.host, file: location.file, offset: location.offset,
            length: location.length))
      }
    }
  }

  /// The metadata and conversion records of an article, naming an earlier near-duplicate.
  private func articleRecords(uri: String, date: Date, refersTo: String, analysis: PageAnalysis)
    throws -> [WARCRecord]
  {
    let article = analysis.article
    let text = article.text
    var metadata = ArticleMetadata(
      charset: analysis.charset, charset_source: analysis.charsetSource, title: article.title,
      published: article.published, source: article.source, author: article.author,
      outlinks: analysis.links.count, extractor: "portal-archiver/\(PortalArchiverVersion.string)")
    if text.count >= 50 {
      let hash = TextFingerprint.simhash(text)
      metadata.duplicate_of = try nearDuplicate(of: hash, excluding: uri)
      // Stored once per URL (the commit keeps the first).
      batch.fingerprints.append((uri, hash))
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    let json = (try? encoder.encode(metadata)).map { Array($0) } ?? Array("{}".utf8)
    return [
      WARCRecord.metadata(uri: uri, date: date, refersTo: refersTo, json: json),
      WARCRecord.conversion(uri: uri, date: date, refersTo: refersTo, text: text),
    ]
  }

  /// The oldest archived article within `TextFingerprint.nearThreshold` bits of `hash`: the DB's
  /// (banded lookup), else this batch's.
  private func nearDuplicate(of hash: UInt64, excluding uri: String) throws -> String? {
    let threshold = TextFingerprint.nearThreshold
    if let stored = try frontier.nearDuplicate(of: hash, threshold: threshold, excluding: uri) {
      return stored
    }
    return batch.fingerprints.first {
      $0.0 != uri && TextFingerprint.distance($0.1, hash) <= threshold
    }?.0
  }

  /// Re-reads a host's pending article responses from the archive and writes their records.
  private func extractPending(host: String, model: SiteModel?) throws {
    // The batch may hold this host's newest pending articles: commit it so the DB lists them.
    try flush()
    var after: Int64 = 0
    while true {
      let page = try frontier.pendingArticles(host: host, afterRow: after, limit: 512)
      guard let last = page.last else { break }
      after = last.row
      for (_, p) in page { try extract(p, host: host, model: model) }
    }
  }

  /// Writes the article records of one pending response, read back from the archive.
  private func extract(_ p: PendingArticle, host: String, model: SiteModel?) throws {
    let record = try WARCReader.record(
      at: WARCLocation(file: p.file, offset: p.offset, length: p.length), root: config.archive)
    let decoded = try pipeline.decodedBody(
      Array(record.httpPayload), contentEncoding: record.httpHeader("Content-Encoding"))
    let analysis = pipeline.analyze(
      url: p.url, host: host, decoded: decoded,
      contentType: record.httpHeader("Content-Type"), learn: false, finalModel: model)
    let date = record["WARC-Date"].flatMap(WARCDate.parse) ?? Date()
    let recordID = record["WARC-Record-ID"] ?? ""
    try writeArticleRecords(
      articleRecords(uri: p.url, date: date, refersTo: recordID, analysis: analysis),
      refersTo: recordID)
    batch.articles.append(
      Self.indexEntry(
        url: p.url, warcDate: record["WARC-Date"] ?? WARCDate.string(date),
        location: WARCLocation(file: p.file, offset: p.offset, length: p.length),
        analysis: analysis))
    batch.pendingRemoved.append(p.url)
  }

  static func mime(_ contentType: String?) -> String {
    guard let ct = contentType else { return "unk" }
    return ct.split(separator: ";").first.map {
      $0.trimmingCharacters(in: .whitespaces).lowercased()
    } ?? "unk"
  }
}
