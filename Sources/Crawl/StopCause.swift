/// Why a run stopped before its queue emptied; it decides the exit code.
enum StopCause: Sendable, Equatable {
  /// SIGINT or SIGTERM (its name).
  case signal(String)
  /// `--max-pages` (`crawl.max_pages`) fetches started.
  case maxPages
  /// The archive could not be written.
  case archiveError
  /// The state DB could not be read or written.
  case stateError
}
