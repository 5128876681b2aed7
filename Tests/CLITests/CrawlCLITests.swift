import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `crawl` and `status` as cron and a person at a terminal meet them: a live crawl shown as
/// running with its PID, a prompt stop on SIGINT, the log in --log-file, the run history.
@Suite(.serialized) struct CrawlCLITests {
  @Test func statusShowsALiveCrawlAndSigintStopsItWithinTheGrace() throws {
    let dir = try TemporaryDirectory()
    let server = try FetchTestServer { request in
      switch request.target {
      case "/robots.txt": return [.send(FetchTestServer.response(body: Array("User-agent: *\n".utf8)))]
      default: return [.sleep(30), .send(FetchTestServer.response(body: Array("late".utf8)))]
      }
    }
    defer { server.stop() }
    let archive = dir.path + "/archive"
    let log = dir.path + "/crawl.log"
    let process = Process()
    process.executableURL = CLITests.binary
    process.arguments = [
      "crawl", "-a", archive, "-s", server.baseURL + "/slow.htm", "--log-file", log,
    ]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()

    // Running: status says so, with the crawl's PID, once the slow fetch is in flight.
    var shown = ""
    var problem = ""
    for _ in 0..<150 {
      let status = try CLITests.run(["status", "-a", archive])
      (shown, problem) = (status.stdout, status.stderr)
      if shown.contains("running (pid \(process.processIdentifier))"),
        server.receivedRequests.contains(where: { $0.target == "/slow.htm" })
      {
        break
      }
      usleep(100_000)
    }
    #expect(shown.contains("running (pid \(process.processIdentifier))"), "\(shown) \(problem)")
    let json = try CLITests.run(["status", "-a", archive, "--json"]).stdout
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["running"] as? Bool == true)
    #expect(object["pid"] as? Int == Int(process.processIdentifier))
    #expect(object["queued"] is Int && object["in_flight"] is Int)

    // The first SIGINT abandons the slow transfer after the grace: the process ends within 3 s.
    let start = Date()
    kill(process.processIdentifier, SIGINT)
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(Date().timeIntervalSince(start) < 3)
    #expect(process.terminationStatus == 130)
    let summary = String(decoding: stdout, as: UTF8.self)
    #expect(summary.split(separator: "\n").last?.hasPrefix("exit 130: interrupted by SIGINT") == true)
    // The log went to --log-file, not to standard error.
    let logged = try String(contentsOfFile: log, encoding: .utf8)
    #expect(logged.contains("stopping: SIGINT; no new fetches"))
    // The slow page, and the guessed /sitemap.xml if the server kept it waiting too.
    #expect(
      logged.contains("abandoning 1 transfer(s) in flight")
        || logged.contains("abandoning 2 transfer(s) in flight"))
    #expect(!String(decoding: stderr, as: UTF8.self).contains("stopping"))

    // History: the run, interrupted, with its exit code.
    let runs = try CLITests.run(["status", "-a", archive, "--runs", "--json"])
    let first = try #require(
      try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [String: Any])
    #expect(first["run"] as? Int == 1 && first["outcome"] as? String == "interrupted")
    #expect(first["exit_code"] as? Int == 130)
    let one = try CLITests.run(["status", "-a", archive, "-r", "1"])
    #expect(one.stdout.contains("exit 130: interrupted by SIGINT"))
    #expect(one.stdout.contains("report \(archive)/reports/run-1"))
    let none = try CLITests.run(["status", "-a", archive, "-r", "7"])
    #expect(none.status == 1 && none.stderr.contains("has no run 7"))
  }
}
