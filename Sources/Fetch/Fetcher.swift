import CCurl
import Foundation
import Logging

/// The HTTP engine: many concurrent transfers over one libcurl multi handle.
///
/// Design: one dedicated poll thread owns the multi handle and every easy handle. It loops over
/// `curl_multi_perform` (which runs the write/header/debug callbacks), `curl_multi_info_read`
/// (finished transfers) and `curl_multi_poll` (sleep until a socket is ready or a curl timer
/// fires). `submit` may be called from any thread: it appends to a locked inbox and calls
/// `curl_multi_wakeup`, which interrupts `curl_multi_poll`. The thread admits queued requests up
/// to `maxConnections` in total and `maxConnectionsPerHost` per host (queued requests do not run
/// down curl's total timeout while they wait), so the two limits are enforced here and curl's
/// CURLMOPT_MAX_*_CONNECTIONS only back them up.
///
/// Connections are kept alive in the multi handle's connection cache; easy handles are reused
/// from a pool (`curl_easy_reset`, then every option set again). Requests are sent as HTTP/1.1
/// so `requestBytes`/`headerBytes` are the real wire bytes; Accept-Encoding is a plain header
/// so curl never decodes bodies; redirects are not followed (CURLOPT_FOLLOWLOCATION 0: the crawler
/// follows and scope-checks each hop itself); only http and https are allowed (checked before
/// submitting, and CURLOPT_PROTOCOLS_STR / CURLOPT_REDIR_PROTOCOLS_STR "http,https"); a URL
/// longer than `maxURLBytes` is refused unsent.
///
/// Private addresses: unless `allowPrivateAddresses` is set, a transfer whose URL host is not in
/// the allowed host names (`privateAddressHosts`, plus `allowPrivateAddresses(forHost:)`) gets
/// an open-socket callback that judges each address libcurl is about to connect to
/// (`SocketAddress.nonPublicRange`) and refuses non-public ones: the transfer fails with
/// `FetchError.privateAddress`. The rule is by host name, not by address: the crawler allows its
/// seeds' hosts (and the hosts its seeds redirect to), whatever they resolve to; another host
/// resolving to the same private address is still refused. Judging the address connected to
/// (not a DNS answer looked up beforehand) leaves no window for DNS rebinding. A proxy taken
/// from the environment (http_proxy) is what gets connected to, so it is what gets judged.
///
/// Resolve entries (`FetchConfig.resolve`, CURLOPT_RESOLVE): one `curl_slist`, built at init
/// and owned by the fetcher, is set on every easy handle; the poll thread frees it after the
/// last easy handle and the multi handle are cleaned up (a reset handle keeps no pointer to
/// it). The addresses an entry names are let through the private-address check for transfers
/// to that entry's host and port, and only for those.
///
/// Ownership: each `FetchTransfer` is retained by the `active` table while its easy handle is in
/// the multi handle; C callbacks get it unretained (see `FetchTransfer`). The header `curl_slist`
/// lives until the transfer completes. Completions run on `deliveryQueue`, never on the poll
/// thread. The poll thread retains the fetcher: call `shutdown()` to stop it (in-flight and
/// queued requests then complete with `.cancelled`).
public final class Fetcher: @unchecked Sendable {
  private let config: FetchConfig
  private let deliveryQueue: DispatchQueue
  private let logger = Logger(label: "portal-archiver.fetch")
  private let multi: UnsafeMutableRawPointer
  private let stopped = DispatchSemaphore(value: 0)
  /// CURLOPT_RESOLVE list (nil without entries); freed by the poll thread as it ends.
  private let resolveList: UnsafeMutablePointer<curl_slist>?
  /// The addresses of each resolve entry, by "host:port": allowed even when non-public.
  private let pinnedAddresses: [String: [SocketAddress]]

  // Guarded by `lock`.
  private let lock = NSLock()
  private var inbox: [FetchTransfer] = []
  private var stopping = false
  private var closed = false
  private var count = 0
  /// Host names allowed to connect to non-public addresses (see the type's comment).
  private var privateHosts: Set<String>

