import ArgumentParser
import WARC

/// Hidden `portal-archiver bench-warc`: WARC write throughput vs raw zlib, WACZ export vs zip -0.
struct BenchWARCCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-warc", abstract: "Benchmark WARC writing and WACZ export.",
    shouldDisplay: false)

  @Option(help: "Number of fetches (request+response pairs).") var fetches: Int = 2000
  @Option(help: "Page size in bytes.") var pageSize: Int = 40_000
  @Option(help: "Working directory (a temporary folder inside it is removed after).") var workDir:
    String?
  @Option(help: "Keep the archive and exports in this directory (adds metadata/revisit records).")
  var keep: String?
  @Option(help: "Rounds (the best time of each measurement is kept).") var rounds: Int = 3

  func run() throws {
    print(
      try WARCBenchmark.run(
        fetches: fetches, pageSize: pageSize, workDir: workDir, keep: keep, rounds: rounds))
  }
}
