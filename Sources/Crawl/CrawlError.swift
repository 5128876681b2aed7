/// A failure that stops a whole crawl (not a page error), with the file or URL involved.
public enum CrawlError: Error, CustomStringConvertible, Sendable {
  case noSeeds
  case badSeed(String)
  case archive(String)

  /// The documented exit code: a bad seed is configuration (78), an archive error I/O (74).
  public var exitCode: CrawlExitCode {
    switch self {
    case .noSeeds, .badSeed: .configError
    case .archive: .ioError
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
    }
  }
}
