import CZlibShim
import Foundation

/// Throughput numbers of `WARCBenchmark.run`. Times are the best of the rounds; "cpu" is the
/// process CPU time (user+system, robust on a loaded machine), "wall" the elapsed time.
public struct WARCBenchmarkResult: Sendable, CustomStringConvertible {
  public var fetches: Int
  public var payloadBytes: Int64
  public var warcBytes: Int64
  public var writeCPU: Double
  public var writeWall: Double
  public var rawDeflateCPU: Double
  public var rawDeflateWall: Double
  public var waczCPU: Double
  public var waczWall: Double
  public var zipCPU: Double?
  public var zipWall: Double?

  func mbps(_ s: Double) -> Double { Double(payloadBytes) / 1e6 / s }

  public var description: String {
    var s = String(
      format:
        "write: %d fetches, %.1f MB payload -> %.1f MB warc.gz: cpu %.3f s = %.1f MB/s (wall %.3f s = %.1f MB/s)\n",
      fetches, Double(payloadBytes) / 1e6, Double(warcBytes) / 1e6, writeCPU, mbps(writeCPU),
      writeWall, mbps(writeWall))
    s += String(
      format:
        "raw zlib deflate level 6, one gzip member per payload: cpu %.3f s = %.1f MB/s (wall %.3f s)\n",
      rawDeflateCPU, mbps(rawDeflateCPU), rawDeflateWall)
    s += String(
      format: "write/raw throughput: cpu %.0f%%, wall %.0f%% (target >= 80%%)\n",
      100 * rawDeflateCPU / writeCPU, 100 * rawDeflateWall / writeWall)
    s += String(format: "export WACZ: cpu %.3f s, wall %.3f s", waczCPU, waczWall)
    if let zc = zipCPU, let zw = zipWall {
      s += String(
        format:
          "; zip -0 of the same WARCs: cpu %.3f s, wall %.3f s; WACZ/zip: cpu %.2fx, wall %.2fx (target <= 2x)",
        zc, zw, waczCPU / zc, waczWall / zw)
    }
    return s
  }
}

/// Measures WARC writing against raw zlib, and WACZ export against `zip -0`.
///
/// Runs in the calling thread; writes into a fresh directory under `workDir`, removed after.
public enum WARCBenchmark {
  /// Synthetic news-page HTML (~`size` bytes of UTF-8, mostly Chinese text), deterministic.
  public static func syntheticPage(index: Int, size: Int) -> [UInt8] {
    let words = [
      "国务院", "办公厅", "关于", "进一步", "加强", "经济", "社会", "发展", "工作", "通知",
      "各省", "自治区", "直辖市", "人民政府", "部门", "直属机构", "根据", "会议", "精神", "要求",
      "推进", "改革", "开放", "建设", "城乡", "统筹", "民生", "保障", "就业", "教育", "医疗",
      "卫生", "农业", "农村", "农民", "收入", "增长", "百分之", "同比", "投资", "项目", "资金",
      "管理", "监督", "检查", "落实", "责任", "制度", "完善", "服务", "群众", "安全", "生产",
      "记者", "报道", "新华社", "北京", "电", "日", "月", "年", "，", "。", "；", "、", "“", "”",
    ]
    var rng =
      UInt64(truncatingIfNeeded: index) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    func next() -> Int {
      rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((rng >> 33) % UInt64(words.count))
    }
    var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>新闻 \(index)</title>"
    html += "<link rel=\"stylesheet\" href=\"/css/main.css\"></head><body><div class=\"nav\">"
    html += "<a href=\"/\">首页</a> | <a href=\"/xwzx/\">新闻中心</a> | <a href=\"/zwgk/\">政务公开</a></div>"
    html += "<div class=\"content\"><h1>关于进一步加强工作的通知 第\(index)号</h1>"
    var bytes = Array(html.utf8)
    while bytes.count < size {
      var p = "<p>"
      for _ in 0..<60 { p += words[next()] }
      p += "</p>\n"
      bytes += Array(p.utf8)
    }
    bytes += Array("</div><div class=\"footer\">版权所有 中国政府网</div></body></html>".utf8)
    return bytes
  }

