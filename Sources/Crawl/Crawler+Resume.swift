import Fetch
import Foundation
import Frontier
import WARC

extension Crawler {
  /// Takes in the fetches a killed run archived but did not commit to the state.
  ///
  /// The state's newest capture marks the last committed record; every record after it (in
  /// that file and in newer files) was written and fsync'd-or-not before the kill. Torn records
  /// were already cut off by `WARCWriter`'s start-up repair. Each response or revisit of a URL
  /// the run has not finished is processed as if just fetched — links followed, article
  /// extracted — but not written again, so no response appears twice in the archive. The
  /// article records (metadata, conversion) found in the tail are handed to the sink first,
  /// wherever they lie (a rotation may have put them in the next file; a pending extraction
  /// writes them long after their response), so none is written twice either; those of a
  /// pending extraction are settled before this run commits anything
  /// (`ArchiveSink.settleTailArticles`).
  /// Returns how many fetches were adopted.
  func adoptArchiveTail() throws -> Int {
    let archive = WARCArchive(root: config.archive)
    let files = try archive.warcFiles().map(archive.relative)
    guard !files.isEmpty, let tail = try archiveTail(files) else { return 0 }
    let (derived, articles) = try derivedRecords(in: tail)
    sink.knownDerivedRecords(derived, articles: articles)
    var adopted = 0
    // POST keys (`RequestKey`) by the record ID of the response their request record names.
    var posts: [String: String] = [:]
    try forEachTailRecord(tail) { item, file in
      let rec = item.record
      if let key = postKey(ofRequest: rec), let responseID = rec["WARC-Concurrent-To"] {
        posts[responseID] = key
        return
      }
      guard let type = rec["WARC-Type"], type == "response" || type == "revisit",
        let uri = rec["WARC-Target-URI"], let canonical = canonicalizer.canonicalize(uri)
      else { return }
      let url = posts.removeValue(forKey: rec["WARC-Record-ID"] ?? "") ?? canonical
      let known = knownRecord(url)
      let recordID = rec["WARC-Record-ID"] ?? ""
      let capture = AdoptedCapture(
        location: WARCLocation(file: file, offset: item.offset, length: item.length),
        recordID: recordID, warcDate: rec["WARC-Date"] ?? "", recordType: type,
        hasArticleRecords: derived[recordID]?.isSuperset(of: ArchiveSink.articleRecordTypes)
          ?? false)
      let origin = String(Frontier.origin(of: url))
      if url == origin + "/robots.txt", type == "response",
        known.map({ $0.runID != run.id || $0.state != .done }) ?? true
      {
        // Fetched once per run: taken from the archive, not fetched again.
        takeRobots(Self.response(rec, url: url), origin: origin, url: url, adopted: capture)
        adopted += 1
        return
      }
      guard let known, known.runID == run.id,
        known.state == .queued || known.state == .inFlight
      else { return }
      var outcome = process(known, .success(Self.response(rec, url: canonical)))
      outcome.adopted = capture
      if type == "revisit" { outcome.payloadDigest = rec["WARC-Payload-Digest"] }
      handle(outcome)
      adopted += 1
    }
    sink.settleTailArticles()
    return adopted
  }

  /// Where the uncommitted records begin: files (relative paths) and the offset in the first.
  struct ArchiveTail {
    var files: ArraySlice<String>
    var startOffset: Int64
  }

