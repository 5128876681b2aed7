/// The documented exit codes of `portal-archiver crawl` (see README).
public enum CrawlExitCode: Int32, Sendable {
  /// The run completed and every page was fetched without error.
  case done = 0
  /// The run completed, but some pages failed (404s, timeouts, truncated bodies, …).
  case doneWithPageErrors = 3
  /// The command line or crawl.conf is wrong (nothing was fetched).
  case configError = 78
  /// Another crawl holds the state lock (EX_TEMPFAIL: try again later).
  case locked = 75
  /// The archive or state could not be written (EX_IOERR); what was archived is kept.
  case ioError = 74
  /// Stopped by SIGINT/SIGTERM or --max-pages; the next `crawl` resumes the run.
  case interrupted = 130
}
