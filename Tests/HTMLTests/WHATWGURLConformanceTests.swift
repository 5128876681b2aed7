import Foundation
import Testing

@testable import HTML

/// Counts how many http(s) cases of the WHATWG URL tests (web-platform-tests'
/// `urltestdata.json`) `URLCanonicalizer.resolve` gets right; run by scripts/url-conformance.sh.
///
/// Runs only when the environment variable URLTESTDATA names the JSON file (a fresh clone has
/// none, so the test then records nothing). Selection, so that the counts are reproducible:
/// - valid: cases without `failure` whose expected `href` starts with "http:" or "https:";
///   right when `resolve(input, against: base ?? "about:blank")` equals `href` (also counted:
///   the crawler's `canonicalize(input, against:)` equals `canonicalize(href)`);
/// - invalid: cases with `failure: true` whose input, with leading/trailing C0 controls and
///   spaces trimmed and tabs/newlines removed, has the scheme http or https, or has no scheme
///   and a base whose scheme is http or https; right when `resolve` returns nil.
/// "about:blank" stands for "no base": the parser ignores a base that is not http(s) for an
/// input with an http(s) scheme. With URLTESTDATA_VERBOSE=1 every wrong case is printed.
@Suite struct WHATWGURLConformanceTests {
  @Test func urlTestData() throws {
    let environment = ProcessInfo.processInfo.environment
    guard let path = environment["URLTESTDATA"] else {
      print("WHATWGURLConformance: URLTESTDATA not set, nothing measured")
      return
    }
    let verbose = environment["URLTESTDATA_VERBOSE"] == "1"
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
    var valid = 0
    var validRight = 0
    var invalid = 0
    var invalidRight = 0
    var canonicalRight = 0
    let canonicalizer = URLCanonicalizer()
    for case let entry as [String: Any] in entries {
      guard let input = entry["input"] as? String else { continue }
      let base = entry["base"] as? String
      let result = URLCanonicalizer.resolve(input, against: base ?? "about:blank")
      if entry["failure"] as? Bool == true {
        guard Self.resultIsHTTP(input: input, base: base) else { continue }
        invalid += 1
        if result == nil {
          invalidRight += 1
        } else if verbose {
          print(
            "accepted invalid: \(Self.quoted(input)) base \(Self.quoted(base)) → \(result ?? "")")
        }
      } else if let href = entry["href"] as? String,
        href.hasPrefix("http:") || href.hasPrefix("https:")
      {
        valid += 1
        let canonical = canonicalizer.canonicalize(input, against: base ?? "about:blank")
        if canonical != nil, canonical == canonicalizer.canonicalize(href) { canonicalRight += 1 }
        if result == href {
          validRight += 1
        } else if verbose {
          print(
            "wrong valid: \(Self.quoted(input)) base \(Self.quoted(base)) → "
              + "\(Self.quoted(result)), expected \(href)")
        }
      }
    }
    print(
      "WHATWGURLConformance: valid http(s) cases resolved as browsers do: \(validRight) of "
        + "\(valid)")
    print(
      "WHATWGURLConformance: valid http(s) cases whose canonical form is the canonical form of "
        + "href: \(canonicalRight) of \(valid)")
    print("WHATWGURLConformance: invalid http(s) cases rejected: \(invalidRight) of \(invalid)")
  }

  /// Whether the input's own scheme, or else the base's, is http or https.
  static func resultIsHTTP(input: String, base: String?) -> Bool {
    let trimmed = input.unicodeScalars.drop { $0.value <= 0x20 }
    let cleaned = String(String.UnicodeScalarView(trimmed)).filter { !"\t\n\r".contains($0) }
    if let scheme = scheme(of: cleaned) { return scheme == "http" || scheme == "https" }
    guard let base, let scheme = scheme(of: base) else { return false }
    return scheme == "http" || scheme == "https"
  }

  /// The lower-cased scheme of `text` ("scheme:" with an ASCII letter first), or nil.
  static func scheme(of text: String) -> String? {
    guard let colon = text.firstIndex(of: ":") else { return nil }
    let scheme = text[..<colon]
    guard let first = scheme.first, first.isASCII, first.isLetter,
      scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
    else { return nil }
    return scheme.lowercased()
  }

  /// `text` with controls and non-ASCII escaped, for readable reports.
  static func quoted(_ text: String?) -> String {
    guard let text else { return "nil" }
    var out = "\""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value > 0x7E {
        out += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
