import FuzzSupport
import HTML

/// libFuzzer entry point: both HTML parsers, link extraction and link canonicalisation.
///
/// The input is a decoded page (UTF-8, invalid sequences allowed). It is parsed by the fast
/// tree builder and by libxml2 (whose DOM is then copied into a tree and edited by XPath), and
/// every link found is resolved and canonicalised against the page's URL, as the crawler does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let pageURL = "http://www.example.gov.cn/zwgk/2009-05/index.html"
  let canonicalizer = URLCanonicalizer()
  guard let base = URLCanonicalizer.BaseURL(pageURL) else { return 0 }

  let tree = bytes.withUnsafeBufferPointer { HTMLTree.parse(utf8: $0, url: pageURL) }
  var links = tree.links(texts: true)
  for i in 0..<min(tree.count, 64) {
    _ = tree.name(i)
    _ = tree.attributes(i)
    _ = tree.textContent(i)
  }
  _ = tree.firstElement(.title).map { tree.textContent($0) }

  let document = HTMLDocument(utf8: bytes, url: pageURL)
  links += document.links()
  let copied = HTMLTree(document: document)
  links += copied.links(texts: false)
  _ = document.firstElement(.body)
  _ = try? document.nodes(matchingXPath: "//a[@href]")
  _ = try? document.removeNodes(matchingXPath: "//div[@class='nav'] | //script")
  _ = HTMLTree(document: document).links(texts: true)

  for link in links.prefix(2_000) {
    _ = canonicalizer.canonicalize(link.url, against: base)
    _ = URLCanonicalizer.resolve(link.url, against: base)
    _ = HTMLText.collapseWhitespace(link.text)
  }
  return 0
}

/// The html fuzz target: starts libFuzzer.
@main enum FuzzHTML {
  /// Starts libFuzzer, which calls `fuzz` once per input.
  static func main() {
    FuzzDriver.run { data, size in fuzz(data ?? FuzzDriver.empty, size) }
  }
}
