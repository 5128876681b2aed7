/// A failure that stops a whole crawl (not a page error), with the file or URL involved.
public enum CrawlError: Error, CustomStringConvertible, Sendable {
  case noSeeds
  case badSeed(String)
  case archive(String)
  /// The state DB is damaged (SQLite found it corrupt): the path and what SQLite said.
  case damagedState(path: String, problem: String)

  /// The documented exit code: a bad seed is configuration (78), an archive error I/O (74).
  public var exitCode: CrawlExitCode {
    switch self {
    case .noSeeds, .badSeed: .configError
    case .archive, .damagedState: .ioError
    }
  }

  public var description: String {
    switch self {
    case .noSeeds:
      "no seeds: give --seed URL or set crawl.seeds in the config"
    case .badSeed(let seed):
      "seed '\(seed)' is not an absolute http(s) URL"
    case .archive(let message):
      "archive error: \(message)"
    case .damagedState(let path, let problem):
      "the state DB \(path) is damaged (\(problem)); `portal-archiver verify --rebuild-state`"
        + " moves it aside and rebuilds it from the WARC files (nothing archived is lost)"
    }
  }
}