  /// The records after the state's newest capture; nil when its file is gone.
  ///
  /// Files are taken in the order they were opened (the time and serial in their names), in
  /// every day folder: a file opened after the capture's file may sit in an older day's folder
  /// (records of a fetch from before midnight). Files opened in the same second are included
  /// too: reading a committed record again is harmless (adoption skips finished URLs), missing
  /// an uncommitted one is not.
  private func archiveTail(_ files: [String]) throws -> ArchiveTail? {
    let ordered = files.compactMap { f in WARCFileOrder(path: f).map { (f, $0) } }
      .sorted { $0.1 < $1.1 }
    guard let last = try frontier.lastCapture() else {
      // Nothing committed yet: files begun during this run.
      let runStart = WARCDate.timestamp14(Date(timeIntervalSince1970: run.started - 1))
      return ArchiveTail(
        files: ordered.filter { $0.1.timestamp >= runStart }.map(\.0)[...], startOffset: 0)
    }
    guard files.contains(last.file), let lastOrder = WARCFileOrder(path: last.file) else {
      return nil
    }
    let later = ordered.filter { $0.0 != last.file && $0.1.timestamp >= lastOrder.timestamp }
    return ArchiveTail(
      files: ([last.file] + later.map(\.0))[...], startOffset: last.offset + last.length)
  }

  /// The types of article records (metadata, conversion) in the tail, by the record ID they
  /// refer to, and their fields (for the search index entries of their responses).
  private func derivedRecords(in tail: ArchiveTail) throws -> (
    [String: Set<String>], [String: TailArticle]
  ) {
    var derived: [String: Set<String>] = [:]
    var articles: [String: TailArticle] = [:]
    try forEachTailRecord(tail, warn: false) { item, _ in
      guard let type = item.record["WARC-Type"], ArchiveSink.articleRecordTypes.contains(type),
        let refersTo = item.record["WARC-Refers-To"]
      else { return }
      derived[refersTo, default: []].insert(type)
      articles[refersTo, default: TailArticle()].add(item.record)
    }
    return (derived, articles)
  }

  /// Calls `body` with each readable record of the tail, in archive order. A damaged file (cut
  /// short after the crawl, a bad disk): what can be read is taken; the rest was reconciled
  /// away (`reconcile`) and is fetched again.
  private func forEachTailRecord(
    _ tail: ArchiveTail, warn: Bool = true, _ body: (WARCReadItem, String) throws -> Void
  ) throws {
    for (n, file) in tail.files.enumerated() {
      let reader = try WARCReader(path: config.archive + "/" + file)
      if n == 0 && tail.startOffset > 0 { try reader.seek(to: tail.startOffset) }
      while true {
        let item: WARCReadItem?
        do {
          item = try reader.next()
        } catch {
          if warn { logger.warning("archive tail: \(error); reading stops there") }
          break
        }
        guard let item else { break }
        try body(item, file)
      }
    }
  }

  /// An archived response or revisit record as the fetcher would have delivered it.
  static func response(_ rec: WARCRecord, url: String) -> FetchResponse {
    let headerBytes = rec.httpHeaderBytes
    return FetchResponse(
      url: url, requestBytes: [], status: rec.httpStatus ?? 0, headerBytes: headerBytes,
      headers: FetchResponse.parseHeaderFields(headerBytes), body: Array(rec.httpPayload),
      truncated: rec["WARC-Truncated"] != nil, remoteIP: rec["WARC-IP-Address"] ?? "",
      date: rec["WARC-Date"].flatMap(WARCDate.parse) ?? Date())
  }

  /// robots.txt of an origin already fetched in this (resumed) run, read back from the archive
  /// so it is not fetched twice in one run.
  func archivedRobots(origin: String) -> RobotsTxt? {
    let url = origin + "/robots.txt"
    guard let record = knownRecord(url), record.runID == run.id, record.state == .done,
      let capture = try? frontier.latestCapture(of: url), capture.recordType == "response",
      let warc = try? WARCReader.record(
        at: WARCLocation(file: capture.file, offset: capture.offset, length: capture.length),
        root: config.archive)
    else { return nil }
    guard let status = warc.httpStatus, (200..<300).contains(status) else { return nil }
    let payload = Array(warc.httpPayload)
    let body =
      (try? pipeline.decodedBody(payload, contentEncoding: warc.httpHeader("Content-Encoding")))
      ?? payload
    return RobotsTxt(bytes: body, userAgent: config.userAgent)
  }
}
