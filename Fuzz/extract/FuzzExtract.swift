import Charset
import Extract
import FuzzSupport
import HTML

/// libFuzzer entry point: article extraction of an undecoded page, as a crawl runs it.
///
/// The input is the payload as received: it is decoded (detection included), parsed, observed
/// and extracted without a model, while learning into a fresh model, with a mature model
/// (`FuzzExtract.mature`, built once from a fixed page, so runs stay deterministic), and, for a
/// quarter of the inputs, through libxml2 with drop-XPaths and watermark phrases configured.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let url = "http://www.example.gov.cn/zwgk/2009-05/12/content_1.htm"
  let page = CharsetDetector.decode(bytes, contentType: "text/html; charset=gb2312")

  let plain = ArticleExtractor()
  let (tree, _) = plain.parse(utf8: page.utf8, url: url, linkTexts: true)
  _ = plain.extract(tree)
  var fresh = SiteModel(host: "www.example.gov.cn")
  _ = plain.extract(tree, learningInto: &fresh)

  let (again, _) = plain.parse(utf8: page.utf8, url: url)
  let observed = plain.extractObserving(again, model: FuzzExtract.mature)
  fresh.record(observed.observation)
  _ = plain.extract(again, model: FuzzExtract.mature)

  if size % 4 == 0 {
    let configured = ArticleExtractor(
      config: ExtractionConfig(
        watermarkPhrases: FuzzExtract.watermarks,
        dropXPaths: ["//div[@class='nav']", "//table[@id='related']//a"]))
    let (edited, _) = configured.parse(utf8: page.utf8, url: url)
    _ = configured.extract(edited, model: FuzzExtract.mature)
  }
  return 0
}

/// The extract fuzz target: starts libFuzzer; holds the mature site model every run uses.
@main enum FuzzExtract {
  /// Starts libFuzzer, which calls `fuzz` once per input.
  static func main() {
    FuzzDriver.run { data, size in fuzz(data ?? FuzzDriver.empty, size) }
  }

  static let watermarks = ["本网讯", "来源：中国政府网", "（记者 张三）"]

  static let mature: SiteModel = {
    var model = SiteModel(host: "www.example.gov.cn")
    let extractor = ArticleExtractor()
    for i in 0..<(SiteModel.maturityArticles + 5) {
      let html = """
        <html><head><title>关于第\(i)批项目的通知_中国政府网</title></head><body>
        <div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a></div>
        <div class="content"><h1>关于第\(i)批项目的通知</h1>
        <div class="info">2009-05-\(10 + i % 18) 来源：国务院办公厅 作者：王五</div>
        <p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：本网讯第\(i)批项目已经批准。</p>
        <p>现将有关事项通知如下，请认真贯彻执行。第\(i * 7)号文件同时废止。本网讯</p>
        <p>一、加强组织领导，明确工作责任，确保各项措施落到实处。编号\(i * 13)。</p>
        </div><div class="footer">版权所有 中国政府网 京ICP备05070218号</div></body></html>
        """
      let (tree, _) = extractor.parse(html, url: "http://www.example.gov.cn/c/\(i).htm")
      _ = extractor.extract(tree, learningInto: &model)
    }
    return model
  }()
}
