import Fetch
import Frontier

/// The scheduler's view of one origin (scheme, host, port): its ready queue, politeness and
/// robots.
///
/// Owned by the engine queue. The origin's queue lives in the state DB; this keeps at most
/// `readyCapacity` records ready. A newly queued URL goes straight to the ready queue while
/// there is room and nothing of the origin waits in the DB (`spilled` false); otherwise it waits
/// in the DB and the engine refills the ready queue in queue order (`seq` after `cursor`).
final class HostState {
  enum RobotsState { case unknown, fetching, ready }

  static let readyCapacity = 256

  let origin: String
  /// Records ready to start, in queue order.
  private(set) var ready: [URLRecord] = []
  private var head = 0
  /// Queued URLs of this origin may wait in the DB beyond `cursor`.
  var spilled = false
  /// The queue position of the last URL taken into `ready` (or pushed straight into it).
  var cursor: Int64 = 0
  /// Retries waiting for their backoff: (not before, record). Bounded by the transfers that
  /// failed recently, not by the site.
  var delayed: [(at: Double, record: URLRecord)] = []
  /// Transfers in flight to this origin.
  var active = 0
  /// Monotonic seconds before which the next request must not start.
  var nextStart = 0.0
  /// Seconds between request starts.
  var delay: Double
  var robotsState: RobotsState
  var robots: RobotsTxt?
  /// Redirects followed so far for this origin's robots.txt in this run.
  var robotsRedirects = 0
  /// Why the origin's robots.txt could not be used (unreachable, 5xx, a redirect out of scope):
  /// the origin is then disallowed for the run, and its URLs are skipped as "robots
  /// unavailable".
  var robotsProblem: String?
  /// Set when the origin's robots.txt could not be fetched because the fetcher refused its
  /// address (`FetchError.privateAddress`): its URLs are then skipped as "private address".
  var refusedPrivateAddress = false
  /// This origin's sitemaps (robots.txt `Sitemap:` lines, `/sitemap.xml`) were queued in this
  /// run, before its first fetch after robots.txt.
  var sitemapsDiscovered = false
  /// Sitemap files of this origin queued in this run (`scope.sitemap_max_files`).
  var sitemapFiles = 0

  /// The skip reason of a URL its robots.txt keeps out.
  var robotsSkipReason: String {
    if refusedPrivateAddress { return "private address" }
    return robotsProblem == nil ? "robots" : "robots unavailable"
  }

  init(origin: String, delay: Double, obeyRobots: Bool) {
    self.origin = origin
    self.delay = delay
    robotsState = obeyRobots ? .unknown : .ready
  }

  var readyCount: Int { ready.count - head }
  var hasReady: Bool { head < ready.count }
  /// Whether anything of this origin may still be fetched in this run.
  var hasWork: Bool { hasReady || spilled || !delayed.isEmpty }

  /// Queues a newly queued record: into `ready` when it may go there, else left to the DB.
  func push(_ record: URLRecord) {
    if !spilled && readyCount < Self.readyCapacity {
      ready.append(record)
      cursor = max(cursor, record.seq)
    } else {
      spilled = true
    }
  }

  /// Takes records read from the DB (in queue order) into `ready`.
  func take(_ records: [URLRecord]) { ready += records }

  func pop() -> URLRecord? {
    guard head < ready.count else { return nil }
    let record = ready[head]
    head += 1
    if head == ready.count {
      ready.removeAll(keepingCapacity: true)
      head = 0
    } else if head > 64 && head * 2 > ready.count {
      ready.removeFirst(head)
      head = 0
    }
    return record
  }

  /// Moves retries whose time has come to the ready queue; returns the earliest time still
  /// waiting.
  func releaseDelayed(now: Double) -> Double? {
    guard !delayed.isEmpty else { return nil }
    var earliest: Double?
    delayed.removeAll { item in
      if item.at <= now {
        ready.append(item.record)
        return true
      }
      earliest = min(earliest ?? item.at, item.at)
      return false
    }
    return earliest
  }
}
