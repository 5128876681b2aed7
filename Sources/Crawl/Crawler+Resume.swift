import Fetch
import Foundation
import Frontier
import WARC

extension Crawler {
  /// Takes in the fetches a killed run archived but did not commit to the state.
  ///
  /// The state's newest capture marks the last committed record; every response or revisit
  /// after it (in that file and in newer files) was written and fsync'd-or-not before the kill.
  /// Torn records were already cut off by `WARCWriter`'s start-up repair. Each such record of a
  /// URL the run has not finished is processed as if just fetched — links followed, article
  /// extracted — but not written again, so no response appears twice in the archive.
  /// Returns how many fetches were adopted.
  func adoptArchiveTail() throws -> Int {
    let archive = WARCArchive(root: config.archive)
    let files = try archive.warcFiles().map(archive.relative)
    guard !files.isEmpty else { return 0 }
    let last = try frontier.lastCapture()
    var startIndex = 0
    var startOffset: Int64 = 0
    if let last {
      guard let i = files.firstIndex(of: last.file) else { return 0 }
      startIndex = i
      startOffset = last.offset + last.length
    } else {
      // Nothing committed yet: files begun during this run.
      let runStart = WARCDate.timestamp14(Date(timeIntervalSince1970: run.started - 1))
      startIndex =
        files.firstIndex { Self.fileTimestamp($0).map { $0 >= runStart } ?? false } ?? files.count
    }
    var adopted = 0
    for (n, file) in files[startIndex...].enumerated() {
      let reader = try WARCReader(path: config.archive + "/" + file)
      if n == 0 && startOffset > 0 { try reader.seek(to: startOffset) }
      var items: [WARCReadItem] = []
      do {
        while let item = try reader.next() { items.append(item) }
      } catch {
        // A damaged file (cut short after the crawl, a bad disk): what can be read is taken;
        // the rest was reconciled away (`reconcile`) and is fetched again.
        logger.warning("archive tail: \(error); reading stops there")
      }
      for (i, item) in items.enumerated() {
        let rec = item.record
        guard let type = rec["WARC-Type"], type == "response" || type == "revisit",
          let uri = rec["WARC-Target-URI"], let url = canonicalizer.canonicalize(uri)
        else { continue }
        let known = knownRecord(url)
        let recordID = rec["WARC-Record-ID"] ?? ""
        let capture = AdoptedCapture(
          location: WARCLocation(file: file, offset: item.offset, length: item.length),
          recordID: recordID, warcDate: rec["WARC-Date"] ?? "", recordType: type,
          hasArticleRecords: items[(i + 1)...].contains {
            $0.record["WARC-Type"] == "metadata" && $0.record["WARC-Refers-To"] == recordID
          })
        let origin = String(Frontier.origin(of: url))
        if url == origin + "/robots.txt", type == "response",
          known.map({ $0.runID != run.id || $0.state != .done }) ?? true
        {
          // Fetched once per run: taken from the archive, not fetched again.
          takeRobots(Self.response(rec, url: url), origin: origin, url: url, adopted: capture)
          adopted += 1
          continue
        }
        guard let known, known.runID == run.id,
          known.state == .queued || known.state == .inFlight
        else { continue }
        var outcome = process(known, .success(Self.response(rec, url: url)))
        outcome.adopted = capture
        if type == "revisit" { outcome.payloadDigest = rec["WARC-Payload-Digest"] }
        handle(outcome)
        adopted += 1
      }
    }
    return adopted
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

  /// The 14-digit timestamp in a WARC file name (`prefix-YYYYMMDDhhmmss-serial-host.warc.gz`).
  static func fileTimestamp(_ path: String) -> String? {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let fields: [Substring] = name.split(separator: "-")
    return fields.first { $0.count == 14 && $0.allSatisfy(\.isNumber) }.map(String.init)
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
