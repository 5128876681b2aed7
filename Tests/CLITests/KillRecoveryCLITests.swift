import Foundation
import Testing
import TestSupport
import WARC

/// A crawl killed at the worst moments (`PORTAL_ARCHIVER_FAULT`, the points a kill -9 rarely
/// hits) and run again: every response keeps exactly one set of article records.
@Suite(.serialized) struct KillRecoveryCLITests {
  @Test(arguments: ["before-commit", "before-commit-of-extractions"])
  func articleRecordsAreWrittenOnceAcrossAKillAndRotation(point: String) async throws {
    let dir = try TemporaryDirectory()
    let archive = dir.path + "/archive"
    // Small files rotate every few fetches; frequent commits give the kill many batches.
    let conf = dir.path + "/crawl.conf"
    try "[crawl]\ndelay = 0.05\n[archive]\nmax_file_size = 30000\nsync_every = 8\n".write(
      toFile: conf, atomically: true, encoding: .utf8)
    try await SamplePortalFixtures.withServer { _, url in
      let args = ["crawl", "-c", conf, "-a", archive, "-s", url.absoluteString + "/", "-q"]
      let killed = try await Self.run(args, environment: ["PORTAL_ARCHIVER_FAULT": point])
      #expect(killed.status == 137, "the fault point was not reached: \(killed.stderr)")
      let resumed = try await Self.run(args)
      #expect(resumed.status == 0, "\(resumed.stdout)\n\(resumed.stderr)")
    }
    let records = try Self.articleRecords(root: archive)
    let responses = Set(records.responses)
    #expect(!records.derived.isEmpty)
    for (key, count) in records.derived {
      #expect(count == 1, "\(key.type) of \(key.refersTo) written \(count) times")
      #expect(responses.contains(key.refersTo), "\(key.type) refers to a missing response")
    }
    // Every article got both of its records.
    let metadata = Set(records.derived.keys.filter { $0.type == "metadata" }.map(\.refersTo))
    let conversion = Set(records.derived.keys.filter { $0.type == "conversion" }.map(\.refersTo))
    #expect(metadata == conversion)
    let verify = try await Self.run(["verify", "-a", archive])
    #expect(verify.status == 0, "\(verify.stdout)")
  }

  /// A run killed before committing its extractions, then its resume killed just after its
  /// first commit (which moves the state past the first kill's article records), then a
  /// last run: the first run's records are settled by the second run's first commit, not
  /// written again by the third.
  @Test func articleRecordsSurviveTwoKillsInARow() async throws {
    let dir = try TemporaryDirectory()
    let archive = dir.path + "/archive"
    let conf = dir.path + "/crawl.conf"
    // 0.2 s a fetch: the fetches after the first kill's extraction span more than a second, so
    // the second run's first commit ends in a file opened a second later than the one holding
    // the extracted records, and the third run's tail (which starts at that commit) misses them.
    try "[crawl]\ndelay = 0.2\n[archive]\nmax_file_size = 16384\nsync_every = 8\n".write(
      toFile: conf, atomically: true, encoding: .utf8)
    try await SamplePortalFixtures.withServer { _, url in
      let args = ["crawl", "-c", conf, "-a", archive, "-s", url.absoluteString + "/", "-q"]
      for point in ["before-commit-of-extractions", "after-first-commit"] {
        let killed = try await Self.run(args, environment: ["PORTAL_ARCHIVER_FAULT": point])
        #expect(killed.status == 137, "\(point) was not reached: \(killed.stderr)")
      }
      let resumed = try await Self.run(args)
      #expect(resumed.status == 0, "\(resumed.stdout)\n\(resumed.stderr)")
    }
    let records = try Self.articleRecords(root: archive)
    #expect(!records.derived.isEmpty)
    for (key, count) in records.derived {
      #expect(count == 1, "\(key.type) of \(key.refersTo) written \(count) times")
    }
    let verify = try await Self.run(["verify", "-a", archive])
    #expect(verify.status == 0, "\(verify.stdout)")
  }

  struct DerivedKey: Hashable {
    var type: String
    var refersTo: String
  }

  /// Response record IDs and the count of metadata/conversion records per (type, Refers-To).
  static func articleRecords(root: String) throws -> (
    responses: [String], derived: [DerivedKey: Int]
  ) {
    var responses: [String] = []
    var derived: [DerivedKey: Int] = [:]
    for file in try WARCArchive(root: root).warcFiles() {
      let reader = try WARCReader(path: file)
      while let item = try reader.next() {
        let rec = item.record
        switch rec["WARC-Type"] {
        case "response": responses.append(rec["WARC-Record-ID"] ?? "")
        case let type? where type == "metadata" || type == "conversion":
          derived[DerivedKey(type: type, refersTo: rec["WARC-Refers-To"] ?? ""), default: 0] += 1
        default: break
        }
      }
    }
    return (responses, derived)
  }

  /// Runs the binary off the cooperative pool, which the portal server needs meanwhile.
  static func run(_ arguments: [String], environment: [String: String] = [:]) async throws
    -> CLITests.Run
  {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(
          with: Result { try CLITests.run(arguments, environment: environment) })
      }
    }
  }
}
