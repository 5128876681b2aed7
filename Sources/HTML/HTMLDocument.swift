import CLibXML2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An HTML document parsed by libxml2 in recover mode.
///
/// Ownership: the document owns its libxml2 tree and frees it in `deinit`; `HTMLNode`s are valid
/// only while the document is alive. Threading: a document is not thread-safe — use one document
/// per thread at a time (libxml2 itself is initialised once, process-wide, before the first
/// parse, so documents on different threads are independent).
///
/// Parsing: the text is handed to `htmlReadMemory` as UTF-8 with recover, no-network, compact
/// and ignore-encoding options (the caller already decoded the page), and `XML_PARSE_HUGE`:
/// without it libxml2 aborts the whole parse past 256 levels of nesting and leaves an empty
/// tree, which a hostile or broken page can trigger. Implied `html`/`body` elements are added,
/// so every document has a body. NUL characters are replaced by spaces before parsing (libxml2
/// would treat them as the end of input).
public final class HTMLDocument {
  /// The document's URL (for resolving links), if known.
  public let url: String?

  /// The libxml2 document; owned by this object.
  public let pointer: htmlDocPtr

  /// Incremented whenever `removeNodes` changes the tree, so caches of derived data can tell.
  public internal(set) var mutationCount = 0

  /// One slot for data derived from this document by a later stage (Extract keeps its text
  /// analysis here so that `SiteModel.observe` and `ArticleExtractor.extract` of the same page
  /// linearise it once). Check `mutationCount` before trusting it.
  public var derivedCache: AnyObject?

  /// The parser options used for every document.
  static let parseOptions: Int32 =
    Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
    | Int32(XML_PARSE_HUGE.rawValue)

  /// Parses `html`; never fails (an input libxml2 rejects gives an empty document).
  public convenience init(html: String, url: String?) {
    var text = html
    let doc = text.withUTF8 { HTMLDocument.parse($0, url: url) }
    self.init(pointer: doc ?? HTMLDocument.emptyDocument(), url: url)
  }

  /// Parses UTF-8 bytes; invalid sequences become U+FFFD. Never fails (see `parse(utf8:url:)`).
  public convenience init(utf8 bytes: [UInt8], url: String?) {
    let doc = HTMLDocument.parseBytes(bytes, url: url)
    self.init(pointer: doc ?? HTMLDocument.emptyDocument(), url: url)
  }

  /// Parses UTF-8 bytes, throwing when libxml2 produces no document at all.
  public static func parse(utf8 bytes: [UInt8], url: String?) throws(HTMLParseError)
    -> HTMLDocument
  {
    guard let doc = parseBytes(bytes, url: url) else {
      throw HTMLParseError(url: url, byteCount: bytes.count, call: "htmlReadMemory")
    }
    return HTMLDocument(pointer: doc, url: url)
  }

  private init(pointer: htmlDocPtr, url: String?) {
    self.pointer = pointer
    self.url = url
  }

  deinit { xmlFreeDoc(pointer) }

  private static func parseBytes(_ bytes: [UInt8], url: String?) -> htmlDocPtr? {
    let valid = bytes.withUnsafeBufferPointer { isValidUTF8($0) }
    if valid {
      return bytes.withUnsafeBufferPointer { parse($0, url: url) }
    }
    // Invalid sequences become U+FFFD (the standard library's repair).
    var repaired = String(decoding: bytes, as: UTF8.self)
    return repaired.withUTF8 { parse($0, url: url) }
  }

