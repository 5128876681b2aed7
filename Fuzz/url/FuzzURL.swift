import FuzzSupport
import HTML

/// libFuzzer entry point: WHATWG URL parsing, resolution and canonicalisation.
///
/// The input's first line is a reference, the second (when there is one) a base URL; without
/// a second line a fixed http base is used. Everything public on `URLCanonicalizer` runs on
/// them: absolute parse, resolution against the base (WHATWG for http(s), RFC 3986 otherwise),
/// canonicalisation (twice, so that a canonical form is parsed again), host and path.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let lines = bytes.split(separator: 10, maxSplits: 1, omittingEmptySubsequences: false)
  let reference = lines.first.map { String(decoding: $0, as: UTF8.self) } ?? ""
  let baseText =
    lines.count > 1
    ? String(decoding: lines[1], as: UTF8.self) : "http://www.example.gov.cn/a/b/c.html?q=1"
  let canonicalizer = URLCanonicalizer()

  if let canonical = canonicalizer.canonicalize(reference) {
    _ = canonicalizer.canonicalize(canonical)
  }
  _ = URLCanonicalizer.host(of: reference)
  _ = URLCanonicalizer.path(of: reference)
  _ = URLCanonicalizer.host(of: baseText)
  if let base = URLCanonicalizer.BaseURL(baseText) {
    if let resolved = URLCanonicalizer.resolve(reference, against: base) {
      _ = URLCanonicalizer.host(of: resolved)
      _ = canonicalizer.canonicalize(resolved)
    }
    if let canonical = canonicalizer.canonicalize(reference, against: base) {
      _ = canonicalizer.canonicalize(canonical, against: base)
    }
  }
  _ = URLCanonicalizer.resolve(reference, against: baseText)
  return 0
}

/// The url fuzz target: starts libFuzzer.
@main enum FuzzURL {
  /// Starts libFuzzer, which calls `fuzz` once per input.
  static func main() {
    FuzzDriver.run { data, size in fuzz(data ?? FuzzDriver.empty, size) }
  }
}
