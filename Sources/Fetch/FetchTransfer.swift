import CCurl
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The state of one request while libcurl works on it.
///
/// Threading: created by `Fetcher.submit` on any thread, then touched only by the poll thread
/// (libcurl runs the write/header/debug and open-socket callbacks on the thread calling
/// curl_multi_perform; its threaded resolver only resolves, the socket is opened afterwards).
/// Ownership: while its easy handle is in the multi handle, the fetcher's `active` table holds the
/// one strong reference; the C callbacks receive `Unmanaged.passUnretained(self)` as their user
/// data and never retain or release it.
final class FetchTransfer {
  let request: FetchRequest
  let completion: @Sendable (Result<FetchResponse, FetchError>) -> Void
  /// "host:port", lower case: the per-host limit key.
  let host: String
  /// The host without port ("example.gov.cn", "127.0.0.1", "[::1]").
  let hostName: String
  let maxBodyBytes: Int
  /// Whether this transfer may connect to a non-public address (set by `Fetcher.start`).
  var privateAddressesAllowed = true
  /// The addresses of the resolve entry for this transfer's host and port (set by
  /// `Fetcher.start`): the user named them, so they may be connected to even when non-public.
  var pinnedAddresses: [SocketAddress] = []
  /// The address the open-socket callback refused, and its range, if it refused one.
  var refusedAddress: (address: String, range: String)?
  /// Whether the open-socket callback let some address through (then a failure is not the
  /// refusal's: libcurl went on to that address).
  var acceptedAddress = false
  /// The easy handle while the transfer runs (nil while queued).
  var easy: UnsafeMutableRawPointer?
  /// Request header list; freed when the transfer completes (curl keeps a pointer to it).
  var headerList: UnsafeMutablePointer<curl_slist>?
  var requestBytes: [UInt8] = []
  var headerBytes: [UInt8] = []
  var body: [UInt8] = []
  var truncated = false
  var headersDone = false
  var sentDate: Date?

  init(
    request: FetchRequest, maxBodyBytes: Int,
    completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void
  ) {
    self.request = request
    self.completion = completion
    self.maxBodyBytes = maxBodyBytes
    self.host = FetchTransfer.hostKey(of: request.url)
    self.hostName = FetchTransfer.hostName(ofKey: host)
    requestBytes.reserveCapacity(512)
    headerBytes.reserveCapacity(1024)
  }

  /// Appends received body bytes; returns how many were taken (less than offered: abort).
  func appendBody(_ bytes: UnsafeRawBufferPointer) -> Int {
    if body.capacity == 0, let easy {
      // Reserve once for the whole body: Content-Length if announced, else 64 KiB.
      var length: curl_off_t = -1
      _ = pa_easy_getinfo_off(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length)
      let guess = length > 0 ? Int(length) : 64 * 1024
      body.reserveCapacity(min(max(guess, bytes.count), maxBodyBytes))
    }
    let room = maxBodyBytes - body.count
    if bytes.count <= room {
      body.append(contentsOf: bytes)
      return bytes.count
    }
    if room > 0 { body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<room])) }
    truncated = true
    return 0
  }

  /// Keeps one header line; a new status line starts the block over (1xx responses), and lines
  /// after the final block's blank line (chunked trailers) are not part of `headerBytes`.
  func appendHeaderLine(_ line: UnsafeRawBufferPointer) {
    if line.count >= 5, line[0] == 0x48, line[1] == 0x54, line[2] == 0x54, line[3] == 0x50,
      line[4] == 0x2F
    {  // "HTTP/"
      headerBytes.removeAll(keepingCapacity: true)
      headersDone = false
    } else if headersDone {
      return
    }
    headerBytes.append(contentsOf: line)
    if line.count <= 2, line.last == 0x0A { headersDone = true }
  }

  /// Keeps bytes curl wrote to the socket. If curl re-sends the request (a kept-alive connection
  /// had died), the earlier copy is dropped so `requestBytes` is the request that got answered.
  func appendRequestBytes(_ data: UnsafeRawBufferPointer, isHeader: Bool) {
    if sentDate == nil { sentDate = Date() }
    if isHeader, requestBytes.count >= 4, requestBytes.suffix(4).elementsEqual([13, 10, 13, 10]) {
      requestBytes.removeAll(keepingCapacity: true)
      sentDate = Date()
    }
    requestBytes.append(contentsOf: data)
  }

  /// Lower-cased "host:port" of an absolute URL (the per-host limit key); "" when unparseable.
  static func hostKey(of url: String) -> String {
    var utf8 = Substring(url).utf8
    guard let sep = utf8.firstRange(of: "://".utf8) else { return "" }
    utf8 = utf8[sep.upperBound...]
    let end = utf8.firstIndex { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 } ?? utf8.endIndex
    var authority = Substring(utf8[utf8.startIndex..<end])
    if let at = authority.lastIndex(of: "@") {
      authority = authority[authority.index(after: at)...]
    }
    return authority.lowercased()
  }

  /// The host of a `hostKey` without its port: "[::1]:80" → "[::1]", "a.cn:8080" → "a.cn".
  static func hostName(ofKey key: String) -> String {
    if key.hasPrefix("[") {
      guard let close = key.firstIndex(of: "]") else { return key }
      return String(key[...close])
    }
    guard let colon = key.lastIndex(of: ":") else { return key }
    return String(key[..<colon])
  }

  /// "host:port" with the scheme's default port when the URL has none: the key of a resolve
  /// entry ("a.cn:80" for http://a.cn/).
  var resolveKey: String {
    if host.count > hostName.count { return host }
    let secure = request.url.utf8.prefix(6).map(asciiLowercased).elementsEqual("https:".utf8)
    return hostName + (secure ? ":443" : ":80")
  }

  /// Decides whether a connection to `address` may be opened; records a refusal.
  func mayConnect(to address: SocketAddress?) -> Bool {
    if privateAddressesAllowed { return true }
    guard let address else {
      refusedAddress = ("(not an IP address)", "unknown address family")
      return false
    }
    let pinned = pinnedAddresses.contains { $0.bytes == address.bytes && $0.port == address.port }
    guard let range = address.nonPublicRange, !pinned else {
      acceptedAddress = true
      return true
    }
    refusedAddress = (address.description, range)
    return false
  }
}

