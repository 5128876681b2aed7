import Extract
import Fetch
import Foundation
import Frontier
import WARC

/// Script pagination (`scope.script_pagination`): list pages portals write only in script.
///
/// A page's TRS list pages and JCMS record links join its links (`PagePipeline.analyze`), and
/// its JCMS further pages join them as POST keys (`RequestKey`): all go through the scope and
/// the frontier like any link, a POST at its page's depth (a pagination hop). A POST key is
/// fetched as a POST of its body (`fetchRequest(for:conditional:)`), never conditionally; its
/// answer (JCMS XML) is read for record links and later pages (`postAnswerLinks`) and the key
/// is kept as a list page (`.page`: fetched again every run, never an article).
extension Crawler {
  /// The request a frontier record is fetched with: a GET of its URL with `conditional`
  /// headers, or for a POST key a POST of its body as a form (no validators: a POST answer is
  /// not revalidated), with the page that declared it as Referer, as a browser sends it.
  static func fetchRequest(
    for record: URLRecord, conditional: [(name: String, value: String)]
  ) -> FetchRequest {
    let (url, body) = RequestKey.split(record.url)
    guard let body else { return FetchRequest(url: record.url, headers: conditional) }
    var headers: [(name: String, value: String)] = [
      ("Content-Type", ScriptPagination.formContentType + "; charset=UTF-8"),
      ("X-Requested-With", "XMLHttpRequest"),
    ]
    if let parent = record.parent, !RequestKey.isPost(parent) {
      headers.append(("Referer", parent))
    }
    return FetchRequest(url: String(url), headers: headers, method: .post, body: Array(body.utf8))
  }

  /// The frontier keys a POST key's 200 answer lists (worker thread); nil for any other
  /// record or answer. Content-Encoding is undone within `fetch.max_body_bytes`.
  func postAnswerLinks(_ record: URLRecord, _ response: FetchResponse) -> [String]? {
    guard RequestKey.isPost(record.url), response.status == 200, !response.truncated,
      let body = try? pipeline.decodedBody(
        response.body, contentEncoding: response.header("Content-Encoding"))
    else { return nil }
    return pipeline.answerLinks(body: body, key: record.url)
  }

  /// A POST key's 200: a list page whose links (record links, later POSTs) are scheduled
  /// (engine queue).
  func applyPostAnswer(
    _ links: [String], to record: inout URLRecord, job: inout ArchiveJob
  ) {
    record.kind = .page
    record.outlinks = links.isEmpty ? nil : links.joined(separator: "\n")
    admit(links, from: record, into: &job.newRecords)
  }

  /// The POST key a request record of the archive stands for (its WARC-Target-URI made
  /// canonical, its form body), nil for a GET or any other record: how a resumed run knows
  /// which POST a tail response answered.
  func postKey(ofRequest record: WARCRecord) -> String? {
    guard record.type == "request", let start = record.httpPayloadStart,
      let uri = record["WARC-Target-URI"], let url = canonicalizer.canonicalize(uri)
    else { return nil }
    let head = record.block[0..<start]
    guard head.starts(with: Array("POST ".utf8)) else { return nil }
    return RequestKey.post(url: url, body: String(decoding: record.httpPayload, as: UTF8.self))
  }
}
