import Testing

@testable import Charset

@Suite struct MetaPrescanTests {
  func prescan(_ html: String) -> String? { MetaPrescan.charset(in: Array(html.utf8)) }

  @Test func metaCharsetForms() {
    #expect(prescan("<meta charset=gbk>") == "gb18030")
    #expect(prescan("<META CHARSET='GB2312'/>") == "gb18030")
    #expect(prescan("<meta  charset = \"big5\" >") == "big5")
    #expect(prescan("<meta/charset=utf-8>") == "utf-8")
  }

  @Test func httpEquivForms() {
    #expect(
      prescan("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">")
        == "gb18030")
    // Attribute order reversed, odd quoting inside content, upper case.
    #expect(
      prescan("<META CONTENT='text/html; CHARSET=\"GBK\"' HTTP-EQUIV=content-type>") == "gb18030")
    #expect(prescan("<meta content=\"text/html;charset=big5\" http-equiv=Content-Type>") == "big5")
    // content without http-equiv does not count.
    #expect(prescan("<meta content=\"text/html; charset=gb2312\">") == nil)
    // "charset" not followed by '=' is skipped, the next one is used.
    #expect(
      prescan("<meta http-equiv=content-type content=\"charset; charset=big5\">") == "big5")
    // Unmatched quote in content yields nothing.
    #expect(prescan("<meta http-equiv=content-type content=\"charset='gbk\">") == nil)
  }

  @Test func skipsCommentsAndOtherTags() {
    #expect(prescan("<!-- <meta charset=big5> --><meta charset=gbk>") == "gb18030")
    #expect(prescan("<!--><meta charset=big5>") == "big5")
    #expect(prescan("<div title='<meta charset=big5>'><meta charset=gbk>") == "gb18030")
    #expect(prescan("<!DOCTYPE html><?xml version='1.0'?></x><meta charset=utf-8>") == "utf-8")
    #expect(prescan("<metadata charset=big5>") == nil)
  }

  @Test func unknownLabelFallsThroughAndUTF16MeansUTF8() {
    #expect(prescan("<meta charset=bogus><meta charset=gbk>") == "gb18030")
    #expect(prescan("<meta charset=utf-16>") == "utf-8")
  }

  @Test func onlyTheFirst8KBAreRead() {
    let padding = String(repeating: " ", count: 8200)
    #expect(prescan(padding + "<meta charset=gbk>") == nil)
    #expect(prescan(String(repeating: " ", count: 5000) + "<meta charset=gbk>") == "gb18030")
  }

  @Test func contentTypeHeader() {
    #expect(MetaPrescan.charset(inContentType: "text/html; charset=GB2312") == "gb18030")
    #expect(MetaPrescan.charset(inContentType: "text/html;charset=\"utf-8\"") == "utf-8")
    #expect(MetaPrescan.charset(inContentType: "text/html") == nil)
    #expect(MetaPrescan.charset(inContentType: "text/html; charset=") == nil)
  }
}
