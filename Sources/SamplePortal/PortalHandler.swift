import FlyingFox
import FlyingSocks
import Foundation

/// The FlyingFox handler: converts requests, applies delays, strips HEAD bodies, logs.
struct PortalHandler: HTTPHandler {
  let state: ServerState

  func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
    var headers: [String: String] = [:]
    for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
    let target = request.target.rawValue
    let answer: SampleResponse
    if request.method == .GET || request.method == .HEAD {
      let site = state.withLock { $0.site }
      answer = site.response(for: target, headers: headers)
    } else {
      answer = SampleResponse(
        status: 405, headers: ["Allow": "GET, HEAD", "Server": SamplePortalText.server], body: [])
    }
    if answer.delaySeconds > 0 {
      try await Task.sleep(nanoseconds: UInt64(answer.delaySeconds * 1_000_000_000))
    }
    var out = HTTPHeaders()
    for (name, value) in answer.headers { out[HTTPHeader(name)] = value }
    out[HTTPHeader("Date")] = SampleDate.httpDate(Int(Date().timeIntervalSince1970))
    var body = HTTPBodySequence(data: Data(answer.body))
    var sent = answer.body.count
    if request.method == .HEAD {
      out[.contentLength] = String(answer.body.count)
      body = HTTPBodySequence(data: Data())
      sent = 0
    } else if answer.chunked && request.version == .http11 {
      body = HTTPBodySequence(from: ByteChunks(bytes: answer.body))  // no count: chunked
    }
    let entry = SampleRequestLog(
      method: request.method.rawValue, path: target, status: answer.status,
      ifNoneMatch: headers["if-none-match"], ifModifiedSince: headers["if-modified-since"],
      acceptEncoding: headers["accept-encoding"], userAgent: headers["user-agent"],
      bytes: sent, time: Date())
    state.withLock { $0.log.append(entry) }
    return HTTPResponse(
      statusCode: HTTPStatusCode(answer.status, phrase: Self.phrase(answer.status)), headers: out,
      body: body)
  }

  static func phrase(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 304: "Not Modified"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 500: "Internal Server Error"
    default: "Status"
    }
  }
}

/// A byte array as FlyingFox's async buffered sequence, handed out in pieces of at most
/// `chunkSize` bytes (so a chunked response has several chunks).
struct ByteChunks: AsyncBufferedSequence {
  typealias Element = UInt8
  let bytes: [UInt8]
  var chunkSize = 4096

  func makeAsyncIterator() -> Iterator { Iterator(bytes: bytes, chunkSize: chunkSize) }

  struct Iterator: AsyncBufferedIteratorProtocol {
    let bytes: [UInt8]
    let chunkSize: Int
    var offset = 0

    mutating func next() async -> UInt8? {
      guard offset < bytes.count else { return nil }
      defer { offset += 1 }
      return bytes[offset]
    }

    mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
      guard offset < bytes.count else { return nil }
      let end = Swift.min(bytes.count, offset + Swift.max(1, Swift.min(count, chunkSize)))
      defer { offset = end }
      return bytes[offset..<end]
    }
  }
}
