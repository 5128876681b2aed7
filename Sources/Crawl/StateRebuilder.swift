import Foundation
import Frontier
import Index
import HTML
import WARC

/// Rebuilds a state DB from the archive's WARC files alone, for a state that was lost or
/// damaged: URL records, captures (the digest index, so dedup goes on: a payload archived
/// before is written as a revisit), and article fingerprints. Site models are not in the
/// archive: they are learned again.
///
/// What a rebuilt state knows of a URL is what its newest capture says: articles and files are
/// done (fresh ones are not fetched again), redirects keep their target; list pages keep no
/// validators, so the next run fetches them in full and follows their links again. All records
/// belong to one completed run named "rebuilt". Single-threaded; reads each WARC file once, in
/// order; memory holds one batch of records.
struct StateRebuilder {
  let root: String
  let statePath: String
  let canonicalizer: URLCanonicalizer

  /// What a rebuild found.
  struct Report: Sendable, CustomStringConvertible {
    var files = 0
    var captures = 0
    var urls = 0
    var articles = 0
    /// Articles in the rebuilt search index.
    var indexed = 0
    var description: String {
      "\(files) WARC files read, \(captures) captures and \(urls) URLs (\(articles) articles) restored"
        + ", \(indexed) articles indexed for search"
    }
  }

  /// Writes a new state at `statePath` (which must not exist) from the archive.
  func rebuild() throws -> Report {
    let frontier = try Frontier(path: statePath)
    let archive = WARCArchive(root: root)
    let files = try archive.warcFiles()
    let run = try frontier.startRun(seeds: [], at: Date().timeIntervalSince1970)
    var report = Report()
    var pending = Pending(runID: run.id)
    for path in files {
      report.files += 1
      let reader = try WARCReader(path: path)
      while let item = try reader.next() {
        try take(item, file: archive.relative(path), into: &pending, frontier: frontier, report: &report)
        if pending.size >= 2_000 { try pending.commit(to: frontier) }
      }
    }
    try pending.commit(to: frontier)
    var done = run
    done.ended = Date().timeIntervalSince1970
    done.outcome = .completed
    done.verdict = "rebuilt from the archive: \(report)"
    try frontier.updateRun(done)
    try frontier.setVerdict(run: run.id, exitCode: 0, verdict: done.verdict ?? "")
    // The search index too, so a state lost with its index finds every article again.
    report.indexed = try SearchIndex.rebuild(statePath: statePath, archiveRoot: root).articles
    return report
  }

  /// Records and captures waiting for their commit; the newest capture of a URL decides its
  /// record.
  private struct Pending {
    let runID: Int64
    var records: [String: URLRecord] = [:]
    var batch = CommitBatch()
    var size: Int { records.count + batch.captures.count }

    mutating func commit(to frontier: Frontier) throws {
      // List pages keep no validators: the next run fetches them in full and follows their
      // links (the archive does not say which links a page had).
      batch.urls = records.values.map { r in
        var r = r
        if r.kind == .page { (r.etag, r.lastModified) = (nil, nil) }
        return r
      }
      try frontier.commit(batch)
      records = [:]
      batch = CommitBatch()
    }
  }

  private func take(
    _ item: WARCReadItem, file: String, into p: inout Pending, frontier: Frontier,
    report: inout Report
  ) throws {
    let rec = item.record
    guard let type = rec.type, let uri = rec.targetURI,
      let url = canonicalizer.canonicalize(WARCRecord.pageURL(fromTargetURI: uri))
    else { return }
    switch type {
    case "response", "revisit":
      guard let status = rec.httpStatus else { return }
      let digest = rec["WARC-Payload-Digest"]
      let warcDate = rec.dateString ?? ""
      p.batch.captures.append(
        Capture(
          url: url, timestamp: WARCDate.timestamp14(fromWARCDate: warcDate), warcDate: warcDate,
          recordID: rec.recordID ?? "", status: status,
          mime: ArchiveSink.mime(rec.httpHeader("Content-Type")), digest: digest,
          recordType: type, file: file, offset: item.offset, length: item.length,
          runID: p.runID))
      report.captures += 1
      let known = p.records[url]
      var r = record(url, status: status, rec: rec, digest: digest, runID: p.runID)
      if known?.kind == .article { r.kind = .article }
      if known == nil { report.urls += 1 }
      p.records[url] = r
    case "metadata":
      // An article's metadata record follows its response.
      guard rec["WARC-Refers-To"] != nil,
        var r = try p.records[url] ?? frontier.record(for: url), r.kind != .article
      else { return }
      r.kind = .article
      p.records[url] = r
      report.articles += 1
    case "conversion":
      let text = String(decoding: rec.block, as: UTF8.self)
      if text.count >= 50 { p.batch.fingerprints.append((url, TextFingerprint.simhash(text))) }
    default:
      return
    }
  }

  private func record(
    _ url: String, status: Int, rec: WARCRecord, digest: String?, runID: Int64
  ) -> URLRecord {
    let host = URLParts(url).map { String($0.host) } ?? ""
    var r = URLRecord(
      url: url, host: host, state: .done, depth: 0, runID: runID)
    r.lastStatus = status
    r.fetchedAt = rec.dateString.flatMap(WARCDate.parse)?.timeIntervalSince1970
    r.digest = digest
    let html = (rec.httpHeader("Content-Type") ?? "").lowercased().contains("html")
    switch status {
    case 300..<400 where status != 304:
      r.kind = .redirect
      r.outlinks = rec.httpHeader("Location").flatMap {
        URLCanonicalizer.resolve($0, against: url).flatMap { canonicalizer.canonicalize($0) }
      }
    case 200..<300, 304:
      r.kind = html ? .page : .resource
      r.etag = rec.httpHeader("ETag")
      r.lastModified = rec.httpHeader("Last-Modified")
    default:
      r.kind = html ? .page : .resource
      r.state = .failed
      r.reason = "http \(status)"
    }
    return r
  }
}
