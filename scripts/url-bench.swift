// Micro-benchmark of URLCanonicalizer, compiled by scripts/url-conformance.sh --bench together
// with Sources/HTML/URLCanonicalizer.swift and Sources/HTML/WHATWGURL*.swift (swiftc -O -wmo, as
// release builds compile a module), so it
// measures optimised code without building the package in release mode.
// Prints the median of 5 runs of 100k calls for each of: canonicalize(absolute),
// resolve(reference, against: BaseURL) and canonicalize(reference, against: BaseURL).

let page = "http://www.gov.cn/zwgk/2009-05/20/content_1320123.htm"
let references = [
  "./200905/t20090515_1.htm", "../../zcfg/index.html", "/", "/xxgk/index.htm?page=2",
  "http://english.gov.cn/news/", "https://www.gov.cn:443/a/b.html#top", "index_2.html",
  "//www.gov.cn/zhengce/2019-05/20/content_5393213.htm", "t20190520_123.shtml?id=3&sid=9",
  "../../../img/logo.png", "新闻/索引.htm?q=国务院", "/search?q=a b&x=1", "#top",
  "http://www.sh.gov.cn/nw2/nw2314/nw2319/nw12344/u26aw54613.html",
  "content.jsp;jsessionid=0A1B2C3D?id=7", "HTTP://WWW.GOV.CN:80/a/./b/../c.htm",
]
let absolute = references.compactMap { URLCanonicalizer.resolve($0, against: page) }

func median(_ label: String, _ body: () -> Int) {
  var times: [Double] = []
  var sink = 0
  for _ in 0..<5 {
    let start = ContinuousClock.now
    sink &+= body()
    let d = ContinuousClock.now - start
    times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15)
  }
  times.sort()
  let ms = times[2]
  print("\(label): \(Int(ms)) ms per 100k calls, \(Int(ms * 10)) ns per call [\(sink % 7)]")
}

let canonicalizer = URLCanonicalizer()
guard let base = URLCanonicalizer.BaseURL(page) else { fatalError("base") }
median("canonicalize(absolute)") {
  var n = 0
  for k in 0..<100_000 { n &+= canonicalizer.canonicalize(absolute[k % absolute.count])?.utf8.count ?? 0 }
  return n
}
median("resolve(ref, against: BaseURL)") {
  var n = 0
  for k in 0..<100_000 {
    n &+= URLCanonicalizer.resolve(references[k % references.count], against: base)?.utf8.count ?? 0
  }
  return n
}
median("canonicalize(ref, against: BaseURL)") {
  var n = 0
  for k in 0..<100_000 {
    n &+= canonicalizer.canonicalize(references[k % references.count], against: base)?.utf8.count ?? 0
  }
  return n
}
