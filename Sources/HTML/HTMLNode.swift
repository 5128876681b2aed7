import CLibXML2

/// A node of an `HTMLDocument`: a thin, copyable handle on a libxml2 node.
///
/// A node is valid only while its document is alive and the node has not been removed from it;
/// keep the `HTMLDocument` referenced while using its nodes. Accessors read libxml2's structs
/// directly and allocate no Swift String unless they return one, so whole-document walks are
/// cheap. Walk with `next(within:)` (iterative pre-order); never recurse over the DOM, documents
/// may nest thousands of levels deep.
public struct HTMLNode: Hashable, @unchecked Sendable {
  /// The libxml2 node.
  public let pointer: xmlNodePtr

  @inlinable
  public init(_ pointer: xmlNodePtr) { self.pointer = pointer }

  /// Whether this is an element.
  @inlinable
  public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

  /// Whether this is a text or CDATA node.
  @inlinable
  public var isText: Bool {
    let t = pointer.pointee.type
    return t == XML_TEXT_NODE || t == XML_CDATA_SECTION_NODE
  }

  /// The element's tag (`.other` for unknown elements and for non-elements).
  @inlinable
  public var tag: HTMLTag {
    guard isElement else { return .other }
    return HTMLTag.lookup(pointer.pointee.name)
  }

  /// The element's name, lower case ("" for text nodes).
  public var name: String {
    guard isElement, let n = pointer.pointee.name else { return "" }
    return String(cString: n)
  }

  @inlinable public var parent: HTMLNode? {
    guard let p = pointer.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
    return HTMLNode(p)
  }
  @inlinable public var firstChild: HTMLNode? { pointer.pointee.children.map(HTMLNode.init) }
  @inlinable public var nextSibling: HTMLNode? { pointer.pointee.next.map(HTMLNode.init) }
  @inlinable public var previousSibling: HTMLNode? { pointer.pointee.prev.map(HTMLNode.init) }

  /// The children, in order.
  public var children: [HTMLNode] {
    var out: [HTMLNode] = []
    var c = pointer.pointee.children
    while let n = c {
      out.append(HTMLNode(n))
      c = n.pointee.next
    }
    return out
  }

  /// The child elements, in order.
  public var elementChildren: [HTMLNode] { children.filter(\.isElement) }

  /// The next node in document (pre-order) order that lies inside `root`, or nil at the end.
  ///
  /// Pass `skipChildren` to step over this node's subtree. Iterative: no recursion, no stack.
  @inlinable
  public func next(within root: HTMLNode, skipChildren: Bool = false) -> HTMLNode? {
    if !skipChildren, let c = pointer.pointee.children { return HTMLNode(c) }
    var n: xmlNodePtr = pointer
    while true {
      if n == root.pointer { return nil }
      if let s = n.pointee.next { return HTMLNode(s) }
      guard let p = n.pointee.parent else { return nil }
      n = p
    }
  }

  /// The raw UTF-8 content of a text node (nil for other nodes), valid while the node lives.
  @inlinable
  public var textPointer: UnsafePointer<xmlChar>? {
    guard isText else { return nil }
    return UnsafePointer(pointer.pointee.content)
  }

  /// The raw value of attribute `name` (lower-case ASCII), valid while the node lives.
  ///
  /// Returns nil when the attribute is absent, an empty string pointer when it has no value.
  @inlinable
  public func attributePointer(_ name: UnsafePointer<CChar>) -> UnsafePointer<xmlChar>? {
    guard isElement else { return nil }
    var a = pointer.pointee.properties
    while let attr = a {
      if let n = attr.pointee.name,
        xmlStrEqual(n, UnsafeRawPointer(name).assumingMemoryBound(to: xmlChar.self)) != 0
      {
        if let t = attr.pointee.children, t.pointee.next == nil, let c = t.pointee.content {
          return UnsafePointer(c)
        }
        return HTMLNode.emptyValue(attr)
      }
      a = attr.pointee.next
    }
    return nil
  }

  /// A value for attributes without a single text child (no value, or entity children).
  @usableFromInline
  static func emptyValue(_ attr: xmlAttrPtr) -> UnsafePointer<xmlChar> {
    if attr.pointee.children == nil {
      return HTMLNode.emptyCString
    }
    // Rare: several children (entities). Fall back to the first text child.
    var c = attr.pointee.children
    while let n = c {
      if let content = n.pointee.content { return UnsafePointer(content) }
      c = n.pointee.next
    }
    return HTMLNode.emptyCString
  }

  @usableFromInline
  nonisolated(unsafe) static let emptyCString: UnsafePointer<xmlChar> = {
    let p = UnsafeMutablePointer<xmlChar>.allocate(capacity: 1)
    p.initialize(to: 0)
    return UnsafePointer(p)
  }()

  /// Whether the element has attribute `name`.
  @inlinable
  public func hasAttribute(_ name: UnsafePointer<CChar>) -> Bool {
    attributePointer(name) != nil
  }

  /// The value of attribute `name` (lower case), or nil when absent.
  public func attribute(_ name: String) -> String? {
    name.withCString { n in attributePointer(n).map { String(cString: $0) } }
  }

  /// All attributes, in source order, as (name, value).
  public var attributes: [(name: String, value: String)] {
    guard isElement else { return [] }
    var out: [(String, String)] = []
    var a = pointer.pointee.properties
    while let attr = a {
      let n = attr.pointee.name.map { String(cString: $0) } ?? ""
      var value = ""
      if let v = xmlNodeGetContent(
        UnsafeMutableRawPointer(attr).assumingMemoryBound(to: xmlNode.self))
      {
        value = String(cString: v)
        pa_xmlFree(v)
      }
      out.append((n, value))
      a = attr.pointee.next
    }
    return out
  }

  /// The text of the node and its descendants, concatenated as in the source.
  public var textContent: String {
    guard let c = xmlNodeGetContent(pointer) else { return "" }
    defer { pa_xmlFree(c) }
    return String(cString: c)
  }
}
