import Charset

/// A page or file ready to send: identity bytes, validators, and the gzipped bytes once made.
struct Entity: Sendable {
  var body: [UInt8]
  var gzip: [UInt8]?
  var type: String
  var isHTML: Bool
  var lastModified: Int
  /// The ETag value without quotes (FNV-1a of the identity body, hex).
  var tag: String

  /// Encodes a 200-able resource; nil for redirects, errors, or text GBK cannot represent.
  init?(_ resource: SamplePortalSite.Resource) {
    switch resource {
    case .html(let text, let lm):
      guard let bytes = try? CharsetEncoder.encode(text, to: "GB18030") else { return nil }
      self.init(body: bytes, type: SamplePortalSite.htmlType, isHTML: true, lastModified: lm)
    case .htmlBytes(let bytes, let lm):
      self.init(body: bytes, type: SamplePortalSite.htmlType, isHTML: true, lastModified: lm)
    case .file(let bytes, let type, let lm):
      self.init(body: bytes, type: type, isHTML: false, lastModified: lm)
    case .redirect, .error:
      return nil
    }
  }

  init(body: [UInt8], type: String, isHTML: Bool, lastModified: Int) {
    self.body = body
    self.type = type
    self.isHTML = isHTML
    self.lastModified = lastModified
    tag = String(SampleMix.fnv1a(body), radix: 16)
  }
}
