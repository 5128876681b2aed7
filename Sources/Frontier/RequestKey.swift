/// The frontier key of a fetch: a GET's canonical URL as it is, a POST's URL with its
/// `application/x-www-form-urlencoded` body after a `#__wb_method=post&` fragment.
///
/// A POST job (a JCMS list page only its script reaches, `ScriptPagination`) is one row of the
/// `urls` table like any URL, so it is queued, resumed after kill -9, revalidated and deduped
/// by the same code; its key differs from the GET of the same URL, so the two never meet.
/// Canonical URLs never carry a fragment (`URLCanonicalizer` drops it), so the first `#` of a
/// key is always this marker and the body after it may hold anything, `#` included. The marker
/// spells pywb's `__wb_method=post` convention (what `cdxj-indexer --post-append` appends to a
/// POST's index key) so a key reads as what it is. Only the crawl's request builder splits a
/// key: the fetcher, the WARC records' target URIs and the CDXJ see the real URL; captures of a
/// POST are stored under the key (a GET's revisit never refers to a POST answer).
/// Stateless.
public enum RequestKey {
  /// What separates a POST key's URL from its body.
  public static let postMarker = "#__wb_method=post&"

  /// The key of a POST of `body` to the canonical `url`.
  public static func post(url: String, body: String) -> String { url + postMarker + body }

  /// Whether `key` names a POST.
  public static func isPost(_ key: String) -> Bool { split(key).body != nil }

  /// The URL a key fetches (the key itself for a GET).
  public static func url(of key: String) -> String { String(split(key).url) }

  /// The URL and, for a POST, the body of a key.
  public static func split(_ key: String) -> (url: Substring, body: Substring?) {
    guard let hash = key.firstIndex(of: "#") else { return (key[...], nil) }
    let rest = key[hash...]
    guard rest.hasPrefix(postMarker) else { return (key[..<hash], nil) }
    return (key[..<hash], rest.dropFirst(postMarker.count))
  }
}
