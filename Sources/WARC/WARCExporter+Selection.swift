import Foundation

extension WARCExporter {
  /// Which records of the archive an export keeps: those of the day range and host and, with
  /// a URL set, only the captures of those URLs plus the responses their revisits stand for.
  ///
  /// With a URL set, `init` reads the range's files once to learn which revisits of the set
  /// refer to a payload that no selected response carries (a capture of another URL); `keeps`
  /// then takes the first response with each such payload digest. Value type, owned by the
  /// one loop that writes the export.
  struct RecordSelection {
    let lo: String
    let hi: String
    let host: String?
    /// The URL set in WARC-Target-URI form (nil: every URL).
    let targets: Set<String>?
    /// Payload digests some selected revisit refers to and no selected response has yet.
    private(set) var wanted: Set<String> = []

    init(_ o: WARCExportOptions, lo: String, hi: String, archive: WARCArchive) throws {
      self.lo = lo
      self.hi = hi
      host = o.host
      targets = o.urls.map { Set($0.map(WARCRecord.targetURI)) }
      guard targets != nil else { return }
      var have: Set<String> = []
      for file in try archive.warcFiles(from: o.from, to: o.to, includeImported: true) {
        let reader = try WARCReader(path: file)
        reader.skipDamaged = true
        while let item = try reader.next() {
          let r = item.record
          guard selected(r), let digest = r["WARC-Payload-Digest"] else { continue }
          if r.type == "response" {
            have.insert(digest)
          } else if r.type == "revisit" {
            wanted.insert(digest)
          }
        }
      }
      wanted.subtract(have)
    }

    /// Whether `r` is in the day range, of the host and of the URL set.
    func selected(_ r: WARCRecord) -> Bool {
      guard dateInRange(r.dateString, lo, hi), hostMatches(r.targetURI ?? "", host) else {
        return false
      }
      guard let targets else { return true }
      return targets.contains(WARCRecord.pageURL(fromTargetURI: r.targetURI ?? ""))
    }

    /// Whether the export writes `r`: a selected record, or the first response carrying a
    /// payload a selected revisit refers to (whatever its date or URL).
    mutating func keeps(_ r: WARCRecord) -> Bool {
      if selected(r) { return true }
      guard r.type == "response", let digest = r["WARC-Payload-Digest"], wanted.contains(digest)
      else { return false }
      wanted.remove(digest)
      return true
    }
  }
}
