/// A parsed HTML page as a compact array tree: the representation extraction and link finding read.
///
/// Nodes are stored in document order (pre-order), so a subtree is a contiguous index range:
/// node `i`'s descendants are `i + 1 ..< nodes[i].end`. Node 0 is the document itself (tag
/// `.other`, no name). Element names, attribute names and values and text are UTF-8 bytes in one
/// buffer, character references already decoded; names are ASCII-lower-cased.
///
/// Built by `HTMLTree.parse(utf8:)` (`HTMLTreeBuilder`, a streaming tokenizer: the fast path,
/// one pass, no allocation per node) or from a libxml2 `HTMLDocument` (`init(document:)`, used
/// when XPath rules must first edit the DOM). Immutable once built; safe to read from any thread.
public final class HTMLTree: @unchecked Sendable {
  /// One element or text node.
  public struct Node: Sendable {
    /// For elements, the tag (`.other` for unknown names and for the document node).
    public var tag: HTMLTag
    public var isText: Bool
    /// Index of the parent node (-1 for the document node).
    public var parent: Int32
    /// One past the index of the last descendant (`index + 1` for text and empty elements).
    public var end: Int32
    /// Text nodes: the text's range in `bytes`; elements: the name's.
    public var start: Int32
    public var length: Int32
    /// Elements: the attributes' range in `attributes`.
    public var firstAttribute: Int32
    public var attributeCount: Int32
  }

  /// An attribute: name and value ranges in `bytes`.
  public struct Attribute: Sendable {
    public var nameStart: Int32
    public var nameLength: Int32
    public var valueStart: Int32
    public var valueLength: Int32
  }

  public let url: String?
  public let nodes: [Node]
  public let attributes: [Attribute]
  public let bytes: [UInt8]

  /// One slot for data a later stage derives from this tree (Extract keeps its linearised text
  /// here so that observing and extracting the same page do the work once). Not thread-safe:
  /// set it only while one thread owns the tree.
  public var derivedCache: AnyObject?

  init(url: String?, nodes: [Node], attributes: [Attribute], bytes: [UInt8]) {
    self.url = url
    self.nodes = nodes
    self.attributes = attributes
    self.bytes = bytes
  }

  /// Parses UTF-8 `html` with `HTMLTreeBuilder` (invalid sequences are kept as they are and
  /// become U+FFFD when text is turned into Strings).
  public static func parse(utf8 html: UnsafeBufferPointer<UInt8>, url: String?) -> HTMLTree {
    var builder = HTMLTreeBuilder(capacity: html.count)
    builder.parse(html)
    return builder.finish(url: url)
  }

  /// Parses `html` (see `parse(utf8:url:)`).
  public static func parse(_ html: String, url: String?) -> HTMLTree {
    var text = html
    return text.withUTF8 { parse(utf8: $0, url: url) }
  }

  /// The number of nodes, the document node included.
  public var count: Int { nodes.count }

  /// The element's name as lower-case text ("" for text nodes and the document node).
  public func name(_ i: Int) -> String {
    let n = nodes[i]
    if n.isText { return "" }
    if n.tag != .other { return n.tag.name }
    return string(n.start, n.length)
  }

  /// The text of a text node ("" for elements).
  public func text(_ i: Int) -> String {
    let n = nodes[i]
    return n.isText ? string(n.start, n.length) : ""
  }

  /// The index in `attributes` of element `i`'s attribute `name` (lower-case ASCII), or nil.
  @inlinable
  public func attributeIndex(_ i: Int, _ name: StaticString) -> Int? {
    let n = nodes[i]
    if n.attributeCount == 0 { return nil }
    return bytes.withUnsafeBufferPointer { b -> Int? in
      name.withUTF8Buffer { key -> Int? in
        var a = Int(n.firstAttribute)
        let last = a + Int(n.attributeCount)
        while a < last {
          let attr = attributes[a]
          if Int(attr.nameLength) == key.count {
            var k = 0
            let s = Int(attr.nameStart)
            while k < key.count, b[s + k] == key[k] { k += 1 }
            if k == key.count { return a }
          }
          a += 1
        }
        return nil
      }
    }
  }

  /// The value of element `i`'s attribute `name` (lower-case ASCII), "" when it has no value,
  /// nil when absent.
  public func attribute(_ i: Int, _ name: StaticString) -> String? {
    guard let a = attributeIndex(i, name) else { return nil }
    return string(attributes[a].valueStart, attributes[a].valueLength)
  }

  /// Whether element `i` has attribute `name`.
  public func hasAttribute(_ i: Int, _ name: StaticString) -> Bool {
    attributeIndex(i, name) != nil
  }

  /// All attributes of element `i`, in source order, as (name, value).
  public func attributes(_ i: Int) -> [(name: String, value: String)] {
    let n = nodes[i]
    return (Int(n.firstAttribute)..<Int(n.firstAttribute + n.attributeCount)).map { a in
      let attr = attributes[a]
      return (string(attr.nameStart, attr.nameLength), string(attr.valueStart, attr.valueLength))
    }
  }

  /// The text of node `i` and its descendants, concatenated as in the source.
  public func textContent(_ i: Int) -> String {
    let end = Int(nodes[i].end)
    var out: [UInt8] = []
    bytes.withUnsafeBufferPointer { b in
      for k in i..<end where nodes[k].isText {
        let n = nodes[k]
        out.append(
          contentsOf: UnsafeBufferPointer(rebasing: b[Int(n.start)..<Int(n.start + n.length)]))
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The first element with tag `tag` in document order, if any.
  public func firstElement(_ tag: HTMLTag) -> Int? {
    for i in 1..<max(nodes.count, 1) where !nodes[i].isText && nodes[i].tag == tag { return i }
    return nil
  }

  /// All elements with tag `tag`, in document order.
  public func elements(_ tag: HTMLTag) -> [Int] {
    (1..<max(nodes.count, 1)).filter { !nodes[$0].isText && nodes[$0].tag == tag }
  }

  /// The text of the first `title` element, whitespace-collapsed, or "".
  public var title: String {
    guard let t = firstElement(.title) else { return "" }
    return HTMLText.collapseWhitespace(textContent(t))
  }

  /// A range of `bytes`.
  public typealias ByteRange = (start: Int32, length: Int32)

  /// The text of a range of `bytes`.
  public func string(_ range: ByteRange) -> String { string(range.start, range.length) }

  /// A 64-bit FNV-1a hash of a range of `bytes` (for caches keyed by attribute values).
  public func hash(_ range: ByteRange) -> UInt64 {
    bytes.withUnsafeBufferPointer { b in
      var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(range.length)
      for k in Int(range.start)..<Int(range.start + range.length) {
        h = (h ^ UInt64(b[k])) &* 0x100_0000_01b3
      }
      return h
    }
  }

  func string(_ start: Int32, _ length: Int32) -> String {
    bytes.withUnsafeBufferPointer {
      String(
        decoding: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(start + length)]), as: UTF8.self
      )
    }
  }
}
