import CLibXML2

extension HTMLTree {
  /// Copies a libxml2 document into a tree (document order, the same node kinds): for pages
  /// whose DOM was edited first (XPath rules), so extraction reads one representation.
  ///
  /// Elements and text (and CDATA) are copied; comments, processing instructions and the like
  /// are not. Iterative (no recursion), so any nesting depth is fine.
  public convenience init(document: HTMLDocument) {
    var nodes: [Node] = [
      Node(
        tag: .other, isText: false, parent: -1, end: 1, start: 0, length: 0, firstAttribute: 0,
        attributeCount: 0)
    ]
    var attributes: [Attribute] = []
    var bytes: [UInt8] = []
    func append(_ s: UnsafePointer<xmlChar>) {
      bytes.append(contentsOf: UnsafeBufferPointer(start: s, count: Int(xmlStrlen(s))))
    }
    // Open elements: (libxml2 node, tree index).
    var stack: [(node: xmlNodePtr, index: Int32)] = []
    let docNode = UnsafeMutableRawPointer(document.pointer).assumingMemoryBound(to: xmlNode.self)
    var current: xmlNodePtr? = docNode.pointee.children
    var parent: Int32 = 0
    while true {
      if let node = current {
        let type = node.pointee.type
        if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
          if let content = node.pointee.content, content[0] != 0 {
            let start = Int32(bytes.count)
            append(content)
            nodes.append(
              Node(
                tag: .other, isText: true, parent: parent, end: Int32(nodes.count + 1),
                start: start, length: Int32(bytes.count) - start, firstAttribute: 0,
                attributeCount: 0))
          }
          current = node.pointee.next
          continue
        }
        guard type == XML_ELEMENT_NODE else {
          current = node.pointee.next
          continue
        }
        let tag = HTMLTag.lookup(node.pointee.name)
        var nameStart: Int32 = 0
        var nameLength: Int32 = 0
        if tag == .other, let name = node.pointee.name {
          nameStart = Int32(bytes.count)
          append(name)
          nameLength = Int32(bytes.count) - nameStart
        }
        let firstAttribute = Int32(attributes.count)
        for (name, value) in HTMLNode(node).attributes {
          let ns = Int32(bytes.count)
          bytes.append(contentsOf: name.lowercased().utf8)
          let vs = Int32(bytes.count)
          bytes.append(contentsOf: value.utf8)
          attributes.append(
            Attribute(
              nameStart: ns, nameLength: vs - ns, valueStart: vs,
              valueLength: Int32(bytes.count) - vs))
        }
        let index = Int32(nodes.count)
        nodes.append(
          Node(
            tag: tag, isText: false, parent: parent, end: index + 1, start: nameStart,
            length: nameLength, firstAttribute: firstAttribute,
            attributeCount: Int32(attributes.count) - firstAttribute))
        if let child = node.pointee.children {
          stack.append((node, index))
          parent = index
          current = child
        } else {
          current = node.pointee.next
        }
        continue
      }
      guard let top = stack.popLast() else { break }
      nodes[Int(top.index)].end = Int32(nodes.count)
      parent = stack.last?.index ?? 0
      current = top.node.pointee.next
    }
    nodes[0].end = Int32(nodes.count)
    self.init(url: document.url, nodes: nodes, attributes: attributes, bytes: bytes)
  }
}
