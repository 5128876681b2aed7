import Frontier

/// The engine's bounded view of the frontier. The state DB is the frontier; this holds only
/// what the DB cannot answer yet, or would answer too often.
///
/// Owned by the engine queue. What it holds, and what bounds it:
/// - `overlay`: the records of URLs in flight, and records the engine changed that the archive
///   sink has not committed yet. An entry leaves when its last submitted change is committed
///   (`committed`), so it is bounded by concurrency plus the sink's backlog and batch (each
///   job carries a page's new links).
/// - the seen cache: URLs handled in this run, two generations of at most `seenCapacity` each
///   (the newer generation becomes the older one when full). Forgetting is safe: a URL this run
///   recorded is recognised by its record's run id (overlay or DB), and the URLs a run passes
///   over without a record (fresh articles, unchanged rejections) give the same answer again.
///   It keeps 64-bit hashes of the URLs, as Heritrix's fingerprint filter does, not the
///   strings: 8 bytes an entry instead of ~110 (a 60-character URL's storage and its slot), so
///   2 × 64 K hashes take less memory than 2 × 16 K strings did, and fewer seen tests reach the
///   DB. The hash is seeded per process: two URLs that collide (for n cached hashes, a chance
///   of n / 2^64 per lookup, about 10^-14) make one of them look seen in this run, which then
///   leaves it unrecorded (a later run that meets the link again, under another seed, takes it).
/// - query-variant counts per path: at most `variantCapacity` paths, recomputed from the DB
///   (and the overlay) when dropped.
final class WorkingSet {
  private(set) var overlay: [String: URLRecord] = [:]
  private var pendingCommits: [String: Int] = [:]
  private var inFlight = Set<String>()
  private var seenNew = Set<Int>()
  private var seenOld = Set<Int>()
  let seenCapacity: Int
  private var variants: [String: Int] = [:]
  let variantCapacity: Int

  init(seenCapacity: Int = 65_536, variantCapacity: Int = 8_192) {
    self.seenCapacity = seenCapacity
    self.variantCapacity = variantCapacity
  }

  var overlayCount: Int { overlay.count }

  // MARK: Seen cache

  func isSeen(_ url: String) -> Bool {
    let h = url.hashValue
    return seenNew.contains(h) || seenOld.contains(h)
  }

  func markSeen(_ url: String) {
    if seenNew.count >= seenCapacity {
      seenOld = seenNew
      seenNew = Set(minimumCapacity: seenCapacity)
    }
    seenNew.insert(url.hashValue)
  }

  // MARK: Records

  func record(_ url: String) -> URLRecord? { overlay[url] }

  /// A changed record that will reach the sink in a job: kept until that job is committed.
  func stage(_ record: URLRecord) {
    overlay[record.url] = record
    pendingCommits[record.url, default: 0] += 1
  }

  /// A record whose transfer starts: kept until the transfer ends.
  func startFlight(_ record: URLRecord) {
    overlay[record.url] = record
    inFlight.insert(record.url)
  }

  /// A transfer ended without a change to submit (cancelled, or put back for a retry): the
  /// record is dropped unless a submitted change still waits for its commit.
  func endFlight(_ url: String) {
    inFlight.remove(url)
    evictIfSettled(url)
  }

  /// The sink committed a batch holding these URLs' records (one entry per submitted change).
  func committed(_ urls: [String]) {
    for url in urls {
      guard let n = pendingCommits[url] else { continue }
      if n <= 1 {
        pendingCommits[url] = nil
        evictIfSettled(url)
      } else {
        pendingCommits[url] = n - 1
      }
    }
  }

  private func evictIfSettled(_ url: String) {
    if pendingCommits[url] == nil && !inFlight.contains(url) { overlay[url] = nil }
  }

  /// Overlay records of `origin` queued in `run` after queue position `afterSeq` (uncommitted
  /// ones are not in the DB yet).
  func queued(origin: String, run: Int64, afterSeq: Int64) -> [URLRecord] {
    overlay.values.filter {
      $0.state == .queued && $0.runID == run && $0.seq > afterSeq
        && Frontier.origin(of: $0.url) == origin
    }
  }

  // MARK: Query variants

  func variantCount(_ key: String) -> Int? { variants[key] }

  func setVariantCount(_ key: String, _ n: Int) {
    if variants[key] == nil && variants.count >= variantCapacity { variants.removeAll() }
    variants[key] = n
  }

  /// Overlay URLs that are query variants of `prefix` (origin and path) and count for its cap.
  func variants(of prefix: String) -> [String] {
    let start = prefix + "?"
    return overlay.values.filter {
      $0.url.hasPrefix(start) && !($0.state == .skipped && $0.reason == "query variants cap")
    }.map(\.url)
  }
}
