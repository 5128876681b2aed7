import Foundation

/// Crash points for kill -9 tests: with `PORTAL_ARCHIVER_FAULT=<point>` in the environment the
/// process ends with `_exit(137)` the first time it reaches that point, as a SIGKILL there
/// would end it (no buffer flushed, no lock released, no state committed).
///
/// A kill at a random moment rarely lands in a window of a few milliseconds; these points put
/// it there every time. Unset in normal runs: the environment is read once.
enum FaultPoint: String {
  /// The sink fsync'd the archive and has not committed the state yet.
  case beforeCommit = "before-commit"
  /// The same, in the first batch that finishes pending article extractions (their records
  /// are written, the state still lists them as pending).
  case beforeCommitOfExtractions = "before-commit-of-extractions"
  /// Just after the first commit of fetched URLs (the state moved past the archive's tail).
  case afterFirstCommit = "after-first-commit"

  /// The point armed by the environment, if any.
  static let armed: FaultPoint? = ProcessInfo.processInfo.environment["PORTAL_ARCHIVER_FAULT"]
    .flatMap(FaultPoint.init(rawValue:))

  /// Ends the process when `point` is the armed one.
  static func reached(_ point: FaultPoint) {
    if armed == point { _exit(137) }
  }
}
