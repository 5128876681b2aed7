import CLibXML2

/// An XPath expression libxml2 could not evaluate.
public struct XPathError: Error, CustomStringConvertible, Sendable {
  public var expression: String
  public var url: String?
  public var description: String {
    "invalid XPath expression '\(expression)'" + (url.map { " (document \($0))" } ?? "")
  }
}

extension HTMLDocument {
  /// The nodes `expression` selects (element, text and comment nodes), in document order.
  public func nodes(matchingXPath expression: String) throws(XPathError) -> [HTMLNode] {
    _ = libxml2Initialized
    guard let ctx = xmlXPathNewContext(pointer) else {
      throw XPathError(expression: expression, url: url)
    }
    defer { xmlXPathFreeContext(ctx) }
    // Silence libxml2's report on stderr; the caller gets an XPathError instead.
    ctx.pointee.error = { _, _ in }
    let result = expression.withCString { c in
      c.withMemoryRebound(to: xmlChar.self, capacity: expression.utf8.count + 1) {
        xmlXPathEvalExpression($0, ctx)
      }
    }
    guard let result else { throw XPathError(expression: expression, url: url) }
    defer { xmlXPathFreeObject(result) }
    guard result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval else {
      return []
    }
    var out: [HTMLNode] = []
    let count = Int(set.pointee.nodeNr)
    out.reserveCapacity(count)
    for i in 0..<count {
      guard let n = set.pointee.nodeTab[i] else { continue }
      let t = n.pointee.type
      if t == XML_ELEMENT_NODE || t == XML_TEXT_NODE || t == XML_CDATA_SECTION_NODE
        || t == XML_COMMENT_NODE
      {
        out.append(HTMLNode(n))
      }
    }
    return out
  }

  /// Removes (and frees) every node `expression` selects; returns how many were removed.
  ///
  /// Nodes previously obtained from this document that lie inside a removed subtree become
  /// invalid.
  @discardableResult
  public func removeNodes(matchingXPath expression: String) throws(XPathError) -> Int {
    let found = try nodes(matchingXPath: expression)
    // Unlink everything first, then free: a selected node may lie inside another selected one,
    // and unlinking it while its ancestor is still allocated is safe.
    for n in found { xmlUnlinkNode(n.pointer) }
    for n in found { xmlFreeNode(n.pointer) }
    if !found.isEmpty { mutationCount += 1 }
    return found.count
  }
}
