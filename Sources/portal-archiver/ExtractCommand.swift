import ArgumentParser
import Charset
import Crawl
import Extract
import Foundation
import HTML

/// `portal-archiver extract`: article extraction from saved HTML files, one JSON line each.
struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Extract the article (title, date, source, author, paragraphs) of saved HTML pages.",
    discussion: """
      Prints one JSON object per input FILE on stdout, one line each, keys in this order: \
      file, url, charset, charset_source, title, published, source, author, paragraphs (an array), \
      text, links. "published" is "YYYY-MM-DD" or "YYYY-MM-DDThh:mm" ("" when the page shows no \
      date); "text" is the paragraphs joined with newlines; "links" counts the page's outlinks. \
      Text is written as UTF-8 (Chinese is not \\u-escaped). FILE "-" reads standard input.

      The charset is detected (BOM, <meta>, sniffing; a file has no HTTP header) unless --charset \
      forces one. A file that cannot be read gives {"file":…,"error":"…"}; the other files are \
      still processed and the exit status is then 1.

      Site learning: with several FILEs and no --site-model, a site model is first learned over \
      all inputs (grouped by the host of their URL; without URLs all inputs are one site) and then \
      used to extract each file, so template blocks repeated across pages and watermark phrases \
      repeated inside many articles are removed. A group's model is used once it has seen at \
      least 5 article pages. --no-learn turns this off. --site-model FILE uses a model saved by a \
      crawl (or by --save-site-model) instead.

      URLs: --url gives every FILE that URL; --base-url with --root gives each FILE the URL \
      base-url + its path relative to root (for a static copy of a site).
      """)

  @OptionGroup var options: ConfigOptions

  @Option(help: "The URL the page(s) were fetched from (resolves links, groups sites).")
  var url: String?

  @Option(help: "URL prefix for FILEs under --root: URL = base-url + path relative to root.")
  var baseURL: String?

  @Option(help: "Directory the FILEs' relative paths are taken from, with --base-url.")
  var root: String?

  @Option(help: "Force this charset label (e.g. gbk, big5, utf-8) instead of detecting it.")
  var charset: String?

  @Option(help: "A learned site model (JSON) to extract with; disables learning from the inputs.")
  var siteModel: String?

  @Option(help: "Write the site model learned from the inputs to this file (JSON).")
  var saveSiteModel: String?

  @Flag(help: "Do not learn a site model from the inputs.")
  var noLearn = false

  @Option(help: "A watermark phrase to strip from paragraphs (repeatable).")
  var watermark: [String] = []

  @Option(
    name: .customLong("drop-xpath"),
    help: "An XPath expression whose nodes are removed before extraction (repeatable).")
  var dropXPath: [String] = []

  @Option(
    help: ArgumentHelp(
      "Time the stages over the FILEs for N rounds instead of extracting.", visibility: .hidden))
  var benchmark: Int?

  @Option(
    help: ArgumentHelp(
      "Also extract the files listed in LIST, one path per line ('-': standard input).",
      discussion: "For thousands of files: the argument parser's cost grows with the square of "
        + "the number of command-line FILEs.",
      valueName: "LIST"))
  var filesFrom: String?

  @Argument(help: "HTML files to extract ('-' reads standard input).")
  var files: [String] = []

  func validate() throws {
    if files.isEmpty && filesFrom == nil {
      throw ValidationError("give at least one FILE (or '-' for stdin), or --files-from LIST")
    }
    if filesFrom == "-" && files.contains("-") {
      throw ValidationError("standard input cannot be both the file list and a FILE")
    }
    if root != nil && baseURL == nil { throw ValidationError("--root needs --base-url") }
    if url != nil && baseURL != nil { throw ValidationError("give either --url or --base-url") }
  }

  func run() throws {
    // crawl.conf's [extract] phrases and XPaths apply as in a crawl; the flags add to them.
    let crawl = try options.loadOrExit()
    let config = ExtractionConfig(
      watermarkPhrases: crawl.watermarks + watermark, dropXPaths: crawl.dropXPaths + dropXPath)
    let extractor = ArticleExtractor(config: config)
    var stdinBytes: [UInt8]?
    let inputs = (files + (try listedFiles())).map { Input(file: $0, url: urlFor($0)) }

    func read(_ input: Input) throws -> [UInt8] {
      if input.file == "-" {
        if stdinBytes == nil {
          stdinBytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        return stdinBytes ?? []
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: input.file, isDirectory: &isDirectory) else {
        throw InputError(file: input.file, cause: "cannot read: no such file")
      }
      if isDirectory.boolValue {
        throw InputError(file: input.file, cause: "cannot read: is a directory")
      }
      do {
        return Array(try Data(contentsOf: URL(fileURLWithPath: input.file)))
      } catch {
        throw InputError(file: input.file, cause: "cannot read: " + Self.describe(error))
      }
    }
    // The HTML parser recovers from any input, so a readable file always gives a tree.
    func parse(_ input: Input) throws -> (page: DecodedPage, tree: HTMLTree, links: [Link]) {
      let bytes = try read(input)
      let page = CharsetDetector.decode(bytes, contentType: nil, override: charset)
      let (tree, links) = extractor.parse(utf8: page.utf8, url: input.url)
      return (page, tree, links)
    }

    if let rounds = benchmark {
      var pages: [(text: String, url: String?)] = []
      for input in inputs {
        guard let bytes = try? read(input) else { continue }
        pages.append(
          (CharsetDetector.decode(bytes, contentType: nil, override: charset).text, input.url))
      }
      print(ExtractBenchmark.run(pages, rounds: rounds))
      return
    }

    // Models: loaded, or learned per site over the inputs.
    var models: [String: SiteModel] = [:]
    var fixedModel: SiteModel?
    if let path = siteModel {
      do {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        fixedModel = try JSONDecoder().decode(SiteModel.self, from: data)
      } catch {
        throw ValidationError("cannot load site model \(path): \(Self.describe(error))")
      }
    } else if !noLearn && inputs.count > 1 {
      for input in inputs {
        guard let parsed = try? parse(input) else { continue }
        let site = Self.site(of: input)
        var model = models[site] ?? SiteModel(host: site)
        model.observe(parsed.tree)
        models[site] = model
      }
      if let path = saveSiteModel {
        let merged = models.values.max(by: { $0.pagesObserved < $1.pagesObserved })
        if let merged {
          let encoder = JSONEncoder()
          encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
          try encoder.encode(merged).write(to: URL(fileURLWithPath: path))
        }
      }
    }

    var failed = false
    let out = FileHandle.standardOutput
    for input in inputs {
      var line = JSONLine()
      line.add("file", input.file)
      do {
        let (page, tree, links) = try parse(input)
        let model: SiteModel?
        if let fixedModel {
          model = fixedModel
        } else if let m = models[Self.site(of: input)], m.articlesObserved >= 5 {
          model = m
        } else {
          model = nil
        }
        let article = extractor.extract(tree, model: model)
        line.add("url", input.url)
        line.add("charset", page.charset)
        line.add("charset_source", page.source.rawValue)
        line.add("title", article.title)
        line.add("published", article.published)
        line.add("source", article.source)
        line.add("author", article.author)
        line.add("paragraphs", article.paragraphs)
        line.add("text", article.text)
        line.add("links", links.count)
      } catch {
        failed = true
        line = JSONLine()
        line.add("file", input.file)
        line.add("error", (error as? InputError)?.description ?? "\(input.file): \(error)")
      }
      out.write(Data((line.closed + "\n").utf8))
    }
    if failed { throw ExitCode(1) }
  }

  /// The paths in `--files-from` (blank lines skipped), or none.
  func listedFiles() throws -> [String] {
    guard let list = filesFrom else { return [] }
    let data: Data
    if list == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: list))
      } catch {
        throw ValidationError("cannot read the file list \(list): \(Self.describe(error))")
      }
    }
    return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
      .map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
  }

  struct Input {
    var file: String
    var url: String?
  }

  struct InputError: Error, CustomStringConvertible {
    var file: String
    var cause: String
    var description: String { "\(file): \(cause)" }
  }

  func urlFor(_ file: String) -> String? {
    if let url { return url }
    guard let base = baseURL else { return nil }
    var relative = file
    if let root {
      let r = root.hasSuffix("/") ? root : root + "/"
      if file.hasPrefix(r) { relative = String(file.dropFirst(r.count)) }
    }
    while relative.hasPrefix("./") { relative.removeFirst(2) }
    if relative.hasPrefix("/") { relative.removeFirst() }
    return (base.hasSuffix("/") ? base : base + "/") + relative
  }

  static func site(of input: Input) -> String {
    input.url.flatMap { URLCanonicalizer.host(of: $0) } ?? ""
  }

  static func describe(_ error: any Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain,
      let code = POSIXErrorCode(rawValue: Int32(underlying.code))
    {
      return String(cString: strerror(code.rawValue))
    }
    return ns.localizedDescription
  }
}
