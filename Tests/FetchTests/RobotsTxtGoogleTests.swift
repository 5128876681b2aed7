// The cases below are ported from Google's robots.txt parser tests, robots_test.cc of
// https://github.com/google/robotstxt (Copyright 2019 Google LLC, Apache License 2.0,
// https://www.apache.org/licenses/LICENSE-2.0). The generated block is written by
// `python3 scripts/robots-conformance.py --write` from ../shared/conformance/robots_test.cc;
// `python3 scripts/robots-conformance.py` checks it is current, runs this suite and reports the
// pass count. These tests never read that file: the cases are this project's own fixtures.
import Foundation
import Testing

@testable import Fetch

/// One assertion of robots_test.cc, of any kind, as the conformance count sees it.
protocol GoogleAssertion: Sendable, CustomTestStringConvertible {
  /// The assertion's line in robots_test.cc (for a helper such as TestPath: the call's line).
  var line: Int { get }
  /// Whether RobotsTxt answers as Google's parser does.
  func passes() -> Bool
}

/// One `EXPECT_TRUE/FALSE(IsUserAgentAllowed(robotstxt, agent, url))` of robots_test.cc.
struct GoogleCase: GoogleAssertion {
  let line: Int
  /// The gtest TEST the assertion belongs to.
  let test: String
  let robots: String
  let agent: String
  let url: String
  /// The expected answer of IsUserAgentAllowed.
  let allowed: Bool

  var testDescription: String {
    "robots_test.cc:\(line) \(test): \(agent.isEmpty ? "\"\"" : agent) "
      + "\(allowed ? "may" : "may not") fetch \(url.prefix(60))"
  }

  /// What RobotsTxt answers. Google's IsUserAgentAllowed takes a bare product token (not a
  /// User-Agent header) and a URL it reduces to path and query (GetPathParamsQuery).
  func actual() -> Bool {
    RobotsTxt(bytes: Array(robots.utf8), productToken: agent)
      .isAllowed(RobotsTxt.pathParamsQuery(url))
  }

  func passes() -> Bool { actual() == allowed }
}

/// One `EXPECT_TRUE/FALSE(RobotsMatcher::IsValidUserAgentToObey(agent))` of robots_test.cc.
struct GoogleAgentCheck: GoogleAssertion {
  let line: Int
  let agent: String
  let valid: Bool

  var testDescription: String { "robots_test.cc:\(line) \"\(agent)\" valid: \(valid)" }

  func passes() -> Bool { RobotsTxt.isValidUserAgent(agent) == valid }
}

/// One `EXPECT_EQ(expected, report.field())` after `ParseRobotsTxt(robots, &report)`, where the
/// report is robots_test.cc's RobotsStatsReporter.
struct GoogleReportCheck: GoogleAssertion {
  /// The RobotsStatsReporter accessor compared.
  enum Field: String, Sendable {
    case validDirectives = "valid_directives"
    case unknownDirectives = "unknown_directives"
    case lastLineSeen = "last_line_seen"
    /// Every Sitemap value, concatenated.
    case sitemap
  }

  let line: Int
  let test: String
  /// The body parsed (raw bytes: some are not UTF-8, e.g. a broken byte order mark).
  let robots: [UInt8]
  let field: Field
  /// The expected value, as text ("4", or the sitemap URL).
  let expected: String

  var testDescription: String { "robots_test.cc:\(line) \(test): \(field.rawValue) is \(expected)" }

  func actual() -> String {
    let report = RobotsTxt.report(bytes: robots)
    switch field {
    case .validDirectives: return String(report.validDirectives)
    case .unknownDirectives: return String(report.unknownDirectives)
    case .lastLineSeen: return String(report.lastLineSeen)
    case .sitemap: return report.sitemaps.joined()
    }
  }

  func passes() -> Bool { actual() == expected }
}

/// One `TestPath(url, expected_path)` call: `EXPECT_EQ(expected_path, GetPathParamsQuery(url))`.
struct GooglePathCheck: GoogleAssertion {
  let line: Int
  let url: String
  let path: String

  var testDescription: String { "robots_test.cc:\(line) path of \"\(url)\" is \(path)" }

  func passes() -> Bool { RobotsTxt.pathParamsQuery(url) == path }
}

/// One `TestEscape(pattern, expected)` call: `EXPECT_EQ(expected, MaybeEscapePattern(pattern))`.
struct GoogleEscapeCheck: GoogleAssertion {
  let line: Int
  let pattern: String
  let escaped: String

  var testDescription: String { "robots_test.cc:\(line) \"\(pattern)\" escapes to \(escaped)" }

  func passes() -> Bool { RobotsTxt.escapePattern(pattern) == escaped }
}

/// Bytes of a fixture that are not all UTF-8, written as UTF-8 runs and raw bytes.
enum GoogleBytes {
  case utf8(String)
  case raw([UInt8])

  static func join(_ pieces: [GoogleBytes]) -> [UInt8] {
    pieces.flatMap { piece -> [UInt8] in
      switch piece {
      case .utf8(let text): return Array(text.utf8)
      case .raw(let bytes): return bytes
      }
    }
  }
}