  /// Writes `fetches` request+response pairs of ~`pageSize`-byte pages, times it against raw
  /// deflate of the same payloads, then exports the archive to WACZ and times `zip -0`.
  /// With `keep`, the archive and exports are written there and kept (for validators), and each
  /// fetch also gets metadata and conversion records (every 10th is a revisit).
  public static func run(
    fetches: Int = 2000, pageSize: Int = 40_000, workDir: String? = nil, keep: String? = nil,
    rounds: Int = 3
  ) throws -> WARCBenchmarkResult {
    let base = keep ?? ((workDir ?? NSTemporaryDirectory()) + "/warc-bench-\(UUID().uuidString)")
    try FileOps.mkdirs(base)
    defer { if keep == nil { try? FileManager.default.removeItem(atPath: base) } }
    let pages = (0..<64).map { syntheticPage(index: $0, size: pageSize) }
    let header = Array(
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\nServer: nginx\r\n\r\n"
        .utf8)
    let request = Array("GET /x HTTP/1.1\r\nHost: www.gov.cn\r\nUser-Agent: bench\r\n\r\n".utf8)
    var payloadBytes: Int64 = 0
    for i in 0..<fetches { payloadBytes += Int64(pages[i % pages.count].count) }

    let root = base + "/archive"
    var best = (
      rawCPU: Double.infinity, rawWall: Double.infinity, cpu: Double.infinity, wall: Double.infinity
    )
    let date = Date()
    for round in 0..<max(1, rounds) {
      // Raw deflate baseline: one gzip member per payload, same level, same process.
      let deflater = try GzipDeflater(level: 6)
      var sink: [UInt8] = []
      sink.reserveCapacity(8 << 20)
      let (c0, t0) = (cpuSeconds(), DispatchTime.now())
      for i in 0..<fetches {
        try deflater.member(pages[i % pages.count], into: &sink)
        if sink.count > 4 << 20 { sink.removeAll(keepingCapacity: true) }
      }
      best.rawCPU = min(best.rawCPU, cpuSeconds() - c0)
      best.rawWall = min(best.rawWall, seconds(since: t0))

      // WARC writing: build records (digests) and write, into a fresh root.
      if round > 0 { try? FileManager.default.removeItem(atPath: root) }
      let (c1, t1) = (cpuSeconds(), DispatchTime.now())
      try writeArchive(
        root: root, date: date, fetches: fetches, pages: pages, header: header, request: request,
        extras: keep != nil)
      best.cpu = min(best.cpu, cpuSeconds() - c1)
      best.wall = min(best.wall, seconds(since: t1))
    }
    let files = FileOps.files(under: root, suffix: ".warc.gz")
    var warcBytes: Int64 = 0
    for f in files {
      warcBytes += Int64((try? FileManager.default.attributesOfItem(atPath: f)[.size] as? Int) ?? 0)
    }

    // WACZ export vs zip -0 (best of the rounds), of an archive with article records.
    if keep == nil {
      try? FileManager.default.removeItem(atPath: root)
      try writeArchive(
        root: root, date: date, fetches: fetches, pages: pages, header: header, request: request,
        articles: true, extras: false)
    }
    let waczFiles = FileOps.files(under: root, suffix: ".warc.gz")
    let day = WARCDate.dayPath(date).replacingOccurrences(of: "/", with: "-")
    var wacz = (cpu: Double.infinity, wall: Double.infinity)
    var zipT: (cpu: Double, wall: Double)? = nil
    for _ in 0..<max(1, rounds) {
      let (c2, t2) = (cpuSeconds(), DispatchTime.now())
      _ = try WARCExporter.export(
        WARCExportOptions(root: root, from: day, to: day, format: .wacz, out: base + "/out.wacz"))
      wacz = (min(wacz.cpu, cpuSeconds() - c2), min(wacz.wall, seconds(since: t2)))
      guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zip") else { continue }
      try? FileManager.default.removeItem(atPath: base + "/out.zip")
      let zip = Process()
      zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
      zip.arguments = ["-0", "-q", "-j", base + "/out.zip"] + waczFiles
      let (c3, t3) = (childCPUSeconds(), DispatchTime.now())
      try zip.run()
      zip.waitUntilExit()
      let z = (childCPUSeconds() - c3, seconds(since: t3))
      zipT = zipT.map { (min($0.cpu, z.0), min($0.wall, z.1)) } ?? z
    }
    return WARCBenchmarkResult(
      fetches: fetches, payloadBytes: payloadBytes, warcBytes: warcBytes, writeCPU: best.cpu,
      writeWall: best.wall, rawDeflateCPU: best.rawCPU, rawDeflateWall: best.rawWall,
      waczCPU: wacz.cpu, waczWall: wacz.wall, zipCPU: zipT?.cpu, zipWall: zipT?.wall)
  }

