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
      The first SIGINT/SIGTERM (Ctrl-C) stops new fetches and abandons the transfers in flight
      after 1.5 s (a second abandons them at once); the run is marked interrupted and the next
      crawl resumes it, after kill -9 too. Each run writes a crawl log (one line per request,
      archive/logs/crawl-RUN.log) and a report (archive/reports/run-RUN/), shown by `status`.

      Exit codes (the summary's last line says which, in words): \(CrawlExitCode.table).
      64 is a command-line usage error.
      """)

  @OptionGroup var options: ConfigOptions

  @Option(
    name: [.customShort("s"), .customLong("seed")],
    help: "A start URL (repeatable; replaces crawl.seeds).")
  var seeds: [String] = []

  // `.unconditional`: a value that starts with '-' (`--delay -1`) is read as the value and
  // refused by its range, instead of "Missing value".
  @Option(
    name: [.customShort("n"), .long], parsing: .unconditional,
    help: "Stop after this many fetches (0: no limit); the next crawl continues the run.")
  var maxPages: Int?

  @Option(
    name: [.customShort("j"), .long], parsing: .unconditional,
    help: "Transfers in flight at once (1 to 1024).")
  var concurrency: Int?

  @Option(
    parsing: .unconditional, help: "Seconds between request starts on one host (0 to 3600).")
  var delay: Double?

  @Option(
    name: .customLong("resolve"),
    help: ArgumentHelp(
      "Connect to HOST on PORT at ADDR instead of what DNS says, as curl's --resolve (repeatable; adds to fetch.resolve and wins for the same HOST:PORT).",
      valueName: "HOST:PORT:ADDR[,ADDR...]"))
  var resolve: [String] = []

  @Flag(help: "Abandon an unfinished run and start a new one.")
  var fresh = false

  @Flag(name: .shortAndLong, help: "No progress; only warnings, errors and the final summary.")
  var quiet = false

  @Flag(name: .shortAndLong, help: "Log every request too (the crawl log's lines, and more).")
  var verbose = false

  @Option(
    name: .customLong("log-file"),
    help: "Append log lines to this file instead of standard error (the summary still goes to standard output).")
  var logFile: String?

  func run() throws {
    var config: CrawlConfig
    do {
      config = try options.load()
      if !seeds.isEmpty { config.seeds = seeds }
      for entry in resolve {
        _ = try CrawlConfig.resolveEntry(entry, key: "--resolve", file: "command line")
      }
      config.resolve += resolve
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
    let level: Logger.Level = quiet ? .warning : verbose ? .debug : .info
    let output = try Self.logOutput(logFile)
    let summary = try Self.crawl(config: config, fresh: fresh, level: level, output: output)
    print(summary.text)
    if summary.exitCode != .done { throw ExitCode(summary.exitCode.rawValue) }
  }

  /// Where log lines go: the `--log-file` (appended; a file that cannot be opened is an error
  /// naming it, exit 78), else standard error.
  static func logOutput(_ path: String?) throws -> LineLogHandler.Output {
    guard let path else {
      return LineLogHandler.Output(handle: .standardError, clearsLine: isatty(2) == 1)
    }
    if !FileManager.default.fileExists(atPath: path) {
      _ = FileManager.default.createFile(atPath: path, contents: nil)
    }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw fail(
        "--log-file \(path): cannot open it for writing", code: CrawlExitCode.configError.rawValue)
    }
    handle.seekToEndOfFile()
    return LineLogHandler.Output(handle: handle, clearsLine: false)
  }

  /// Takes the state lock, runs the crawl with signal handling, and maps failures to exit codes.
  static func crawl(
    config: CrawlConfig, fresh: Bool, level: Logger.Level, output: LineLogHandler.Output
  ) throws -> CrawlSummary {
    LoggingSystem.bootstrap { label in
      LineLogHandler(label: label, output: output, logLevel: level)
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

    let mode: ProgressReporter.Mode =
      level > .info ? .silent : isatty(2) == 1 ? .terminal : .log
    let progress = ProgressReporter(
      mode: mode, logger: logger, liveFile: StateLock.liveFile(statePath: config.statePath))
    let crawler = Crawler(config: config, logger: logger, progress: progress)
    var sources: [DispatchSourceSignal] = []
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler {
        crawler.interrupt(signal: sig == SIGINT ? "SIGINT" : "SIGTERM")
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
