import Foundation
import Testing

@testable import WARC

@Suite struct WARCRecordTests {
  @Test func sha1Base32KnownVectors() {
    #expect(WARCRecord.sha1Base32(Array("abc".utf8)) == "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5")
    #expect(WARCRecord.sha1Base32([]) == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ")
    #expect(
      WARCRecord.sha1Base32(Array("The quick brown fox jumps over the lazy dog".utf8))
        == "sha1:F7KODRT2FUUPZ3MET3Q3W5XHHENZH2YS")
    #expect(WARCDigest.base32(Array("foobar".utf8)) == "MZXW6YTBOI======")
    #expect(WARCDigest.base32Decode("MZXW6YTBOI======") == Array("foobar".utf8))
    #expect(WARCDigest.matches("sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5", Array("abc".utf8)) == true)
    #expect(WARCDigest.matches("sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5", Array("abd".utf8)) == false)
  }

  @Test func dates() {
    let d = Date(timeIntervalSince1970: 1_243_814_400.9)  // 2009-06-01T00:00:00Z
    #expect(WARCDate.string(d) == "2009-06-01T00:00:00Z")
    #expect(WARCDate.timestamp14(d) == "20090601000000")
    #expect(WARCDate.dayPath(d) == "2009/06/01")
    #expect(WARCDate.parse("2009-06-01T00:00:00Z") == Date(timeIntervalSince1970: 1_243_814_400))
  }

  @Test func responseRecordFields() throws {
    let payload = Array("<html>正文</html>".utf8)
    let r = WARCRecord.response(
      uri: "http://www.gov.cn/新闻 1.htm", date: WARCFixtures.date(), ip: "1.2.3.4",
      httpHeaderBytes: WARCFixtures.header, payload: payload, truncated: true)
    #expect(r.type == "response")
    #expect(r.targetURI == "http://www.gov.cn/%E6%96%B0%E9%97%BB%201.htm")
    #expect(r.dateString == "2026-01-15T10:00:00Z")
    #expect(r.recordID?.hasPrefix("<urn:uuid:") == true)
    #expect(r["Content-Type"] == "application/http;msgtype=response")
    #expect(r["WARC-Payload-Digest"] == WARCRecord.sha1Base32(payload))
    #expect(r["WARC-Block-Digest"] == WARCRecord.sha1Base32(r.block))
    #expect(r["Content-Length"] == String(r.block.count))
    #expect(r["WARC-Truncated"] == "length")
    #expect(r.httpHeader("X-Orig-Transfer-Encoding") == "chunked")
    #expect(r.httpHeader("Transfer-Encoding") == nil)
    #expect(Array(r.httpPayload) == payload)
    #expect(r.httpStatus == 200)
    // Serialise and parse back.
    let bytes = r.serialized()
    let (back, next) = try WARCRecord.parse(bytes)
    #expect(next == bytes.count)
    #expect(back.block == r.block)
    #expect(back.headers.map(\.name) == r.headers.map(\.name))
    #expect(back.headers.map(\.value) == r.headers.map(\.value))
  }

  @Test func revisitAndWarcinfo() {
    let rev = WARCRecord.revisit(
      uri: "http://a.cn/x", date: WARCFixtures.date(), ip: nil, profile: .identicalPayloadDigest,
      refersToURI: "http://a.cn/y", refersToDate: WARCFixtures.date(-60),
      refersToRecordID: "<urn:uuid:1>",
      payloadDigest: "sha1:AAAA", httpHeaderBytes: Array("HTTP/1.1 200 OK\r\nA: b".utf8))
    #expect(
      rev["WARC-Profile"] == "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")
    #expect(rev["WARC-Refers-To-Target-URI"] == "http://a.cn/y")
    #expect(rev["WARC-Refers-To-Date"] == "2026-01-15T09:59:00Z")
    #expect(rev["WARC-Truncated"] == "length")
    #expect(rev.block == Array("HTTP/1.1 200 OK\r\nA: b\r\n\r\n".utf8))
    let nm = WARCRecord.revisit(
      uri: "http://a.cn/x", date: WARCFixtures.date(), ip: nil, profile: .serverNotModified,
      refersToURI: "http://a.cn/x", refersToDate: WARCFixtures.date(-60), refersToRecordID: nil,
      payloadDigest: nil, httpHeaderBytes: Array("HTTP/1.1 304 Not Modified\r\n\r\n".utf8))
    #expect(nm["WARC-Truncated"] == nil)
    #expect(nm["WARC-Profile"]?.hasSuffix("server-not-modified") == true)
    let info = WARCRecord.warcinfo(filename: "f.warc.gz", fields: [("isPartOf", "crawl")])
    let text = String(decoding: info.block, as: UTF8.self)
    #expect(info["Content-Type"] == "application/warc-fields")
    #expect(text.contains("format: WARC File Format 1.1\r\n"))
    #expect(text.contains("isPartOf: crawl\r\n"))
    #expect(
      text.contains(
        "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
      ))
  }
}
