import Dispatch
import Foundation
import Logging

/// Figures for one progress report.
public struct ProgressSnapshot: Sendable {
  public var pages: Int
  public var queued: Int
  public var inFlight: Int
  public var bytes: Int64
  public var errors: Int
  public var elapsed: Double
}

/// Reports a running crawl: a live status line on a terminal, quiet periodic log lines
/// otherwise (cron).
public final class ProgressReporter: @unchecked Sendable {
  let isTTY: Bool
  let interval: Double
  let logger: Logger
  private var timer: DispatchSourceTimer?
  private let queue = DispatchQueue(label: "portal-archiver.progress")

  /// - Parameters:
  ///   - isTTY: draw a live line on stderr (else log every `logInterval` seconds).
  public init(isTTY: Bool, logger: Logger, logInterval: Double = 30) {
    self.isTTY = isTTY
    self.logger = logger
    interval = isTTY ? 0.5 : logInterval
  }

  func start(_ crawler: Crawler) {
    let timer = DispatchSource.makeTimerSource(queue: queue)
    timer.schedule(deadline: .now() + interval, repeating: interval)
    timer.setEventHandler { [weak crawler, self] in
      crawler?.snapshot { s in self.report(s) }
    }
    timer.resume()
    self.timer = timer
  }

  func stop() {
    timer?.cancel()
    timer = nil
    if isTTY { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }

  private func report(_ s: ProgressSnapshot) {
    let rate = s.elapsed > 0 ? Double(s.pages) / s.elapsed : 0
    let line = String(
      format: "done %d  queued %d  in flight %d  %.1f pages/s  %.1f MB  errors %d",
      s.pages, s.queued, s.inFlight, rate, Double(s.bytes) / 1e6, s.errors)
    if isTTY {
      FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    } else {
      logger.info("\(line)")
    }
  }
}
