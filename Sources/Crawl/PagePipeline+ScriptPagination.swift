import Extract
import Foundation
import Frontier

extension PagePipeline {
  /// The canonical frontier keys a page's script pagination describes (`ScriptPagination`):
  /// TRS list pages and JCMS record links as URLs, JCMS further pages as POST keys
  /// (`RequestKey`), in that order; empty when `scriptPaginationMaxPages` is 0 (off).
  func scriptLinks(utf8: [UInt8], url: String) -> [String] {
    guard scriptPaginationMaxPages > 0 else { return [] }
    let text = String(decoding: utf8, as: UTF8.self)
    let found = ScriptPagination.scan(page: text, url: url, maxPages: scriptPaginationMaxPages)
    return keys(found)
  }

  /// The keys of what a JCMS POST answered (`ScriptPagination.scanAnswer`): its record links,
  /// and the further POSTs its `<totalrecord>` reveals. `key` is the POST's frontier key.
  func answerLinks(body: [UInt8], key: String) -> [String] {
    guard scriptPaginationMaxPages > 0 else { return [] }
    let (url, postBody) = RequestKey.split(key)
    let request = ScriptPagination.PostRequest(url: String(url), body: String(postBody ?? ""))
    let text = String(decoding: body, as: UTF8.self)
    return keys(
      ScriptPagination.scanAnswer(text, request: request, maxPages: scriptPaginationMaxPages))
  }

  /// `found` as canonical frontier keys, without duplicates, in order.
  private func keys(_ found: ScriptPagination.Found) -> [String] {
    guard !found.isEmpty else { return [] }
    var out: [String] = []
    var seen = Set<String>()
    for link in found.listPages + found.recordLinks {
      if let c = canonicalizer.canonicalize(link), seen.insert(c).inserted { out.append(c) }
    }
    for post in found.posts {
      guard let c = canonicalizer.canonicalize(post.url) else { continue }
      let key = RequestKey.post(url: c, body: post.body)
      if seen.insert(key).inserted { out.append(key) }
    }
    return out
  }
}