  // Poll thread only.
  private var queued: [FetchTransfer] = []
  private var active: [UnsafeMutableRawPointer: (transfer: FetchTransfer, easy: EasyHandle)] = [:]
  private var perHost: [String: Int] = [:]
  private var pool: [EasyHandle] = []

  /// A pooled easy handle and its error buffer (CURLOPT_ERRORBUFFER, CURL_ERROR_SIZE bytes).
  private struct EasyHandle {
    let handle: UnsafeMutableRawPointer
    let errorBuffer: UnsafeMutablePointer<CChar>
  }

  private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

  /// Creates the multi handle and starts the poll thread.
  public init(config: FetchConfig = FetchConfig(), deliveryQueue: DispatchQueue) throws {
    let code = Fetcher.globalInit
    guard code == CURLE_OK else {
      throw FetchError.curl(url: "", code: Int(code.rawValue), message: "curl_global_init failed")
    }
    guard let multi = curl_multi_init() else {
      throw FetchError.curl(url: "", code: -1, message: "curl_multi_init failed")
    }
    self.config = config
    self.privateHosts = Set(config.privateAddressHosts.map { $0.lowercased() })
    self.deliveryQueue = deliveryQueue
    self.multi = multi
    let entries = ResolveEntry.merged(config.resolve)
    var list: UnsafeMutablePointer<curl_slist>? = nil
    for entry in entries { list = curl_slist_append(list, entry.description) }
    self.resolveList = list
    self.pinnedAddresses = Dictionary(
      entries.map { ($0.key, $0.addresses) }, uniquingKeysWith: { _, last in last })
    _ = pa_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, config.maxConnections)
    _ = pa_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, config.maxConnectionsPerHost)
    _ = pa_multi_setopt_long(
      multi, CURLMOPT_MAXCONNECTS, config.connectionCacheSize ?? config.maxConnections)
    let thread = Thread { [self] in self.run() }
    thread.name = "portal-archiver.fetch"
    thread.start()
  }

  /// Transfers submitted and not yet completed (queued + running + being delivered).
  public var inFlight: Int {
    lock.lock()
    defer { lock.unlock() }
    return count
  }

  /// Queues a request; `completion` runs once on the delivery queue. Thread-safe.
  public func submit(
    _ request: FetchRequest,
    completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void
  ) {
    let transfer = FetchTransfer(
      request: request, maxBodyBytes: config.maxBodyBytes, completion: completion)
    lock.lock()
    if stopping || closed {
      lock.unlock()
      deliveryQueue.async { completion(.failure(.cancelled(url: request.url))) }
      return
    }
    inbox.append(transfer)
    count += 1
    // Under the lock: the poll thread cleans the multi handle up only after setting `closed`.
    _ = curl_multi_wakeup(multi)
    lock.unlock()
  }

  /// Lets transfers to `host` (a URL's host without port, e.g. a seed's redirect target)
  /// connect to non-public addresses. Thread-safe; applies to every request submitted after it
  /// returns.
  public func allowPrivateAddresses(forHost host: String) {
    lock.lock()
    privateHosts.insert(host.lowercased())
    lock.unlock()
  }

  /// Whether a transfer to `hostName` may connect to non-public addresses (takes the lock).
  private func privateAddressesAllowed(forHost hostName: String) -> Bool {
    if config.allowPrivateAddresses { return true }
    lock.lock()
    defer { lock.unlock() }
    return privateHosts.contains(hostName)
  }

  /// Aborts every transfer (their completions get `.cancelled`) and joins the poll thread.
  /// Idempotent; must not be called from a completion that blocks the delivery queue's only
  /// thread forever (it does not wait for completions to run).
  public func shutdown() {
    lock.lock()
    stopping = true
    if !closed { _ = curl_multi_wakeup(multi) }
    lock.unlock()
    stopped.wait()
    stopped.signal()  // let any other shutdown() caller through too
  }

  // MARK: - Poll thread

  private func run() {
    var running: Int32 = 0
    while true {
      var newTransfers: [FetchTransfer] = []
      lock.lock()
      let stop = stopping
      if !inbox.isEmpty { swap(&newTransfers, &inbox) }
      lock.unlock()
      if stop { break }
      if !newTransfers.isEmpty {
        queued.append(contentsOf: newTransfers)
        admit()
      }
      _ = curl_multi_perform(multi, &running)
      if drainFinished() { admit() }
      let idle = active.isEmpty && queued.isEmpty
      _ = curl_multi_poll(multi, nil, 0, idle ? 1000 : 100, nil)
    }
    for (_, entry) in active {
      finish(entry.transfer, with: .failure(.cancelled(url: entry.transfer.request.url)))
    }
    for transfer in queued { deliver(transfer, .failure(.cancelled(url: transfer.request.url))) }
    queued.removeAll()
    lock.lock()
    closed = true
    let late = inbox
    inbox.removeAll()
    lock.unlock()
    for transfer in late { deliver(transfer, .failure(.cancelled(url: transfer.request.url))) }
    for easy in pool {
      curl_easy_cleanup(easy.handle)
      easy.errorBuffer.deallocate()
    }
    pool.removeAll()
    curl_multi_cleanup(multi)
    curl_slist_free_all(resolveList)
    stopped.signal()
  }

  /// Starts queued transfers while the total and per-host limits allow, oldest first.
  private func admit() {
    guard !queued.isEmpty, active.count < config.maxConnections else { return }
    var kept: [FetchTransfer] = []
    kept.reserveCapacity(queued.count)
    for transfer in queued {
      let hostCount = perHost[transfer.host, default: 0]
      if active.count < config.maxConnections, hostCount < config.maxConnectionsPerHost {
        start(transfer)
      } else {
        kept.append(transfer)
      }
    }
    queued = kept
  }

  private func start(_ transfer: FetchTransfer) {
    let url = transfer.request.url
    if let refusal = Fetcher.refusal(of: url, maxURLBytes: config.maxURLBytes) {
      deliver(transfer, .failure(refusal))
      return
    }
    transfer.privateAddressesAllowed = privateAddressesAllowed(forHost: transfer.hostName)
    transfer.pinnedAddresses = pinnedAddresses[transfer.resolveKey] ?? []
    let easy = pool.popLast() ?? newEasyHandle()
    guard let easy else {
      deliver(transfer, .failure(.curl(url: url, code: -1, message: "curl_easy_init failed")))
      return
    }
    transfer.easy = easy.handle
    let code = configure(easy, for: transfer)
    guard code == CURLE_OK else {
      transfer.easy = nil
      curl_slist_free_all(transfer.headerList)
      transfer.headerList = nil
      pool.append(easy)
      let message = String(cString: curl_easy_strerror(code))
      let error: FetchError =
        code == CURLE_URL_MALFORMAT
        ? .invalidURL(url: url, message: message)
        : .curl(url: url, code: Int(code.rawValue), message: message)
      deliver(transfer, .failure(error))
      return
    }
    active[easy.handle] = (transfer, easy)
    perHost[transfer.host, default: 0] += 1
    let added = curl_multi_add_handle(multi, easy.handle)
    if added != CURLM_OK {
      let message = String(cString: curl_multi_strerror(added))
      finish(transfer, with: .failure(.curl(url: url, code: Int(added.rawValue), message: message)))
    }
  }

  /// Why a URL is not even submitted to libcurl: too long, or not http/https. Nil when it may be.
  static func refusal(of url: String, maxURLBytes: Int) -> FetchError? {
    let length = url.utf8.count
    if length > maxURLBytes { return .urlTooLong(url: url, bytes: length, limit: maxURLBytes) }
    let scheme = Fetcher.scheme(of: url)
    guard let scheme else { return .invalidURL(url: url, message: "no scheme") }
    guard scheme == "http" || scheme == "https" else {
      return .schemeNotAllowed(url: url, scheme: scheme)
    }
    return nil
  }

  /// The lower-cased scheme of a URL (before the first ":"), or nil when it has none.
  static func scheme(of url: String) -> String? {
    guard let colon = url.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
    let scheme = url[..<colon]
    let valid =
      !scheme.isEmpty
      && scheme.utf8.allSatisfy { c in
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
          || c == 0x2B || c == 0x2D || c == 0x2E
      }
    return valid ? scheme.lowercased() : nil
  }

  private func newEasyHandle() -> EasyHandle? {
    guard let handle = curl_easy_init() else { return nil }
    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    buffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    return EasyHandle(handle: handle, errorBuffer: buffer)
  }

  /// Resets a pooled handle and sets every option for `transfer`.
  private func configure(_ easy: EasyHandle, for transfer: FetchTransfer) -> CURLcode {
    let h = easy.handle
    curl_easy_reset(h)
    easy.errorBuffer[0] = 0
    var list: UnsafeMutablePointer<curl_slist>? = nil
    if let encoding = config.acceptEncoding {
      list = curl_slist_append(list, "Accept-Encoding: \(encoding)")
    }
    // No `Expect: 100-continue` wait before a POST body: one request, one answer on the wire.
    if transfer.request.method == .post { list = curl_slist_append(list, "Expect:") }
    for (rawName, rawValue) in transfer.request.headers {
      // CR/LF would end the field early and smuggle in another; curl does not check.
      let name = Fetcher.stripLineBreaks(rawName)
      let value = Fetcher.stripLineBreaks(rawValue)
      guard !name.isEmpty else { continue }
      // "Name;" is curl's syntax for a header with an empty value.
      list = curl_slist_append(list, value.isEmpty ? "\(name);" : "\(name): \(value)")
    }
    transfer.headerList = list
    let user = Unmanaged.passUnretained(transfer).toOpaque()
    // Straight-line calls (no closure array): keeps the first failure, skips the rest.
    var code = CURLE_OK
    func set(_ result: @autoclosure () -> CURLcode) { if code == CURLE_OK { code = result() } }
    let config = self.config
    set(pa_easy_setopt_str(h, CURLOPT_URL, transfer.request.url))
    set(pa_easy_setopt_str(h, CURLOPT_PROTOCOLS_STR, "http,https"))
    set(pa_easy_setopt_str(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
    set(pa_easy_setopt_long(h, CURLOPT_FOLLOWLOCATION, 0))
    set(pa_easy_setopt_long(h, CURLOPT_NOSIGNAL, 1))
    set(pa_easy_setopt_long(h, CURLOPT_TCP_NODELAY, 1))
    set(pa_easy_setopt_long(h, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1)))
    set(pa_easy_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(config.connectTimeout * 1000)))
    set(pa_easy_setopt_long(h, CURLOPT_TIMEOUT_MS, Int(config.totalTimeout * 1000)))
    set(pa_easy_setopt_str(h, CURLOPT_USERAGENT, config.userAgent))
    set(pa_easy_setopt_slist(h, CURLOPT_HTTPHEADER, list))
    if let resolveList { set(pa_easy_setopt_slist(h, CURLOPT_RESOLVE, resolveList)) }
    set(pa_easy_setopt_ptr(h, CURLOPT_ERRORBUFFER, easy.errorBuffer))
    set(pa_easy_setopt_write(h, CURLOPT_WRITEFUNCTION, fetchWriteCallback))
    set(pa_easy_setopt_ptr(h, CURLOPT_WRITEDATA, user))
    set(pa_easy_setopt_write(h, CURLOPT_HEADERFUNCTION, fetchHeaderCallback))
    set(pa_easy_setopt_ptr(h, CURLOPT_HEADERDATA, user))
    set(pa_easy_setopt_debug(h, fetchDebugCallback))
    set(pa_easy_setopt_ptr(h, CURLOPT_DEBUGDATA, user))
    // VERBOSE is what makes curl call the debug function (request capture).
    set(pa_easy_setopt_long(h, CURLOPT_VERBOSE, 1))
    if transfer.request.method == .head { set(pa_easy_setopt_long(h, CURLOPT_NOBODY, 1)) }
    if transfer.request.method == .post {
      // The size first: COPYPOSTFIELDS copies that many bytes (the body may hold NULs).
      let body = transfer.request.body
      set(pa_easy_setopt_off(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
      if body.isEmpty {
        set(pa_easy_setopt_str(h, CURLOPT_COPYPOSTFIELDS, ""))
      } else {
        set(body.withUnsafeBytes { pa_easy_setopt_ptr(h, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) })
      }
    }
    if !transfer.privateAddressesAllowed {
      set(pa_easy_setopt_opensocket(h, fetchOpenSocketCallback))
      set(pa_easy_setopt_ptr(h, CURLOPT_OPENSOCKETDATA, user))
    }
    if !config.verifyTLS {
      set(pa_easy_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 0))
      set(pa_easy_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 0))
    }
    if let low = config.lowSpeed {
      set(pa_easy_setopt_long(h, CURLOPT_LOW_SPEED_LIMIT, low.bytesPerSecond))
      set(pa_easy_setopt_long(h, CURLOPT_LOW_SPEED_TIME, low.seconds))
    }
    return code
  }

  private static func stripLineBreaks(_ text: String) -> String {
    text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
      ? String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }) : text
  }

  /// Reads curl's completion messages; returns whether any transfer finished.
  private func drainFinished() -> Bool {
    var any = false
    var left: Int32 = 0
    while let message = curl_multi_info_read(multi, &left) {
      guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
        let transfer = active[handle]?.transfer
      else { continue }
      let code = message.pointee.data.result
      finish(transfer, with: result(of: transfer, handle: handle, code: code))
      any = true
    }
    return any
  }

  /// Builds the response or error of a finished transfer (curl_easy_getinfo is valid until the
  /// handle is reset).
  private func result(of transfer: FetchTransfer, handle: UnsafeMutableRawPointer, code: CURLcode)
    -> Result<FetchResponse, FetchError>
  {
    let url = transfer.request.url
    if code == CURLE_OK || (code == CURLE_WRITE_ERROR && transfer.truncated) {
      var status = 0
      _ = pa_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
      var ip: UnsafeMutablePointer<CChar>? = nil
      _ = pa_easy_getinfo_str(handle, CURLINFO_PRIMARY_IP, &ip)
      var version = 0
      _ = pa_easy_getinfo_long(handle, CURLINFO_HTTP_VERSION, &version)
      var connects = 0
      _ = pa_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
      let headerBytes = transfer.headerBytes
      let response = FetchResponse(
        url: url, requestBytes: transfer.requestBytes, status: status, headerBytes: headerBytes,
        headers: FetchResponse.parseHeaderFields(headerBytes), body: transfer.body,
        truncated: transfer.truncated, remoteIP: ip.map { String(cString: $0) } ?? "",
        date: transfer.sentDate ?? Date(), httpVersion: Fetcher.versionName(version),
        newConnections: connects, timings: timings(handle), tag: transfer.request.tag)
      return .success(response)
    }
    let detail = fetchErrorText(handle: handle, code: code)
    if let refused = transfer.refusedAddress, !transfer.acceptedAddress {
      return .failure(.privateAddress(url: url, address: refused.address, range: refused.range))
    }
    if Fetcher.isHeaderTooLarge(code: code, detail: detail, transfer: transfer) {
      let seen = transfer.headerBytes.count
      return .failure(.headerTooLarge(url: url, code: Int(code.rawValue), headerBytes: seen))
    }
    switch code {
    case CURLE_OPERATION_TIMEDOUT:
      return .failure(
        .timeout(url: url, seconds: timings(handle).total, partialBytes: transfer.body.count))
    case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
      return .failure(.connectFailed(url: url, code: Int(code.rawValue), message: detail))
    case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
      return .failure(.reset(url: url, code: Int(code.rawValue), message: detail))
    case CURLE_PARTIAL_FILE:
      var length: curl_off_t = -1
      _ = pa_easy_getinfo_off(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length)
      return .failure(
        .partial(url: url, expected: length >= 0 ? Int(length) : nil, got: transfer.body.count))
    case CURLE_URL_MALFORMAT:
      return .failure(.invalidURL(url: url, message: detail))
    case CURLE_UNSUPPORTED_PROTOCOL:
      return .failure(.schemeNotAllowed(url: url, scheme: Fetcher.scheme(of: url) ?? "?"))
    default:
      return .failure(.curl(url: url, code: Int(code.rawValue), message: detail))
    }
  }

  /// Whether libcurl gave up on the response header for its size. libcurl caps one header
  /// line, and since 8.3 the whole header, at CURL_MAX_HTTP_HEADER and friends: 7.88 reports it
  /// as CURLE_OUT_OF_MEMORY (27), 8.6 and later as CURLE_TOO_LARGE (100), 8.3–8.5 as
  /// CURLE_RECV_ERROR with "Too large response headers". The first two count only while the
  /// final header block is unfinished (a line too long never reaches the header callback, so
  /// the bytes seen so far can be few); after it, an out-of-memory is a real one.
  static func isHeaderTooLarge(code: CURLcode, detail: String, transfer: FetchTransfer) -> Bool {
    if detail.range(of: "too large", options: .caseInsensitive) != nil,
      detail.range(of: "header", options: .caseInsensitive) != nil
    {
      return true
    }
    let tooLarge = code == CURLE_OUT_OF_MEMORY || code.rawValue == 100  // CURLE_TOO_LARGE
    return tooLarge && !transfer.headersDone
  }

  /// curl's detailed message (CURLOPT_ERRORBUFFER) or, if empty, the generic one.
  private func fetchErrorText(handle: UnsafeMutableRawPointer, code: CURLcode) -> String {
    if let buffer = active[handle]?.easy.errorBuffer, buffer[0] != 0 {
      return String(cString: buffer)
    }
    return String(cString: curl_easy_strerror(code))
  }

  private func timings(_ handle: UnsafeMutableRawPointer) -> FetchTimings {
    func get(_ info: CURLINFO) -> Double {
      var micros: curl_off_t = 0
      _ = pa_easy_getinfo_off(handle, info, &micros)
      return Double(micros) / 1_000_000
    }
    return FetchTimings(
      connect: get(CURLINFO_CONNECT_TIME_T), firstByte: get(CURLINFO_STARTTRANSFER_TIME_T),
      total: get(CURLINFO_TOTAL_TIME_T))
  }

  private static func versionName(_ version: Int) -> String {
    switch version {
    case Int(CURL_HTTP_VERSION_1_0): return "1.0"
    case Int(CURL_HTTP_VERSION_2_0): return "2"
    case Int(CURL_HTTP_VERSION_3): return "3"
    default: return "1.1"
    }
  }

  /// Detaches a running transfer from curl, recycles its handle and delivers `result`.
  private func finish(_ transfer: FetchTransfer, with result: Result<FetchResponse, FetchError>) {
    if let handle = transfer.easy, let entry = active.removeValue(forKey: handle) {
      _ = curl_multi_remove_handle(multi, handle)
      if pool.count < config.maxConnections * 2 {
        pool.append(entry.easy)
      } else {
        curl_easy_cleanup(handle)
        entry.easy.errorBuffer.deallocate()
      }
      transfer.easy = nil
    }
    curl_slist_free_all(transfer.headerList)
    transfer.headerList = nil
    perHost[transfer.host, default: 1] -= 1
    if perHost[transfer.host] == 0 { perHost[transfer.host] = nil }
    if case .failure(let error) = result {
      logger.debug("fetch failed", metadata: ["error": "\(error)"])
    }
    deliver(transfer, result)
  }

  private func deliver(_ transfer: FetchTransfer, _ result: Result<FetchResponse, FetchError>) {
    lock.lock()
    count -= 1
    lock.unlock()
    let completion = transfer.completion
    deliveryQueue.async { completion(result) }
  }
}
