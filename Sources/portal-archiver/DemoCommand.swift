import ArgumentParser
import Crawl
import Foundation
import SamplePortal
import WARC

/// `portal-archiver demo`: the bundled sample portal, crawled end to end on loopback.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract:
      "Serve the bundled sample portal on 127.0.0.1, crawl it into the archive, print the summary and one article.",
    discussion: """
      The sample portal is a small GBK-encoded state portal (labelled gb2312, watermarks inside
      paragraphs, nav bars, sidebars, related-link boxes, a robots.txt and traps) built into the
      program. Running the demo twice shows an incremental run: pages revalidated with
      conditional requests, unchanged articles not fetched again.
      """)

  @OptionGroup var options: ConfigOptions

  @Option(help: "Articles on the sample portal.")
  var articles = 40

  @Option(help: "Sample portal day: day N has newer articles and a few edited pages.")
  var day = 0

  @Flag(
    help: "Switch the sample portal's faults on (404s, a 500, a redirect loop, a slow page, …).")
  var faults = false

  func run() throws {
    var config = try options.loadOrExit()
    let site = SamplePortalSite(
      config: SamplePortalConfig(articles: articles, day: day, faults: faults))
    let server = SamplePortalServer(site: site)
    // The sample portal listens on a fixed port so that a second demo run sees the same URLs
    // (an incremental run); 0 would pick a new port each time.
    let port: UInt16
    do {
      port = try server.startInBackground(host: "127.0.0.1", port: 18_088)
    } catch {
      // Port taken: any free port still gives a working demo (only not an incremental rerun).
      print("port 18088 is busy (\(error)); using a free port")
      port = try server.startInBackground(host: "127.0.0.1", port: 0)
    }
    print("sample portal: http://127.0.0.1:\(port)/ (\(site.articles.count) articles)")
    config.seeds = ["http://127.0.0.1:\(port)/"]
    config.delay = 0  // our own server on loopback: no politeness delay needed
    let summary = try CrawlCommand.crawl(
      config: config, fresh: false, level: .info, output: try CrawlCommand.logOutput(nil))
    print(summary.text)
    let archived = try WARCArchive(root: config.archive).articles()
    if let article = archived.first(where: { $0.text.count > 100 }) ?? archived.first {
      print("\none archived article (`portal-archiver show URL` prints any):\n")
      ShowCommand.print(article)
    }
    if summary.exitCode != .done && summary.exitCode != .tooManyPageErrors {
      throw ExitCode(summary.exitCode.rawValue)
    }
  }
}