  /// Writes the synthetic fetches; with `articles` each gets metadata and a conversion record
  /// (the page's text); with `extras` every 10th is a revisit and odd URLs are added.
  static func writeArchive(
    root: String, date: Date, fetches: Int, pages: [[UInt8]], header: [UInt8], request: [UInt8],
    articles: Bool = false, extras: Bool
  ) throws {
    var cfg = WARCWriterConfig(root: root)
    cfg.hostname = "bench"
    let writer = try WARCWriter(config: cfg)
    for i in 0..<fetches {
      let url = "http://www.gov.cn/xwzx/\(i).htm"
      let page = pages[i % pages.count]
      if extras && i % 10 == 9 {
        let rev = WARCRecord.revisit(
          uri: url, date: date, ip: "127.0.0.1", profile: .identicalPayloadDigest,
          refersToURI: "http://www.gov.cn/xwzx/\(i % pages.count).htm", refersToDate: date,
          refersToRecordID: nil, payloadDigest: WARCDigest.sha1Base32(page), httpHeaderBytes: header
        )
        try writer.write([rev])
        continue
      }
      let resp = WARCRecord.response(
        uri: url, date: date, ip: "127.0.0.1", httpHeaderBytes: header, payload: page)
      let req = WARCRecord.request(
        uri: url, date: date, ip: "127.0.0.1", bytes: request, concurrentTo: resp.recordID)
      var batch = [req, resp]
      if articles || extras, let id = resp.recordID {
        let meta = ArticleMetadata(
          charset: "utf-8", charset_source: "meta", title: "新闻 \(i)", published: "2009-06-01",
          source: "新华社", author: "记者", outlinks: 3, extractor: "bench")
        let json = (try? JSONEncoder().encode(meta)).map { Array($0) } ?? []
        batch.append(WARCRecord.metadata(uri: url, date: date, refersTo: id, json: json))
        batch.append(
          WARCRecord.conversion(uri: url, date: date, refersTo: id, text: "第一段\n第二段 \(i)"))
      }
      try writer.write(batch)
    }
    if extras {
      // Edge cases for validator comparisons (cdxj-indexer, warcio).
      let edges: [(String, String)] = [
        (
          "http://127.0.0.1:8080/新闻/中文 页.html?b=2&a=1#x",
          "HTTP/1.1 200 OK\r\nContent-Type: text/html;charset=GB2312\r\n\r\n"
        ),
        ("https://www.example.com/", "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n"),
        (
          "http://example.com/a/?jsessionid=0123456789abcdef0123456789abcdef&x=1",
          "HTTP/1.1 301 Moved\r\nLocation: /b\r\n\r\n"
        ),
        (
          "http://EXAMPLE.com:80/Up/Case.HTM?Z=1&y=2",
          "HTTP/1.0 200 OK\r\ncontent-type: Text/HTML ; charset=utf-8\r\n\r\n"
        ),
      ]
      for (url, head) in edges {
        let resp = WARCRecord.response(
          uri: url, date: date, ip: "127.0.0.1", httpHeaderBytes: Array(head.utf8),
          payload: Array("x".utf8))
        try writer.write([resp])
      }
      let nm = WARCRecord.revisit(
        uri: "http://www.gov.cn/xwzx/0.htm", date: date, ip: nil, profile: .serverNotModified,
        refersToURI: "http://www.gov.cn/xwzx/0.htm", refersToDate: date, refersToRecordID: nil,
        payloadDigest: nil,
        httpHeaderBytes: Array("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n".utf8))
      try writer.write([nm])
    }
    try writer.close()
  }

  /// The text of a synthetic page: its first 3 paragraphs without tags, one per line (about
  /// 4 KB, the size of a typical news article's text).
  static func pageText(_ page: [UInt8]) -> String {
    let html = String(decoding: page, as: UTF8.self)
    return html.components(separatedBy: "<p>").dropFirst().prefix(3).map {
      $0.components(separatedBy: "</p>").first ?? ""
    }.joined(separator: "\n")
  }

  /// CPU time (user + system) of this process so far.
  static func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  /// CPU time (user + system) of waited-for child processes so far.
  static func childCPUSeconds() -> Double {
    var ru = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &ru)
    return Double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec)
      + Double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6
  }

  static func seconds(since t: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9
  }
}
