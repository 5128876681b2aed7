import Charset
import Foundation
import Testing
import TestSupport

/// The command line as a user meets it: the built `portal-archiver` run as a process.
@Suite(.serialized) struct CLITests {
  /// The binary next to this test bundle (SwiftPM builds both into the same products folder).
  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("portal-archiver")
  }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(
    _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]
  ) throws -> Run {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  @Test func binaryIsBuilt() {
    #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "\(Self.binary.path)")
  }

  @Test func extractPrintsOneJSONLinePerFileInTheDocumentedKeyOrder() throws {
    let dir = try TemporaryDirectory()
    let html = """
      <html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
      <title>全省工会帮扶工作会议召开_某某网</title></head><body>
      <div class="nav"><a href="/a/">首页</a> <a href="/b/">新闻</a></div>
      <h1>全省工会帮扶工作会议召开</h1><div>发布时间：2009年5月15日 来源：新华社</div>
      <div id="content"><p>　　会议认真学习贯彻全国工会帮扶工作会议精神，研究部署了今后一个时期如何推进帮扶工作的创新发展。</p>
      <p>　　近年来，各地工会不断将帮扶中心建设向困难职工较为集中的行业和基层延伸，形成了五级帮扶救助网络，朱镕基曾到此调研。</p></div>
      <div class="foot">版权所有：某某网 电话：010-12345678</div></body></html>
      """
    let page = dir.path + "/page.htm"
    try Data(try CharsetEncoder.encode(html, to: "GB18030")).write(to: URL(fileURLWithPath: page))
    let missing = dir.path + "/missing.htm"
    let result = try Self.run([
      "extract", "--url", "http://www.example.gov.cn/a/1.htm", page, missing,
    ])
    #expect(result.status == 1, "a failed file makes the exit status 1")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    let keys = [
      "file", "url", "charset", "charset_source", "title", "published", "source", "author",
      "paragraphs", "text", "links",
    ]
    var last = lines[0].startIndex
    for key in keys {
      let range = try #require(lines[0].range(of: "\"\(key)\":"), "missing key \(key)")
      #expect(range.lowerBound >= last, "\(key) out of order")
      last = range.lowerBound
    }
    #expect(lines[0].contains("全省工会帮扶工作会议召开"), "Chinese is written as UTF-8, not escaped")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(object["charset"] as? String == "gb18030")
    #expect(object["charset_source"] as? String == "meta")
    #expect(object["title"] as? String == "全省工会帮扶工作会议召开")
    #expect(object["published"] as? String == "2009-05-15")
    #expect(object["source"] as? String == "新华社")
    let paragraphs = try #require(object["paragraphs"] as? [String])
    #expect(paragraphs.count == 2)
    #expect(paragraphs[1].contains("朱镕基"), "a GBK-only character survives decoding")
    #expect(!(object["text"] as? String ?? "").contains("版权所有"))
    let failure = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
    #expect((failure["error"] as? String)?.contains("missing.htm") == true)
  }

  @Test func extractReadsAFileList() throws {
    let dir = try TemporaryDirectory()
    var listed: [String] = []
    for i in 0..<3 {
      let path = dir.path + "/p\(i).htm"
      try "<html><head><title>第\(i)页</title></head><body><p>正文\(i)。</p></body></html>".write(
        toFile: path, atomically: true, encoding: .utf8)
      listed.append(path)
    }
    let list = dir.path + "/list.txt"
    try (listed[1] + "\r\n\n" + listed[2] + "\n").write(
      toFile: list, atomically: true, encoding: .utf8)
    let result = try Self.run(["extract", "--no-learn", listed[0], "--files-from", list])
    #expect(result.status == 0, "\(result.stderr)")
    let files = result.stdout.split(separator: "\n").map { line -> String in
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return object?["file"] as? String ?? ""
    }
    #expect(files == listed, "command-line FILEs first, then the list in its order")
    let missing = try Self.run(["extract", "--files-from", dir.path + "/nope.txt"])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("nope.txt"))
  }

  @Test func configErrorsNameTheKeyAndExit78() throws {
    let dir = try TemporaryDirectory()
    try "[crawl]\nconcurency = 4\n".write(
      toFile: dir.path + "/bad.conf", atomically: true, encoding: .utf8)
    let result = try Self.run([
      "crawl", "--config", dir.path + "/bad.conf", "--seed", "http://127.0.0.1:9/",
      "--archive", dir.path + "/a",
    ])
    #expect(result.status == 78)
    #expect(result.stderr.contains("crawl.concurency"))
    let noSeed = try Self.run(["crawl", "--archive", dir.path + "/b"], in: dir.path)
    #expect(noSeed.status == 78)
    #expect(noSeed.stderr.contains("no seeds"))
  }

  /// `--delay -1` and `--concurrency -1` are read as values and refused by their range (they
  /// used to say "Missing value"); `--delay inf` is refused too. Nothing is crawled.
  @Test func flagValuesOutsideTheirRangeExit78NamingTheFlag() throws {
    let dir = try TemporaryDirectory()
    for (flag, value, expected) in [
      ("--delay", "-1", "--delay must be a number from 0 to 3600 (seconds), not -1"),
      ("--delay", "inf", "--delay must be a number from 0 to 3600 (seconds), not inf"),
      ("--concurrency", "-1", "--concurrency must be an integer from 1 to 1024, not -1"),
      ("--max-pages", "-5", "--max-pages must be an integer from 0 to 1000000000, not -5"),
    ] {
      let result = try Self.run([
        "crawl", "--seed", "http://127.0.0.1:9/", "--archive", dir.path + "/a", flag, value,
      ])
      #expect(result.status == 78, "\(flag) \(value)")
      #expect(result.stderr.contains(expected), "\(result.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/a/state.sqlite"))
  }

  @Test func versionAndAnUnknownExportFormatAnswerClearly() throws {
    let version = try Self.run(["--version"])
    #expect(version.status == 0)
    #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    let zip = try Self.run([
      "export", "--from", "2026-01-01", "--to", "2026-01-02", "--format", "zip", "--out", "x",
    ])
    #expect(zip.status == 64)
    #expect(zip.stderr.contains("'zip' is invalid for '--format <format>'"))
    #expect(zip.stderr.contains("'wacz', 'warc' or 'jsonl'"))
  }

  @Test func demoThenStatusShowVerifyAndExportAgree() throws {
    let dir = try TemporaryDirectory()
    let archive = dir.path + "/archive"
    let demo = try Self.run(["demo", "--articles", "6", "--archive", archive], in: dir.path)
    #expect(demo.status == 0, "\(demo.stderr)")
    #expect(demo.stdout.contains("new articles 6"))
    let status = try Self.run(["status", "--json", "--archive", archive])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
    #expect(object["outcome"] as? String == "completed")
    #expect(object["new_articles"] as? Int == 6)
    #expect(try Self.run(["verify", "--archive", archive]).status == 0)
    let day = ISO8601DateFormatter.string(
      from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
    let out = dir.path + "/articles.jsonl"
    let export = try Self.run([
      "export", "--archive", archive, "--from", day, "--to", day, "--format", "jsonl", "--out", out,
    ])
    #expect(export.status == 0, "\(export.stderr)")
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 6)
    let first = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    let url = try #require(first["url"] as? String)
    let show = try Self.run(["show", "--archive", archive, url])
    #expect(show.status == 0)
    #expect(show.stdout.contains(first["title"] as? String ?? "?"))
    let unknown = try Self.run(["show", "--archive", archive, "http://127.0.0.1:1/nothing.htm"])
    #expect(unknown.status != 0)
  }

  /// `export --out -` streams to standard output (the summary goes to stderr); an output inside
  /// the archive root or an existing non-regular file is refused and nothing is replaced.
  @Test func exportWritesToAPipeAndRefusesOutputsThatWouldDamageSomething() throws {
    let dir = try TemporaryDirectory()
    let archive = dir.path + "/archive"
    let demo = try Self.run(["demo", "--articles", "4", "--archive", archive], in: dir.path)
    #expect(demo.status == 0, "\(demo.stderr)")
    let day = ISO8601DateFormatter.string(
      from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
    func export(_ format: String, _ out: String) throws -> Run {
      try Self.run([
        "export", "--archive", archive, "--from", day, "--to", day, "--format", format,
        "--out", out,
      ])
    }
    let piped = try export("jsonl", "-")
    #expect(piped.status == 0, "\(piped.stderr)")
    let lines = piped.stdout.split(separator: "\n")
    #expect(lines.count == 4)
    for line in lines {
      #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any])
    }
    #expect(piped.stderr.contains("exported -: "))
    let wacz = try export("wacz", "-")
    #expect(wacz.status == 0)
    #expect(wacz.stdout.hasPrefix("PK"))

    let state = archive + "/state.sqlite"
    let before = try Data(contentsOf: URL(fileURLWithPath: state))
    let inside = try export("jsonl", state)
    #expect(inside.status == 1)
    #expect(inside.stderr.contains("inside the archive root"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: state)) == before)
    let viaDotDot = try export("jsonl", dir.path + "/x/../archive/new.jsonl")
    #expect(viaDotDot.status == 1)
    #expect(!FileManager.default.fileExists(atPath: archive + "/new.jsonl"))
    let folder = try export("jsonl", dir.path)
    #expect(folder.status == 1)
    #expect(folder.stderr.contains("is a folder"))
    // A device is written in place, never renamed over.
    let device = try export("jsonl", "/dev/null")
    #expect(device.status == 0, "\(device.stderr)")
    var st = stat()
    #expect(lstat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
    let fifo = dir.path + "/fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = Thread {
      _ = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile()
    }
    reader.start()
    let piped2 = try export("jsonl", fifo)
    #expect(piped2.status == 0, "\(piped2.stderr)")
    #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
    let missing = try export("jsonl", dir.path + "/no/such/folder.jsonl")
    #expect(missing.stderr.contains("does not exist"))
  }
}
