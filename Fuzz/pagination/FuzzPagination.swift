import Extract
import FuzzSupport

/// libFuzzer entry point: TRS WCM and Hanweb JCMS script-pagination recognisers.
///
/// The input is a page's text (invalid UTF-8 repaired, as the Charset stage hands pages on);
/// it is scanned against a fixed list-page URL with a low page cap (50), so that a mutated
/// `createPageHTML(...)` or `countPage` of a huge number costs one bounded scan, as in a
/// crawl; it is also read as a JCMS POST answer. Every outcome is fine but a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  for base in ["http://www.example.gov.cn/col/col12/index.html", "http://[::1]:8/a/b?c=d#e"] {
    let found = ScriptPagination.scan(page: text, url: base, maxPages: 50)
    _ = found.listPages.count + found.recordLinks.count
    for post in found.posts { _ = post.url.utf8.count + post.body.utf8.count }
    // The same text as the XML a JCMS POST answered.
    let request = ScriptPagination.PostRequest(url: base, body: "startrecord=1&endrecord=15")
    _ = ScriptPagination.scanAnswer(text, request: request, maxPages: 50).recordLinks.count
  }
  return 0
}

/// The pagination fuzz target: starts libFuzzer.
@main enum FuzzPagination {
  /// Starts libFuzzer, which calls `fuzz` once per input.
  static func main() {
    FuzzDriver.run { data, size in fuzz(data ?? FuzzDriver.empty, size) }
  }
}