  /// Whether `b` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
  ///
  /// Hand-written: the standard library exposes no validator that does not also copy, and its
  /// scalar-by-scalar decoder is several times slower than this loop, which skips ASCII eight
  /// bytes at a time.
  static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = b.baseAddress else { return true }
    let n = b.count
    var i = 0
    while i < n {
      if i + 8 <= n,
        UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        i += 8
        continue
      }
      let c = base[i]
      if c < 0x80 {
        i += 1
        continue
      }
      if c < 0xC2 { return false }
      if c < 0xE0 {
        guard i + 1 < n, base[i + 1] & 0xC0 == 0x80 else { return false }
        i += 2
        continue
      }
      if c < 0xF0 {
        guard i + 2 < n else { return false }
        let c1 = base[i + 1]
        guard base[i + 2] & 0xC0 == 0x80 else { return false }
        if c == 0xE0 {
          guard c1 >= 0xA0 && c1 <= 0xBF else { return false }
        } else if c == 0xED {
          guard c1 >= 0x80 && c1 <= 0x9F else { return false }
        } else {
          guard c1 & 0xC0 == 0x80 else { return false }
        }
        i += 3
        continue
      }
      if c < 0xF5 {
        guard i + 3 < n else { return false }
        let c1 = base[i + 1]
        guard base[i + 2] & 0xC0 == 0x80, base[i + 3] & 0xC0 == 0x80 else { return false }
        if c == 0xF0 {
          guard c1 >= 0x90 && c1 <= 0xBF else { return false }
        } else if c == 0xF4 {
          guard c1 >= 0x80 && c1 <= 0x8F else { return false }
        } else {
          guard c1 & 0xC0 == 0x80 else { return false }
        }
        i += 4
        continue
      }
      return false
    }
    return true
  }

  /// Parses a UTF-8 buffer (NULs are replaced by spaces in a copy when present).
  private static func parse(_ buffer: UnsafeBufferPointer<UInt8>, url: String?) -> htmlDocPtr? {
    _ = libxml2Initialized
    guard let base = buffer.baseAddress, buffer.count > 0, buffer.count < Int(Int32.max) else {
      return nil
    }
    if memchr(base, 0, buffer.count) != nil {
      var copy = Array(buffer)
      for i in copy.indices where copy[i] == 0 { copy[i] = 0x20 }
      return copy.withUnsafeBufferPointer { parse($0, url: url) }
    }
    return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
      htmlReadMemory(chars, Int32(buffer.count), url, "UTF-8", parseOptions)
    }
  }

  private static func emptyDocument() -> htmlDocPtr {
    let empty = "<html><body></body></html>"
    let doc = empty.withCString { c in
      htmlReadMemory(c, Int32(empty.utf8.count), nil, "UTF-8", parseOptions)
    }
    if let doc { return doc }
    // htmlNewDoc only fails when out of memory.
    guard let fallback = htmlNewDoc(nil, nil) else { fatalError("libxml2: out of memory") }
    return fallback
  }

  /// The root element (`html`), if any.
  public var root: HTMLNode? {
    xmlDocGetRootElement(pointer).map(HTMLNode.init)
  }

  /// The first element with tag `tag` in document order, if any.
  public func firstElement(_ tag: HTMLTag) -> HTMLNode? {
    guard let root else { return nil }
    var n: HTMLNode? = root
    while let node = n {
      if node.isElement, node.tag == tag { return node }
      n = node.next(within: root)
    }
    return nil
  }

  /// All elements with tag `tag`, in document order.
  public func elements(_ tag: HTMLTag) -> [HTMLNode] {
    guard let root else { return [] }
    var out: [HTMLNode] = []
    var n: HTMLNode? = root
    while let node = n {
      if node.isElement, node.tag == tag { out.append(node) }
      n = node.next(within: root)
    }
    return out
  }

  /// The `body` element (libxml2 adds one when the source has none).
  public var body: HTMLNode? { firstElement(.body) }

  /// The `head` element, if any.
  public var head: HTMLNode? { firstElement(.head) }

  /// The text of the first `title` element, whitespace-collapsed, or "".
  public var title: String {
    guard let t = firstElement(.title) else { return "" }
    return HTMLText.collapseWhitespace(t.textContent)
  }
}

/// libxml2's one-time, process-wide initialisation (must precede use from several threads).
let libxml2Initialized: Void = { xmlInitParser() }()

/// libxml2 produced no document for an input.
public struct HTMLParseError: Error, CustomStringConvertible, Sendable {
  public var url: String?
  public var byteCount: Int
  public var call: String
  public var description: String {
    "\(call) returned no document for \(byteCount) bytes" + (url.map { " of \($0)" } ?? "")
  }
}
