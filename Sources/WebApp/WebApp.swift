import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The local web app over one archive: home, search, article, changes, replay, export.
///
/// Binds 127.0.0.1 unless told otherwise. Every request is answered by `WebPages` from the
/// state DB (read-only, so a crawl may write meanwhile) and from WARC files under the
/// archive root only; GET and HEAD are the only methods. Ownership: the app owns its pages
/// (and their read-only connections) for its lifetime.
public struct WebApp: Sendable {
  public let archiveRoot: String
  public let statePath: String
  let pages: WebPages

  /// Opens the archive's state DB and search index; fails with a message naming what is
  /// missing.
  public init(archiveRoot: String, statePath: String) throws {
    self.archiveRoot = archiveRoot
    self.statePath = statePath
    pages = try WebPages(archiveRoot: archiveRoot, statePath: statePath)
  }

  /// The HTTP response of a request for `path` with query string `query`.
  func response(method: HTTPRequest.Method, path: String, query: String?) -> Response {
    let answer: WebResponse
    if method != .get && method != .head {
      answer = pages.errorPage(WebError(status: 405, message: "only GET is served here"))
    } else if (query?.utf8.count ?? 0) > 64 * 1024 {
      answer = pages.errorPage(WebError.badRequest("the query string is over 64 KB"))
    } else {
      answer = pages.respond(path: path, form: HTMLText.formValues(query))
    }
    var fields = HTTPFields()
    for (name, value) in answer.headers {
      if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) }
    }
    fields.append(HTTPField(name: .cacheControl, value: "no-store"))
    let status = HTTPResponse.Status(code: answer.status)
    if let file = answer.file {
      let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
      fields.append(HTTPField(name: .contentLength, value: String(size)))
      let folder = answer.removeFolder
      guard method != .head else {
        if let folder { try? FileManager.default.removeItem(atPath: folder) }
        return Response(status: status, headers: fields, body: ResponseBody())
      }
      return Response(status: status, headers: fields, body: Self.fileBody(file, size: size, removing: folder))
    }
    fields.append(HTTPField(name: .contentLength, value: String(answer.body.count)))
    let body = method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
    return Response(status: status, headers: fields, body: body)
  }

  /// A body streaming the file at `path` in 256 KB pieces, then removing `folder` (also when
  /// the client goes away mid-way).
  static func fileBody(_ path: String, size: Int, removing folder: String?) -> ResponseBody {
    ResponseBody(contentLength: size) { writer in
      defer { if let folder { try? FileManager.default.removeItem(atPath: folder) } }
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
      }
      defer { try? handle.close() }
      while let chunk = try handle.read(upToCount: 256 << 10), !chunk.isEmpty {
        try await writer.write(ByteBuffer(bytes: chunk))
      }
      try await writer.finish(nil)
    }
  }

  /// The Hummingbird application serving this app on `bind`:`port` (0: any free port);
  /// `onRunning` gets the port once it listens.
  public func application(
    bind: String = "127.0.0.1", port: Int = 8080, logger: Logger? = nil,
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    let app = self
    let responder = CallbackResponder<BasicRequestContext> { request, _ in
      app.response(method: request.method, path: request.uri.path, query: request.uri.query)
    }
    var log = logger ?? Logger(label: "portal-archiver.serve")
    if logger == nil { log.logLevel = .warning }
    return Application(
      responder: responder,
      configuration: ApplicationConfiguration(
        address: .hostname(bind, port: port), serverName: "portal-archiver"),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
      logger: log)
  }

  /// Serves until SIGINT or SIGTERM.
  public func run(
    bind: String = "127.0.0.1", port: Int = 8080,
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws {
    try await application(bind: bind, port: port, onRunning: onRunning).runService()
  }
}
