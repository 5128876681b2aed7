import Foundation
import Testing

@testable import WARC

@Suite struct CDXJTests {
  /// Expected keys computed with the Python `surt` 0.3.1 package (what cdxj-indexer uses).
  @Test(arguments: [
    (
      "http://www.gov.cn/zwgk/2009-06/01/content_1329.htm",
      "cn,gov)/zwgk/2009-06/01/content_1329.htm"
    ),
    ("https://WWW2.Example.com:443/A/B/../c/?b=2&a=1#frag", "com,example)/a/c?a=1&b=2"),
    (
      "http://127.0.0.1:8080/news/%E4%B8%AD%E6%96%87.html?id=5",
      "1,0,0,127:8080)/news/%e4%b8%ad%e6%96%87.html?id=5"
    ),
    ("http://example.com", "com,example)/"),
    ("http://example.com/a//b/./c/", "com,example)/a/b/c"),
    (
      "http://news.sina.com.cn/c/2009-06-01/x.shtml?jsessionid=0123456789abcdef0123456789abcdef&x=1",
      "cn,com,sina,news)/c/2009-06-01/x.shtml?x=1"
    ),
    ("http://example.com/path%20with space?q=a b", "com,example)/path%20with%20space?q=a%20b"),
    ("urn:article:http://www.gov.cn/xwzx/0.htm", "urn:article:http://www.gov.cn/xwzx/0.htm"),
    (
      "urn:text:http://127.0.0.1:8080/%E4%B8%AD?b=2&a=1",
      "urn:text:http://127.0.0.1:8080/%e4%b8%ad?a=1&b=2"
    ),
    ("urn:pageinfo:https://www.example.com/A", "urn:pageinfo:https://www.example.com/a"),
  ])
  func surtMatchesPython(url: String, key: String) {
    #expect(SURT.key(url) == key)
  }

  @Test func indexFieldsAndSorting() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    var locs: [[WARCLocation]] = []
    for i in [3, 1, 2] {
      locs.append(try writer.write(WARCFixtures.fetch(i, date: WARCFixtures.date())))
    }
    let rev = WARCRecord.revisit(
      uri: "http://www.gov.cn/zwgk/1.htm", date: WARCFixtures.date(60), ip: nil,
      profile: .identicalPayloadDigest, refersToURI: "http://www.gov.cn/zwgk/1.htm",
      refersToDate: WARCFixtures.date(), refersToRecordID: nil, payloadDigest: "sha1:XYZ",
      httpHeaderBytes: Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".utf8))
    let revLoc = try writer.write([rev])
    try writer.close()
    let cdxj = FileOps.cdxjPath(forWARC: root + "/" + locs[0][0].file)
    let text = try String(contentsOfFile: cdxj, encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines == lines.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    // 3 responses + 3 metadata + 1 revisit; no warcinfo/request/conversion.
    #expect(lines.count == 7)
    let entries = lines.compactMap { CDXJEntry.parse(Substring($0)) }
    #expect(entries.count == 7)
    let name = (locs[0][0].file as NSString).lastPathComponent
    let resp = try #require(entries.first { $0.url.hasSuffix("/3.htm") && $0.status != nil })
    #expect(resp.key == "cn,gov)/zwgk/3.htm")
    #expect(resp.timestamp == "20260115100000")
    #expect(resp.mime == "text/html")
    #expect(resp.status == "200")
    #expect(resp.digest == WARCRecord.sha1Base32(WARCFixtures.page(3)))
    #expect(resp.offset == locs[0][1].offset && resp.length == locs[0][1].length)
    #expect(resp.filename == name)
    let meta = try #require(entries.first { $0.url.hasSuffix("/3.htm") && $0.status == nil })
    #expect(meta.mime == "application/json")
    #expect(meta.url == "urn:article:http://www.gov.cn/zwgk/3.htm")
    #expect(meta.key == "urn:article:http://www.gov.cn/zwgk/3.htm")
    #expect(meta.offset == locs[0][2].offset)
    let r = try #require(entries.first { $0.mime == "warc/revisit" })
    #expect(r.digest == "sha1:XYZ" && r.status == "200" && r.offset == revLoc[0].offset)
    #expect(
      lines.first?.hasSuffix(
        "\"length\": \"\(entries[0].length)\", \"offset\": \"\(entries[0].offset)\", \"filename\": \"\(name)\"}"
      ) == true)
  }
}