@Suite struct RobotsTxtGoogleTests {
  /// Assertions RobotsTxt answers differently on purpose, by robots_test.cc line, with the reason.
  static let deviations: [Int: String] = [
    419: """
      RFC 9309 §2.2.2: octets outside US-ASCII in the URI are percent-encoded before comparison, \
      so /foo/bar/ツ is /foo/bar/%E3%83%84 and the Allow rule matches (Google leaves it to callers).
      """,
    430: "as line 419: the raw ツ path is percent-encoded before comparison (RFC 9309 §2.2.2)",
    441: """
      RFC 9309 §2.2.2's table matches /foo/bar/%62%61%7A as /foo/bar/baz: percent-encoded \
      unreserved characters are decoded (RFC 3986 §6.2.2.2), so /foo/bar/baz is allowed too.
      """,
    505: """
      Google-only extension left out: an allowed /dir/index.html does not also allow /dir/ \
      (RFC 9309 has no such rule; the crawler stays on the strict side).
      """,
  ]

  /// Every assertion of every kind, in the order of the generated lists.
  static var all: [any GoogleAssertion] {
    cases as [any GoogleAssertion] + agentChecks + reportChecks + pathChecks + escapeChecks
  }

  /// Expects `google` to pass, or to fail as a known issue when it is a listed deviation.
  func check(_ google: any GoogleAssertion) {
    if let reason = Self.deviations[google.line] {
      withKnownIssue(Comment(rawValue: reason)) { #expect(google.passes()) }
    } else {
      #expect(google.passes())
    }
  }

  @Test(arguments: cases)
  func googleAssertion(_ google: GoogleCase) { check(google) }

  @Test(arguments: agentChecks)
  func validProductToken(_ google: GoogleAgentCheck) { check(google) }

  @Test(arguments: reportChecks)
  func parseReport(_ google: GoogleReportCheck) { check(google) }

  @Test(arguments: pathChecks)
  func urlToPath(_ google: GooglePathCheck) { check(google) }

  @Test(arguments: escapeChecks)
  func patternEscaping(_ google: GoogleEscapeCheck) { check(google) }

  /// Prints the pass count the conformance script reports, and pins the set of deviations.
  @Test func conformanceCount() {
    let all = Self.all
    let failing = all.filter { !$0.passes() }
    let passed = all.count - failing.count
    print("robots.txt conformance: \(passed) of \(all.count) Google assertions pass")
    for google in failing {
      let reason = Self.deviations[google.line] ?? "unexpected failure"
      print("robots.txt conformance: fails \(google.testDescription) -- \(reason)")
    }
    #expect(Set(failing.map(\.line)) == Set(Self.deviations.keys))
  }

  // BEGIN GENERATED by scripts/robots-conformance.py --write: do not edit by hand.
  /// Every IsUserAgentAllowed assertion of robots_test.cc, in file order.
  static let cases: [GoogleCase] = [
    GoogleCase(
      line: 42, test: "GoogleOnly_SystemTest",
      robots: "",
      agent: "FooBot", url: "", allowed: true),
    GoogleCase(
      line: 45, test: "GoogleOnly_SystemTest",
      robots: "user-agent: FooBot\ndisallow: /\n",
      agent: "", url: "", allowed: true),
    GoogleCase(
      line: 49, test: "GoogleOnly_SystemTest",
      robots: "user-agent: FooBot\ndisallow: /\n",
      agent: "FooBot", url: "", allowed: false),
    GoogleCase(
      line: 52, test: "GoogleOnly_SystemTest",
      robots: "",
      agent: "", url: "", allowed: true),
    GoogleCase(
      line: 77, test: "ID_LineSyntax_Line",
      robots: "user-agent: FooBot\ndisallow: /\n",
      agent: "FooBot", url: "http://foo.bar/x/y", allowed: false),
    GoogleCase(
      line: 78, test: "ID_LineSyntax_Line",
      robots: "foo: FooBot\nbar: /\n",
      agent: "FooBot", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 79, test: "ID_LineSyntax_Line",
      robots: "user-agent FooBot\ndisallow /\n",
      agent: "FooBot", url: "http://foo.bar/x/y", allowed: false),
    GoogleCase(
      line: 112, test: "ID_LineSyntax_Groups",
      robots: "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
      agent: "FooBot", url: "http://foo.bar/x/b", allowed: true),
    GoogleCase(
      line: 113, test: "ID_LineSyntax_Groups",
      robots: "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
      agent: "FooBot", url: "http://foo.bar/z/d", allowed: true),
    GoogleCase(
      line: 114, test: "ID_LineSyntax_Groups",
      robots: "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
      agent: "FooBot", url: "http://foo.bar/y/c", allowed: false),
    GoogleCase(
      line: 115, test: "ID_LineSyntax_Groups",
      robots: "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
      agent: "BarBot", url: "http://foo.bar/y/c", allowed: true),
    GoogleCase(
      line: 116, test: "ID_LineSyntax_Groups",
      robots: "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
      agent: "BarBot", url: "http://foo.bar/w/a", allowed: true),
    GoogleCase(
      line: 117, test: "ID_LineSyntax_Groups",
      robots: "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
      agent: "BarBot", url: "http://foo.bar/z/d", allowed: false),
    GoogleCase(
      line: 118, test: "ID_LineSyntax_Groups",
      robots: "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
      agent: "BazBot", url: "http://foo.bar/z/d", allowed: true),
    GoogleCase(
      line: 121, test: "ID_LineSyntax_Groups",
      robots: "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar/", allowed: false),
    GoogleCase(
      line: 122, test: "ID_LineSyntax_Groups",
      robots: "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
      agent: "BarBot", url: "http://foo.bar/foo/bar/", allowed: false),
    GoogleCase(
      line: 123, test: "ID_LineSyntax_Groups",
      robots: "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
      agent: "BazBot", url: "http://foo.bar/foo/bar/", allowed: false),
    GoogleCase(
      line: 137, test: "ID_LineSyntax_Groups_OtherRules",
      robots: "User-agent: BarBot\nSitemap: https://foo.bar/sitemap\nUser-agent: *\nDisallow: /\n",
      agent: "FooBot", url: "http://foo.bar/", allowed: false),
    GoogleCase(
      line: 138, test: "ID_LineSyntax_Groups_OtherRules",
      robots: "User-agent: BarBot\nSitemap: https://foo.bar/sitemap\nUser-agent: *\nDisallow: /\n",
      agent: "BarBot", url: "http://foo.bar/", allowed: false),
    GoogleCase(
      line: 147, test: "ID_LineSyntax_Groups_OtherRules",
      robots: "User-agent: FooBot\nInvalid-Unknown-Line: unknown\nUser-agent: *\nDisallow: /\n",
      agent: "FooBot", url: "http://foo.bar/", allowed: false),
    GoogleCase(
      line: 148, test: "ID_LineSyntax_Groups_OtherRules",
      robots: "User-agent: FooBot\nInvalid-Unknown-Line: unknown\nUser-agent: *\nDisallow: /\n",
      agent: "BarBot", url: "http://foo.bar/", allowed: false),
    GoogleCase(
      line: 170, test: "ID_REPLineNamesCaseInsensitive",
      robots: "USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n",
      agent: "FooBot", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 171, test: "ID_REPLineNamesCaseInsensitive",
      robots: "user-agent: FooBot\nallow: /x/\ndisallow: /\n",
      agent: "FooBot", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 172, test: "ID_REPLineNamesCaseInsensitive",
      robots: "uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n",
      agent: "FooBot", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 173, test: "ID_REPLineNamesCaseInsensitive",
      robots: "USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n",
      agent: "FooBot", url: "http://foo.bar/a/b", allowed: false),
    GoogleCase(
      line: 174, test: "ID_REPLineNamesCaseInsensitive",
      robots: "user-agent: FooBot\nallow: /x/\ndisallow: /\n",
      agent: "FooBot", url: "http://foo.bar/a/b", allowed: false),
    GoogleCase(
      line: 175, test: "ID_REPLineNamesCaseInsensitive",
      robots: "uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n",
      agent: "FooBot", url: "http://foo.bar/a/b", allowed: false),
    GoogleCase(
      line: 216, test: "ID_UserAgentValueCaseInsensitive",
      robots: "User-Agent: FOO BAR\nAllow: /x/\nDisallow: /\n",
      agent: "Foo", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 217, test: "ID_UserAgentValueCaseInsensitive",
      robots: "User-Agent: foo bar\nAllow: /x/\nDisallow: /\n",
      agent: "Foo", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 218, test: "ID_UserAgentValueCaseInsensitive",
      robots: "User-Agent: FoO bAr\nAllow: /x/\nDisallow: /\n",
      agent: "Foo", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 219, test: "ID_UserAgentValueCaseInsensitive",
      robots: "User-Agent: FOO BAR\nAllow: /x/\nDisallow: /\n",
      agent: "Foo", url: "http://foo.bar/a/b", allowed: false),
    GoogleCase(
      line: 220, test: "ID_UserAgentValueCaseInsensitive",
      robots: "User-Agent: foo bar\nAllow: /x/\nDisallow: /\n",
      agent: "Foo", url: "http://foo.bar/a/b", allowed: false),
    GoogleCase(
      line: 221, test: "ID_UserAgentValueCaseInsensitive",
      robots: "User-Agent: FoO bAr\nAllow: /x/\nDisallow: /\n",
      agent: "Foo", url: "http://foo.bar/a/b", allowed: false),
    GoogleCase(
      line: 222, test: "ID_UserAgentValueCaseInsensitive",
      robots: "User-Agent: FOO BAR\nAllow: /x/\nDisallow: /\n",
      agent: "foo", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 223, test: "ID_UserAgentValueCaseInsensitive",
      robots: "User-Agent: foo bar\nAllow: /x/\nDisallow: /\n",
      agent: "foo", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 224, test: "ID_UserAgentValueCaseInsensitive",
      robots: "User-Agent: FoO bAr\nAllow: /x/\nDisallow: /\n",
      agent: "foo", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 225, test: "ID_UserAgentValueCaseInsensitive",
      robots: "User-Agent: FOO BAR\nAllow: /x/\nDisallow: /\n",
      agent: "foo", url: "http://foo.bar/a/b", allowed: false),
    GoogleCase(
      line: 226, test: "ID_UserAgentValueCaseInsensitive",
      robots: "User-Agent: foo bar\nAllow: /x/\nDisallow: /\n",
      agent: "foo", url: "http://foo.bar/a/b", allowed: false),
    GoogleCase(
      line: 227, test: "ID_UserAgentValueCaseInsensitive",
      robots: "User-Agent: FoO bAr\nAllow: /x/\nDisallow: /\n",
      agent: "foo", url: "http://foo.bar/a/b", allowed: false),
    GoogleCase(
      line: 246, test: "GoogleOnly_AcceptUserAgentUpToFirstSpace",
      robots: "User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n",
      agent: "Foo", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 247, test: "GoogleOnly_AcceptUserAgentUpToFirstSpace",
      robots: "User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n",
      agent: "Foo Bar", url: "http://foo.bar/x/y", allowed: false),
    GoogleCase(
      line: 271, test: "ID_GlobalGroups_Secondary",
      robots: "",
      agent: "FooBot", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 272, test: "ID_GlobalGroups_Secondary",
      robots: "user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n",
      agent: "FooBot", url: "http://foo.bar/x/y", allowed: false),
    GoogleCase(
      line: 273, test: "ID_GlobalGroups_Secondary",
      robots: "user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n",
      agent: "BarBot", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 274, test: "ID_GlobalGroups_Secondary",
      robots: "user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\nuser-agent: BazBot\ndisallow: /\n",
      agent: "QuxBot", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 289, test: "ID_AllowDisallow_Value_CaseSensitive",
      robots: "user-agent: FooBot\ndisallow: /x/\n",
      agent: "FooBot", url: "http://foo.bar/x/y", allowed: false),
    GoogleCase(
      line: 290, test: "ID_AllowDisallow_Value_CaseSensitive",
      robots: "user-agent: FooBot\ndisallow: /X/\n",
      agent: "FooBot", url: "http://foo.bar/x/y", allowed: true),
    GoogleCase(
      line: 306, test: "ID_LongestMatch",
      robots: "user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/\n",
      agent: "FooBot", url: "http://foo.bar/x/page.html", allowed: false),
    GoogleCase(
      line: 314, test: "ID_LongestMatch",
      robots: "user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/\n",
      agent: "FooBot", url: "http://foo.bar/x/page.html", allowed: true),
    GoogleCase(
      line: 315, test: "ID_LongestMatch",
      robots: "user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/\n",
      agent: "FooBot", url: "http://foo.bar/x/", allowed: false),
    GoogleCase(
      line: 324, test: "ID_LongestMatch",
      robots: "user-agent: FooBot\ndisallow: \nallow: \n",
      agent: "FooBot", url: "http://foo.bar/x/page.html", allowed: true),
    GoogleCase(
      line: 333, test: "ID_LongestMatch",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /\n",
      agent: "FooBot", url: "http://foo.bar/x/page.html", allowed: true),
    GoogleCase(
      line: 342, test: "ID_LongestMatch",
      robots: "user-agent: FooBot\ndisallow: /x\nallow: /x/\n",
      agent: "FooBot", url: "http://foo.bar/x", allowed: false),
    GoogleCase(
      line: 343, test: "ID_LongestMatch",
      robots: "user-agent: FooBot\ndisallow: /x\nallow: /x/\n",
      agent: "FooBot", url: "http://foo.bar/x/", allowed: true),
    GoogleCase(
      line: 353, test: "ID_LongestMatch",
      robots: "user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/page.html\n",
      agent: "FooBot", url: "http://foo.bar/x/page.html", allowed: true),
    GoogleCase(
      line: 361, test: "ID_LongestMatch",
      robots: "user-agent: FooBot\nallow: /page\ndisallow: /*.html\n",
      agent: "FooBot", url: "http://foo.bar/page.html", allowed: false),
    GoogleCase(
      line: 363, test: "ID_LongestMatch",
      robots: "user-agent: FooBot\nallow: /page\ndisallow: /*.html\n",
      agent: "FooBot", url: "http://foo.bar/page", allowed: true),
    GoogleCase(
      line: 372, test: "ID_LongestMatch",
      robots: "user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n",
      agent: "FooBot", url: "http://foo.bar/x/page.html", allowed: true),
    GoogleCase(
      line: 373, test: "ID_LongestMatch",
      robots: "user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n",
      agent: "FooBot", url: "http://foo.bar/x/y.html", allowed: false),
    GoogleCase(
      line: 383, test: "ID_LongestMatch",
      robots: "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n",
      agent: "FooBot", url: "http://foo.bar/x/page", allowed: true),
    GoogleCase(
      line: 385, test: "ID_LongestMatch",
      robots: "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n",
      agent: "FooBot", url: "http://foo.bar/y/page", allowed: false),
    GoogleCase(
      line: 405, test: "ID_Encoding",
      robots: "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar?qux=taz&baz=http://foo.bar?tar&par", allowed: true),
    GoogleCase(
      line: 416, test: "ID_Encoding",
      robots: "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar/%E3%83%84", allowed: true),
    GoogleCase(
      line: 419, test: "ID_Encoding",
      robots: "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar/ツ", allowed: false),
    GoogleCase(
      line: 428, test: "ID_Encoding",
      robots: "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%E3%83%84\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar/%E3%83%84", allowed: true),
    GoogleCase(
      line: 430, test: "ID_Encoding",
      robots: "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%E3%83%84\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar/ツ", allowed: false),
    GoogleCase(
      line: 441, test: "ID_Encoding",
      robots: "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar/baz", allowed: false),
    GoogleCase(
      line: 443, test: "ID_Encoding",
      robots: "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar/%62%61%7A", allowed: true),
    GoogleCase(
      line: 461, test: "ID_SpecialCharacters",
      robots: "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar/quz", allowed: false),
    GoogleCase(
      line: 463, test: "ID_SpecialCharacters",
      robots: "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n",
      agent: "FooBot", url: "http://foo.bar/foo/quz", allowed: true),
    GoogleCase(
      line: 465, test: "ID_SpecialCharacters",
      robots: "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n",
      agent: "FooBot", url: "http://foo.bar/foo//quz", allowed: true),
    GoogleCase(
      line: 467, test: "ID_SpecialCharacters",
      robots: "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n",
      agent: "FooBot", url: "http://foo.bar/foo/bax/quz", allowed: true),
    GoogleCase(
      line: 475, test: "ID_SpecialCharacters",
      robots: "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar", allowed: false),
    GoogleCase(
      line: 477, test: "ID_SpecialCharacters",
      robots: "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar/qux", allowed: true),
    GoogleCase(
      line: 479, test: "ID_SpecialCharacters",
      robots: "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar/", allowed: true),
    GoogleCase(
      line: 481, test: "ID_SpecialCharacters",
      robots: "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar/baz", allowed: true),
    GoogleCase(
      line: 490, test: "ID_SpecialCharacters",
      robots: "User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n",
      agent: "FooBot", url: "http://foo.bar/foo/bar", allowed: true),
    GoogleCase(
      line: 492, test: "ID_SpecialCharacters",
      robots: "User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n",
      agent: "FooBot", url: "http://foo.bar/foo/quz", allowed: false),
    GoogleCase(
      line: 505, test: "GoogleOnly_IndexHTMLisDirectory",
      robots: "User-Agent: *\nAllow: /allowed-slash/index.html\nDisallow: /\n",
      agent: "foobot", url: "http://foo.com/allowed-slash/", allowed: true),
    GoogleCase(
      line: 508, test: "GoogleOnly_IndexHTMLisDirectory",
      robots: "User-Agent: *\nAllow: /allowed-slash/index.html\nDisallow: /\n",
      agent: "foobot", url: "http://foo.com/allowed-slash/index.htm", allowed: false),
    GoogleCase(
      line: 511, test: "GoogleOnly_IndexHTMLisDirectory",
      robots: "User-Agent: *\nAllow: /allowed-slash/index.html\nDisallow: /\n",
      agent: "foobot", url: "http://foo.com/allowed-slash/index.html", allowed: true),
    GoogleCase(
      line: 513, test: "GoogleOnly_IndexHTMLisDirectory",
      robots: "User-Agent: *\nAllow: /allowed-slash/index.html\nDisallow: /\n",
      agent: "foobot", url: "http://foo.com/anyother-url", allowed: false),
    GoogleCase(
      line: 537, test: "GoogleOnly_LineTooLong",
      robots: "user-agent: FooBot\ndisallow: /x/" + String(repeating: "a", count: 16649) + "/qux\n",
      agent: "FooBot", url: "http://foo.bar/fux", allowed: true),
    GoogleCase(
      line: 539, test: "GoogleOnly_LineTooLong",
      robots: "user-agent: FooBot\ndisallow: /x/" + String(repeating: "a", count: 16649) + "/qux\n",
      agent: "FooBot", url: "http://foo.bar/x/" + String(repeating: "a", count: 16649) + "/fux", allowed: false),
    GoogleCase(
      line: 559, test: "GoogleOnly_LineTooLong",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /x/" + String(repeating: "a", count: 16652) + "/qux\nallow: /x/" + String(repeating: "b", count: 16652) + "/qux\n",
      agent: "FooBot", url: "http://foo.bar/", allowed: false),
    GoogleCase(
      line: 561, test: "GoogleOnly_LineTooLong",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /x/" + String(repeating: "a", count: 16652) + "/qux\nallow: /x/" + String(repeating: "b", count: 16652) + "/qux\n",
      agent: "FooBot", url: "http://foo.bar/x/" + String(repeating: "a", count: 16652) + "/qux", allowed: true),
    GoogleCase(
      line: 565, test: "GoogleOnly_LineTooLong",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /x/" + String(repeating: "a", count: 16652) + "/qux\nallow: /x/" + String(repeating: "b", count: 16652) + "/qux\n",
      agent: "FooBot", url: "http://foo.bar/x/" + String(repeating: "b", count: 16652) + "/fux", allowed: true),
    GoogleCase(
      line: 580, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish\n",
      agent: "FooBot", url: "http://foo.bar/bar", allowed: false),
    GoogleCase(
      line: 582, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish\n",
      agent: "FooBot", url: "http://foo.bar/fish", allowed: true),
    GoogleCase(
      line: 583, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish\n",
      agent: "FooBot", url: "http://foo.bar/fish.html", allowed: true),
    GoogleCase(
      line: 585, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish\n",
      agent: "FooBot", url: "http://foo.bar/fish/salmon.html", allowed: true),
    GoogleCase(
      line: 587, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish\n",
      agent: "FooBot", url: "http://foo.bar/fishheads", allowed: true),
    GoogleCase(
      line: 589, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish\n",
      agent: "FooBot", url: "http://foo.bar/fishheads/yummy.html", allowed: true),
    GoogleCase(
      line: 591, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish\n",
      agent: "FooBot", url: "http://foo.bar/fish.html?id=anything", allowed: true),
    GoogleCase(
      line: 594, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish\n",
      agent: "FooBot", url: "http://foo.bar/Fish.asp", allowed: false),
    GoogleCase(
      line: 596, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish\n",
      agent: "FooBot", url: "http://foo.bar/catfish", allowed: false),
    GoogleCase(
      line: 598, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish\n",
      agent: "FooBot", url: "http://foo.bar/?id=fish", allowed: false),
    GoogleCase(
      line: 607, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*\n",
      agent: "FooBot", url: "http://foo.bar/bar", allowed: false),
    GoogleCase(
      line: 610, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*\n",
      agent: "FooBot", url: "http://foo.bar/fish", allowed: true),
    GoogleCase(
      line: 611, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*\n",
      agent: "FooBot", url: "http://foo.bar/fish.html", allowed: true),
    GoogleCase(
      line: 613, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*\n",
      agent: "FooBot", url: "http://foo.bar/fish/salmon.html", allowed: true),
    GoogleCase(
      line: 615, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*\n",
      agent: "FooBot", url: "http://foo.bar/fishheads", allowed: true),
    GoogleCase(
      line: 617, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*\n",
      agent: "FooBot", url: "http://foo.bar/fishheads/yummy.html", allowed: true),
    GoogleCase(
      line: 619, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*\n",
      agent: "FooBot", url: "http://foo.bar/fish.html?id=anything", allowed: true),
    GoogleCase(
      line: 622, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*\n",
      agent: "FooBot", url: "http://foo.bar/Fish.bar", allowed: false),
    GoogleCase(
      line: 624, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*\n",
      agent: "FooBot", url: "http://foo.bar/catfish", allowed: false),
    GoogleCase(
      line: 626, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*\n",
      agent: "FooBot", url: "http://foo.bar/?id=fish", allowed: false),
    GoogleCase(
      line: 635, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish/\n",
      agent: "FooBot", url: "http://foo.bar/bar", allowed: false),
    GoogleCase(
      line: 637, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish/\n",
      agent: "FooBot", url: "http://foo.bar/fish/", allowed: true),
    GoogleCase(
      line: 639, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish/\n",
      agent: "FooBot", url: "http://foo.bar/fish/salmon", allowed: true),
    GoogleCase(
      line: 641, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish/\n",
      agent: "FooBot", url: "http://foo.bar/fish/?salmon", allowed: true),
    GoogleCase(
      line: 643, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish/\n",
      agent: "FooBot", url: "http://foo.bar/fish/salmon.html", allowed: true),
    GoogleCase(
      line: 645, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish/\n",
      agent: "FooBot", url: "http://foo.bar/fish/?id=anything", allowed: true),
    GoogleCase(
      line: 648, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish/\n",
      agent: "FooBot", url: "http://foo.bar/fish", allowed: false),
    GoogleCase(
      line: 650, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish/\n",
      agent: "FooBot", url: "http://foo.bar/fish.html", allowed: false),
    GoogleCase(
      line: 652, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish/\n",
      agent: "FooBot", url: "http://foo.bar/Fish/Salmon.html", allowed: false),
    GoogleCase(
      line: 661, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php\n",
      agent: "FooBot", url: "http://foo.bar/bar", allowed: false),
    GoogleCase(
      line: 663, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php\n",
      agent: "FooBot", url: "http://foo.bar/filename.php", allowed: true),
    GoogleCase(
      line: 665, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php\n",
      agent: "FooBot", url: "http://foo.bar/folder/filename.php", allowed: true),
    GoogleCase(
      line: 667, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php\n",
      agent: "FooBot", url: "http://foo.bar/folder/filename.php?parameters", allowed: true),
    GoogleCase(
      line: 669, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php\n",
      agent: "FooBot", url: "http://foo.bar//folder/any.php.file.html", allowed: true),
    GoogleCase(
      line: 671, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php\n",
      agent: "FooBot", url: "http://foo.bar/filename.php/", allowed: true),
    GoogleCase(
      line: 673, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php\n",
      agent: "FooBot", url: "http://foo.bar/index?f=filename.php/", allowed: true),
    GoogleCase(
      line: 675, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php\n",
      agent: "FooBot", url: "http://foo.bar/php/", allowed: false),
    GoogleCase(
      line: 677, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php\n",
      agent: "FooBot", url: "http://foo.bar/index?php", allowed: false),
    GoogleCase(
      line: 680, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php\n",
      agent: "FooBot", url: "http://foo.bar/windows.PHP", allowed: false),
    GoogleCase(
      line: 689, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php$\n",
      agent: "FooBot", url: "http://foo.bar/bar", allowed: false),
    GoogleCase(
      line: 691, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php$\n",
      agent: "FooBot", url: "http://foo.bar/filename.php", allowed: true),
    GoogleCase(
      line: 693, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php$\n",
      agent: "FooBot", url: "http://foo.bar/folder/filename.php", allowed: true),
    GoogleCase(
      line: 696, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php$\n",
      agent: "FooBot", url: "http://foo.bar/filename.php?parameters", allowed: false),
    GoogleCase(
      line: 698, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php$\n",
      agent: "FooBot", url: "http://foo.bar/filename.php/", allowed: false),
    GoogleCase(
      line: 700, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php$\n",
      agent: "FooBot", url: "http://foo.bar/filename.php5", allowed: false),
    GoogleCase(
      line: 702, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php$\n",
      agent: "FooBot", url: "http://foo.bar/php/", allowed: false),
    GoogleCase(
      line: 704, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php$\n",
      agent: "FooBot", url: "http://foo.bar/filename?php", allowed: false),
    GoogleCase(
      line: 706, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php$\n",
      agent: "FooBot", url: "http://foo.bar/aaaphpaaa", allowed: false),
    GoogleCase(
      line: 708, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /*.php$\n",
      agent: "FooBot", url: "http://foo.bar//windows.PHP", allowed: false),
    GoogleCase(
      line: 717, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*.php\n",
      agent: "FooBot", url: "http://foo.bar/bar", allowed: false),
    GoogleCase(
      line: 719, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*.php\n",
      agent: "FooBot", url: "http://foo.bar/fish.php", allowed: true),
    GoogleCase(
      line: 721, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*.php\n",
      agent: "FooBot", url: "http://foo.bar/fishheads/catfish.php?parameters", allowed: true),
    GoogleCase(
      line: 725, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\ndisallow: /\nallow: /fish*.php\n",
      agent: "FooBot", url: "http://foo.bar/Fish.PHP", allowed: false),
    GoogleCase(
      line: 735, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\nallow: /p\ndisallow: /\n",
      agent: "FooBot", url: "http://example.com/page", allowed: true),
    GoogleCase(
      line: 743, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\nallow: /folder\ndisallow: /folder\n",
      agent: "FooBot", url: "http://example.com/folder/page", allowed: true),
    GoogleCase(
      line: 751, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\nallow: /page\ndisallow: /*.htm\n",
      agent: "FooBot", url: "http://example.com/page.htm", allowed: false),
    GoogleCase(
      line: 760, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\nallow: /$\ndisallow: /\n",
      agent: "FooBot", url: "http://example.com/", allowed: true),
    GoogleCase(
      line: 761, test: "GoogleOnly_DocumentationChecks",
      robots: "user-agent: FooBot\nallow: /$\ndisallow: /\n",
      agent: "FooBot", url: "http://example.com/page.html", allowed: false),
  ]

  /// Every IsValidUserAgentToObey assertion of robots_test.cc, in file order.
  static let agentChecks: [GoogleAgentCheck] = [
    GoogleAgentCheck(line: 182, agent: "Foobot", valid: true),
    GoogleAgentCheck(line: 183, agent: "Foobot-Bar", valid: true),
    GoogleAgentCheck(line: 184, agent: "Foo_Bar", valid: true),
    GoogleAgentCheck(line: 186, agent: "", valid: false),
    GoogleAgentCheck(line: 187, agent: "", valid: false),
    GoogleAgentCheck(line: 188, agent: "ツ", valid: false),
    GoogleAgentCheck(line: 190, agent: "Foobot*", valid: false),
    GoogleAgentCheck(line: 191, agent: " Foobot ", valid: false),
    GoogleAgentCheck(line: 192, agent: "Foobot/2.1", valid: false),
    GoogleAgentCheck(line: 194, agent: "Foobot Bar", valid: false),
    GoogleAgentCheck(line: 237, agent: "Foobot Bar", valid: false),
  ]

  /// Every EXPECT_EQ on a RobotsStatsReporter in file order.
  static let reportChecks: [GoogleReportCheck] = [
    GoogleReportCheck(
      line: 832, test: "ID_LinesNumbersAreCountedCorrectly",
      robots: Array("User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /\n".utf8),
      field: .validDirectives, expected: "4"),
    GoogleReportCheck(
      line: 833, test: "ID_LinesNumbersAreCountedCorrectly",
      robots: Array("User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /\n".utf8),
      field: .lastLineSeen, expected: "6"),
    GoogleReportCheck(
      line: 843, test: "ID_LinesNumbersAreCountedCorrectly",
      robots: Array("User-Agent: foo\r\nAllow: /some/path\r\nUser-Agent: bar\r\n\r\n\r\nDisallow: /\r\n".utf8),
      field: .validDirectives, expected: "4"),
    GoogleReportCheck(
      line: 844, test: "ID_LinesNumbersAreCountedCorrectly",
      robots: Array("User-Agent: foo\r\nAllow: /some/path\r\nUser-Agent: bar\r\n\r\n\r\nDisallow: /\r\n".utf8),
      field: .lastLineSeen, expected: "6"),
    GoogleReportCheck(
      line: 854, test: "ID_LinesNumbersAreCountedCorrectly",
      robots: Array("User-Agent: foo\rAllow: /some/path\rUser-Agent: bar\r\r\rDisallow: /\r".utf8),
      field: .validDirectives, expected: "4"),
    GoogleReportCheck(
      line: 855, test: "ID_LinesNumbersAreCountedCorrectly",
      robots: Array("User-Agent: foo\rAllow: /some/path\rUser-Agent: bar\r\r\rDisallow: /\r".utf8),
      field: .lastLineSeen, expected: "6"),
    GoogleReportCheck(
      line: 865, test: "ID_LinesNumbersAreCountedCorrectly",
      robots: Array("User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /".utf8),
      field: .validDirectives, expected: "4"),
    GoogleReportCheck(
      line: 866, test: "ID_LinesNumbersAreCountedCorrectly",
      robots: Array("User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /".utf8),
      field: .lastLineSeen, expected: "6"),
    GoogleReportCheck(
      line: 876, test: "ID_LinesNumbersAreCountedCorrectly",
      robots: Array("User-Agent: foo\nAllow: /some/path\r\nUser-Agent: bar\n\r\n\nDisallow: /".utf8),
      field: .validDirectives, expected: "4"),
    GoogleReportCheck(
      line: 877, test: "ID_LinesNumbersAreCountedCorrectly",
      robots: Array("User-Agent: foo\nAllow: /some/path\r\nUser-Agent: bar\n\r\n\nDisallow: /".utf8),
      field: .lastLineSeen, expected: "6"),
    GoogleReportCheck(
      line: 889, test: "ID_UTF8ByteOrderMarkIsSkipped",
      robots: Array("\u{FEFF}User-Agent: foo\nAllow: /AnyValue\n".utf8),
      field: .validDirectives, expected: "2"),
    GoogleReportCheck(
      line: 890, test: "ID_UTF8ByteOrderMarkIsSkipped",
      robots: Array("\u{FEFF}User-Agent: foo\nAllow: /AnyValue\n".utf8),
      field: .unknownDirectives, expected: "0"),
    GoogleReportCheck(
      line: 898, test: "ID_UTF8ByteOrderMarkIsSkipped",
      robots: GoogleBytes.join([.raw([0xEF, 0xBB]), .utf8("User-Agent: foo\nAllow: /AnyValue\n")]),
      field: .validDirectives, expected: "2"),
    GoogleReportCheck(
      line: 899, test: "ID_UTF8ByteOrderMarkIsSkipped",
      robots: GoogleBytes.join([.raw([0xEF, 0xBB]), .utf8("User-Agent: foo\nAllow: /AnyValue\n")]),
      field: .unknownDirectives, expected: "0"),
    GoogleReportCheck(
      line: 906, test: "ID_UTF8ByteOrderMarkIsSkipped",
      robots: GoogleBytes.join([.raw([0xEF]), .utf8("User-Agent: foo\nAllow: /AnyValue\n")]),
      field: .validDirectives, expected: "2"),
    GoogleReportCheck(
      line: 907, test: "ID_UTF8ByteOrderMarkIsSkipped",
      robots: GoogleBytes.join([.raw([0xEF]), .utf8("User-Agent: foo\nAllow: /AnyValue\n")]),
      field: .unknownDirectives, expected: "0"),
    GoogleReportCheck(
      line: 916, test: "ID_UTF8ByteOrderMarkIsSkipped",
      robots: GoogleBytes.join([.raw([0xEF]), .utf8("\u{11}"), .raw([0xBF]), .utf8("User-Agent: foo\nAllow: /AnyValue\n")]),
      field: .validDirectives, expected: "1"),
    GoogleReportCheck(
      line: 917, test: "ID_UTF8ByteOrderMarkIsSkipped",
      robots: GoogleBytes.join([.raw([0xEF]), .utf8("\u{11}"), .raw([0xBF]), .utf8("User-Agent: foo\nAllow: /AnyValue\n")]),
      field: .unknownDirectives, expected: "1"),
    GoogleReportCheck(
      line: 925, test: "ID_UTF8ByteOrderMarkIsSkipped",
      robots: Array("User-Agent: foo\n\u{FEFF}Allow: /AnyValue\n".utf8),
      field: .validDirectives, expected: "1"),
    GoogleReportCheck(
      line: 926, test: "ID_UTF8ByteOrderMarkIsSkipped",
      robots: Array("User-Agent: foo\n\u{FEFF}Allow: /AnyValue\n".utf8),
      field: .unknownDirectives, expected: "1"),
    GoogleReportCheck(
      line: 946, test: "ID_NonStandardLineExample_Sitemap",
      robots: Array("User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nSitemap: http://foo.bar/sitemap.xml\n".utf8),
      field: .sitemap, expected: "http://foo.bar/sitemap.xml"),
    GoogleReportCheck(
      line: 961, test: "ID_NonStandardLineExample_Sitemap",
      robots: Array("Sitemap: http://foo.bar/sitemap.xml\nUser-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\n".utf8),
      field: .sitemap, expected: "http://foo.bar/sitemap.xml"),
  ]

  /// Every TestPath call (GetPathParamsQuery) of robots_test.cc, in order.
  static let pathChecks: [GooglePathCheck] = [
    GooglePathCheck(line: 990, url: "", path: "/"),
    GooglePathCheck(line: 991, url: "http://www.example.com", path: "/"),
    GooglePathCheck(line: 992, url: "http://www.example.com/", path: "/"),
    GooglePathCheck(line: 993, url: "http://www.example.com/a", path: "/a"),
    GooglePathCheck(line: 994, url: "http://www.example.com/a/", path: "/a/"),
    GooglePathCheck(line: 995, url: "http://www.example.com/a/b?c=http://d.e/", path: "/a/b?c=http://d.e/"),
    GooglePathCheck(line: 996, url: "http://www.example.com/a/b?c=d&e=f#fragment", path: "/a/b?c=d&e=f"),
    GooglePathCheck(line: 997, url: "example.com", path: "/"),
    GooglePathCheck(line: 998, url: "example.com/", path: "/"),
    GooglePathCheck(line: 999, url: "example.com/a", path: "/a"),
    GooglePathCheck(line: 1000, url: "example.com/a/", path: "/a/"),
    GooglePathCheck(line: 1001, url: "example.com/a/b?c=d&e=f#fragment", path: "/a/b?c=d&e=f"),
    GooglePathCheck(line: 1002, url: "a", path: "/"),
    GooglePathCheck(line: 1003, url: "a/", path: "/"),
    GooglePathCheck(line: 1004, url: "/a", path: "/a"),
    GooglePathCheck(line: 1005, url: "a/b", path: "/b"),
    GooglePathCheck(line: 1006, url: "example.com?a", path: "/?a"),
    GooglePathCheck(line: 1007, url: "example.com/a;b#c", path: "/a;b"),
    GooglePathCheck(line: 1008, url: "//a/b/c", path: "/b/c"),
  ]

  /// Every TestEscape call (MaybeEscapePattern) of robots_test.cc, in order.
  static let escapeChecks: [GoogleEscapeCheck] = [
    GoogleEscapeCheck(line: 1012, pattern: "http://www.example.com", escaped: "http://www.example.com"),
    GoogleEscapeCheck(line: 1013, pattern: "/a/b/c", escaped: "/a/b/c"),
    GoogleEscapeCheck(line: 1014, pattern: "á", escaped: "%C3%A1"),
    GoogleEscapeCheck(line: 1015, pattern: "%aa", escaped: "%AA"),
  ]
  // END GENERATED
}
