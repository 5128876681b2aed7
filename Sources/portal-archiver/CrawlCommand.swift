import ArgumentParser
import Crawl
import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
  import Glibc
#endif

struct CrawlCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "crawl",
    abstract: "Crawl the seeds into the archive, resuming an unfinished run.",
    discussion: """
      Resumes the unfinished run of the state if there is one (and says so); otherwise starts a
      new, incremental run: seeds and list pages are revalidated with conditional requests,
      articles archived less than recrawl_after_days ago are not fetched again, new pages are.
      SIGINT/SIGTERM stop cleanly (the run is marked interrupted); after kill -9 the next crawl
      resumes too. Exit codes: 0 done, 3 done with page errors, 75 another crawl holds the state
      lock, 78 configuration error, 74 archive or state I/O error, 130 interrupted or stopped at
      --max-pages (run crawl again to continue).
      """)

  @OptionGroup var options: ConfigOptions

  @Option(name: .customLong("seed"), help: "A start URL (repeatable; replaces crawl.seeds).")
  var seeds: [String] = []

  // `.unconditional`: a value that starts with '-' (`--delay -1`) is read as the value and
  // refused by its range, instead of "Missing value".
  @Option(
    parsing: .unconditional,
    help: "Stop after this many fetches (0: no limit); the next crawl continues the run.")
  var maxPages: Int?

  @Option(parsing: .unconditional, help: "Transfers in flight at once (1 to 1024).")
  var concurrency: Int?

  @Option(
    parsing: .unconditional, help: "Seconds between request starts on one host (0 to 3600).")
  var delay: Double?

  @Flag(help: "Abandon an unfinished run and start a new one.")
  var fresh = false

  @Flag(help: "No progress line; only the final summary and warnings.")
  var quiet = false

  func run() throws {
    var config: CrawlConfig
    do {
      config = try options.load()
      if !seeds.isEmpty { config.seeds = seeds }
      if let maxPages {
        try CrawlConfig.check(
          "--max-pages", maxPages, CrawlConfig.Limits.maxPages, file: "command line")
        config.maxPages = maxPages
      }
      if let concurrency {
        try CrawlConfig.check(
          "--concurrency", concurrency, CrawlConfig.Limits.concurrency, file: "command line")
        config.concurrency = concurrency
      }
      if let delay {
        try CrawlConfig.check(
          "--delay", delay, CrawlConfig.Limits.delay, unit: "seconds", file: "command line")
        config.delay = delay
      }
      try config.validate(file: options.config ?? "command line")
    } catch let error as ConfigError {
      throw fail("\(error)", code: CrawlExitCode.configError.rawValue)
    }
    let summary = try Self.crawl(config: config, fresh: fresh, quiet: quiet)
    print(summary.text)
    if summary.exitCode != .done { throw ExitCode(summary.exitCode.rawValue) }
  }

  /// Takes the state lock, runs the crawl with signal handling, and maps failures to exit codes.
  static func crawl(config: CrawlConfig, fresh: Bool, quiet: Bool) throws -> CrawlSummary {
    LoggingSystem.bootstrap { label in
      var handler = StreamLogHandler.standardError(label: label)
      handler.logLevel = quiet ? .warning : .info
      return handler
    }
    let logger = Logger(label: "portal-archiver")
    let lock: StateLock
    do {
      try FileManager.default.createDirectory(
        atPath: (config.statePath as NSString).deletingLastPathComponent.isEmpty
          ? "." : (config.statePath as NSString).deletingLastPathComponent,
        withIntermediateDirectories: true)
      lock = try StateLock(statePath: config.statePath)
    } catch let held as StateLock.Held {
      throw fail("\(held)", code: CrawlExitCode.locked.rawValue)
    } catch {
      throw fail(
        "cannot use archive \(config.archive): \(error)", code: CrawlExitCode.ioError.rawValue)
    }
    defer { withExtendedLifetime(lock) {} }

    let progress = quiet ? nil : ProgressReporter(isTTY: isatty(2) == 1, logger: logger)
    let crawler = Crawler(config: config, logger: logger, progress: progress)
    var sources: [DispatchSourceSignal] = []
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler {
        crawler.requestStop(reason: sig == SIGINT ? "SIGINT" : "SIGTERM")
      }
      source.resume()
      sources.append(source)
    }
    defer { sources.forEach { $0.cancel() } }
    do {
      return try crawler.run(fresh: fresh)
    } catch let error as CrawlError {
      throw fail("\(error)", code: error.exitCode.rawValue)
    } catch let error as ConfigError {
      throw fail("\(error)", code: CrawlExitCode.configError.rawValue)
    } catch {
      throw fail("\(error)", code: CrawlExitCode.ioError.rawValue)
    }
  }
}
