/// What a page handler answers, independent of the HTTP server: status, headers, body bytes.
struct WebResponse: Sendable {
  var status: Int
  var headers: [(String, String)]
  var body: [UInt8]
  /// A file sent as the body in place of `body` (an export); the server streams it and then
  /// removes `removeFolder`, the temporary folder holding it.
  var file: String? = nil
  var removeFolder: String? = nil

  static func html(_ text: String, status: Int = 200) -> WebResponse {
    WebResponse(
      status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(text.utf8))
  }
}

/// A request the app refuses, with the status and the reason shown on its page.
struct WebError: Error, Sendable {
  var status: Int
  var message: String

  static func badRequest(_ m: String) -> WebError { WebError(status: 400, message: m) }
  static func notFound(_ m: String) -> WebError { WebError(status: 404, message: m) }
}
