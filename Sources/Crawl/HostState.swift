import Fetch

/// The scheduler's view of one origin (scheme, host, port): its queue, politeness and robots.
///
/// Owned by the engine queue. A class: the scheduler mutates its queue in place many times a
/// second, and a struct copied out of the hosts dictionary would copy the whole queue each time.
final class HostState {
  enum RobotsState { case unknown, fetching, ready }

  let origin: String
  /// URLs waiting, first in first out (breadth first within a host).
  private(set) var queue: [String] = []
  private var head = 0
  /// Retries waiting for their backoff: (not before, URL).
  var delayed: [(at: Double, url: String)] = []
  /// Transfers in flight to this origin.
  var active = 0
  /// Monotonic seconds before which the next request must not start.
  var nextStart = 0.0
  /// Seconds between request starts.
  var delay: Double
  var robotsState: RobotsState
  var robots: RobotsTxt?

  init(origin: String, delay: Double, obeyRobots: Bool) {
    self.origin = origin
    self.delay = delay
    robotsState = obeyRobots ? .unknown : .ready
  }

  var queuedCount: Int { queue.count - head + delayed.count }
  var hasReady: Bool { head < queue.count }

  func push(_ url: String) { queue.append(url) }

  func pop() -> String? {
    guard head < queue.count else { return nil }
    let url = queue[head]
    head += 1
    if head > 4096 && head * 2 > queue.count {
      queue.removeFirst(head)
      head = 0
    }
    return url
  }

  /// Moves retries whose time has come to the queue; returns the earliest time still waiting.
  func releaseDelayed(now: Double) -> Double? {
    guard !delayed.isEmpty else { return nil }
    var earliest: Double?
    delayed.removeAll { item in
      if item.at <= now {
        queue.append(item.url)
        return true
      }
      earliest = min(earliest ?? item.at, item.at)
      return false
    }
    return earliest
  }
}
