import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
  import Glibc
#endif

/// Figures for one progress report.
public struct ProgressSnapshot: Sendable {
  public var runID: Int64
  /// The run's pages, this process's and the earlier ones' of a resumed run.
  public var pages: Int
  /// Pages fetched by this process: the rate and ETA are computed from these.
  public var processPages: Int
  public var queued: Int
  public var inFlight: Int
  public var bytes: Int64
  public var errors: Int
  public var errorsByKind: [String: Int]
  /// Seconds since this process started the run.
  public var elapsed: Double

  /// Pages per second of this process.
  public var rate: Double { elapsed > 0 ? Double(processPages) / elapsed : 0 }

  /// Seconds until the URLs queued now are fetched at this process's rate; nil until there is
  /// a rate to go by (10 pages and 5 s) or when nothing is queued. The queue still grows as
  /// pages are found, so early estimates are low.
  public var eta: Double? {
    let remaining = queued + inFlight
    guard remaining > 0, processPages >= 10, elapsed >= 5, rate > 0 else { return nil }
    return Double(remaining) / rate
  }

  /// The progress line: elapsed, counts, this process's rate, errors by kind, ETA.
  public var line: String {
    var parts = [
      "elapsed \(Self.duration(elapsed))",
      "done \(pages)" + (processPages != pages ? " (\(processPages) now)" : ""),
      "queued \(queued)", "in flight \(inFlight)", String(format: "%.1f pages/s", rate),
      String(format: "%.1f MB", Double(bytes) / 1e6),
    ]
    if errors > 0 {
      let top = errorsByKind.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      var kinds = top.prefix(3).map { "\($0.key) \($0.value)" }
      if top.count > 3 { kinds.append("+\(top.count - 3) kinds") }
      parts.append("errors \(errors) (\(kinds.joined(separator: ", ")))")
    } else {
      parts.append("errors 0")
    }
    parts.append("ETA " + (eta.map(Self.duration) ?? "?"))
    return parts.joined(separator: "  ")
  }

  /// `1h02m03s`, `4m05s`, `12s`.
  static func duration(_ s: Double) -> String {
    let t = Int(min(max(s, 0), 1e9).rounded())
    let (h, m, sec) = (t / 3600, (t % 3600) / 60, t % 60)
    if h > 0 { return String(format: "%dh%02dm%02ds", h, m, sec) }
    if m > 0 { return String(format: "%dm%02ds", m, sec) }
    return "\(sec)s"
  }

  /// The live status `status` shows while the crawl runs (one JSON object).
  func json(pid: Int32) -> [UInt8] {
    let object: [String: Any] = [
      "pid": Int(pid), "run": runID, "pages": pages, "pages_this_process": processPages,
      "queued": queued, "in_flight": inFlight, "bytes": bytes, "errors": errors,
      "errors_by_kind": errorsByKind, "elapsed_s": elapsed, "pages_per_s": rate,
      "eta_s": eta ?? NSNull(), "updated": Date().timeIntervalSince1970,
    ]
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return Array(data)
  }
}

/// Reports a running crawl: a live status line on a terminal, a log line every `logInterval`
/// seconds otherwise (cron), nothing with `.silent`; in every mode it keeps the live status
/// file that `status` reads (`<state>.live.json`, rewritten every 2 s, removed at the end).
///
/// Owned by its serial queue: the timer, the line and the file are touched only there.
public final class ProgressReporter: @unchecked Sendable {
  public enum Mode: Sendable { case terminal, log, silent }

  let mode: Mode
  /// Seconds between snapshots (the live line, or the live file's rewrite).
  let interval: Double
  /// Seconds between log lines in `.log` mode (cron).
  private let logEvery: Double
  private var lastLog = 0.0
  let logger: Logger
  let liveFile: String?
  private var timer: DispatchSourceTimer?
  private var lastLive = -2.0  // the first report writes the file
  private let queue = DispatchQueue(label: "portal-archiver.progress")

  /// - Parameters:
  ///   - liveFile: where to keep the live status (nil: nowhere).
  public init(mode: Mode, logger: Logger, liveFile: String? = nil, logInterval: Double = 30) {
    self.mode = mode
    self.logger = logger
    self.liveFile = liveFile
    interval = mode == .terminal ? 0.5 : min(logInterval, 2)
    logEvery = logInterval
  }

  func start(_ crawler: Crawler) {
    let timer = DispatchSource.makeTimerSource(queue: queue)
    timer.schedule(deadline: .now() + interval, repeating: interval)
    timer.setEventHandler { [weak crawler, self] in
      crawler?.snapshot { s in self.queue.async { self.report(s) } }
    }
    timer.resume()
    self.timer = timer
  }

  func stop() {
    queue.sync {
      timer?.cancel()
      timer = nil
      if mode == .terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
      if let liveFile { unlink(liveFile) }
    }
  }

  private func report(_ s: ProgressSnapshot) {
    guard timer != nil else { return }
    switch mode {
    case .terminal:
      FileHandle.standardError.write(Data(("\r\u{1B}[K" + s.line).utf8))
    case .log:
      if s.elapsed - lastLog >= logEvery - 0.01 {
        lastLog = s.elapsed
        logger.info("\(s.line)")
      }
    case .silent:
      break
    }
    if let liveFile, s.elapsed - lastLive >= 2 {
      lastLive = s.elapsed
      let tmp = liveFile + ".tmp"
      if (try? Data(s.json(pid: getpid())).write(to: URL(fileURLWithPath: tmp))) != nil {
        rename(tmp, liveFile)
      }
    }
  }
}