/// An ASCII byte lower-cased.
private func asciiLowercased(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

/// CURLOPT_OPENSOCKETFUNCTION: called with the address libcurl resolved, before it connects.
/// Returns a new socket, or CURL_SOCKET_BAD to refuse the address (libcurl then tries the next
/// one, and fails with CURLE_COULDNT_CONNECT when none is left).
func fetchOpenSocketCallback(
  _ user: UnsafeMutableRawPointer?, _ purpose: curlsocktype,
  _ address: UnsafeMutablePointer<curl_sockaddr>?
) -> curl_socket_t {
  guard let address else { return CURL_SOCKET_BAD }
  if let user {
    let transfer = Unmanaged<FetchTransfer>.fromOpaque(user).takeUnretainedValue()
    let offset = MemoryLayout<curl_sockaddr>.offset(of: \.addr) ?? 16
    let sockaddr = SocketAddress(
      sockaddr: UnsafeRawPointer(address) + offset, length: Int(address.pointee.addrlen))
    guard transfer.mayConnect(to: sockaddr) else { return CURL_SOCKET_BAD }
  }
  #if os(Linux)
    let type = address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue)
  #else
    let type = address.pointee.socktype
  #endif
  return socket(address.pointee.family, type, address.pointee.protocol)
}

/// CURLOPT_WRITEFUNCTION: body bytes. Returning less than offered aborts with CURLE_WRITE_ERROR.
func fetchWriteCallback(
  _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?
) -> Int {
  guard let data, let user else { return 0 }
  let transfer = Unmanaged<FetchTransfer>.fromOpaque(user).takeUnretainedValue()
  return transfer.appendBody(UnsafeRawBufferPointer(start: data, count: size * count))
}

/// CURLOPT_HEADERFUNCTION: one complete header line at a time, CRLF included.
func fetchHeaderCallback(
  _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?
) -> Int {
  guard let data, let user else { return 0 }
  let transfer = Unmanaged<FetchTransfer>.fromOpaque(user).takeUnretainedValue()
  transfer.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
  return size * count
}

/// CURLOPT_DEBUGFUNCTION: captures the request as written to the socket (HEADER_OUT, DATA_OUT).
func fetchDebugCallback(
  _ handle: UnsafeMutableRawPointer?, _ type: curl_infotype, _ data: UnsafeMutablePointer<CChar>?,
  _ size: Int, _ user: UnsafeMutableRawPointer?
) -> Int32 {
  guard type == CURLINFO_HEADER_OUT || type == CURLINFO_DATA_OUT, let data, let user else {
    return 0
  }
  let transfer = Unmanaged<FetchTransfer>.fromOpaque(user).takeUnretainedValue()
  transfer.appendRequestBytes(
    UnsafeRawBufferPointer(start: data, count: size), isHeader: type == CURLINFO_HEADER_OUT)
  return 0
}
