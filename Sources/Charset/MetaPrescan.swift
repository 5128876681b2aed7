/// Finds a `<meta charset>` or `<meta http-equiv="Content-Type" content="…charset=…">` in the
/// first bytes of a page, following the WHATWG "prescan a byte stream to determine its encoding"
/// algorithm (comments, other tags and odd quoting are skipped as a browser would).
///
/// Byte-level and allocation-light; thread-safe.
public enum MetaPrescan {
  /// How many bytes are examined (WHATWG says 1024; real Chinese portals put the meta later).
  public static let limit = 8192

  /// The canonical encoding name declared by the first usable meta element, or nil.
  ///
  /// As WHATWG says, a declared UTF-16 encoding means UTF-8 (the bytes were ASCII-compatible
  /// enough to be read here).
  public static func charset(in bytes: [UInt8]) -> String? {
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return nil }
      var scanner = Scanner(p: base, n: min(buffer.count, limit))
      return scanner.run()
    }
  }

  /// The canonical encoding named by a `charset=` parameter in a Content-Type-like value
  /// (WHATWG "extract a character encoding from a meta element"), or nil.
  public static func charset(inContentType value: String) -> String? {
    var bytes = Array(value.utf8)
    guard var label = extractCharsetLabel(&bytes, 0, bytes.count) else { return nil }
    return EncodingLabel.canonical(bytes: &label)
  }

  /// The raw label after `charset=` in `bytes[start..<end]`, or nil.
  static func extractCharsetLabel(_ bytes: inout [UInt8], _ start: Int, _ end: Int) -> [UInt8]? {
    var i = start
    while true {
      // Find "charset" (case-insensitive).
      var found = -1
      var k = i
      while k + 7 <= end {
        if lower(bytes[k]) == 0x63 && matches(bytes, k, "charset") {
          found = k
          break
        }
        k += 1
      }
      guard found >= 0 else { return nil }
      i = found + 7
      while i < end, isSpace(bytes[i]) { i += 1 }
      guard i < end else { return nil }
      if bytes[i] != 0x3D {  // '='
        continue  // look for the next "charset" from here
      }
      i += 1
      while i < end, isSpace(bytes[i]) { i += 1 }
      guard i < end else { return nil }
      let q = bytes[i]
      if q == 0x22 || q == 0x27 {
        var j = i + 1
        while j < end, bytes[j] != q { j += 1 }
        guard j < end else { return nil }
        return Array(bytes[(i + 1)..<j])
      }
      var j = i
      while j < end, !isSpace(bytes[j]), bytes[j] != 0x3B { j += 1 }
      return Array(bytes[i..<j])
    }
  }

  @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
    b >= 0x41 && b <= 0x5A ? b + 0x20 : b
  }

  @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D
  }

  /// Whether `bytes[at...]` starts with the lower-case ASCII `word`, case-insensitively.
  static func matches(_ bytes: [UInt8], _ at: Int, _ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard at + count <= bytes.count else { return false }
    let w = word.utf8Start
    for k in 0..<count where lower(bytes[at + k]) != w[k] { return false }
    return true
  }

  /// The prescan state machine over `p[0..<n]`.
  struct Scanner {
    let p: UnsafePointer<UInt8>
    let n: Int
    var i = 0

    init(p: UnsafePointer<UInt8>, n: Int) {
      self.p = p
      self.n = n
    }

    func at(_ k: Int, is word: StaticString) -> Bool {
      let count = word.utf8CodeUnitCount
      guard k + count <= n else { return false }
      let w = word.utf8Start
      for j in 0..<count where MetaPrescan.lower(p[k + j]) != w[j] { return false }
      return true
    }

    static func isLetter(_ b: UInt8) -> Bool {
      (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    mutating func run() -> String? {
      while i < n {
        guard p[i] == 0x3C else {  // '<'
          i += 1
          continue
        }
        if at(i, is: "<!--") {
          i += 4
          // Skip to "-->" (the "--" may overlap the opening one, as in "<!-->").
          var k = i - 2
          while k + 3 <= n, !(p[k] == 0x2D && p[k + 1] == 0x2D && p[k + 2] == 0x3E) { k += 1 }
          i = k + 3
          continue
        }
        if at(i, is: "<meta"), i + 5 < n, MetaPrescan.isSpace(p[i + 5]) || p[i + 5] == 0x2F {
          i += 6
          if let name = meta() { return name }
          continue
        }
        if i + 1 < n,
          Self.isLetter(p[i + 1]) || (p[i + 1] == 0x2F && i + 2 < n && Self.isLetter(p[i + 2]))
        {
          // Another tag: skip its name, then its attributes.
          i += 1
          while i < n, !MetaPrescan.isSpace(p[i]), p[i] != 0x3E { i += 1 }
          while attribute() != nil {}
          continue
        }
        if i + 1 < n, p[i + 1] == 0x21 || p[i + 1] == 0x2F || p[i + 1] == 0x3F {
          // "<!", "</", "<?": skip to the next '>'.
          while i < n, p[i] != 0x3E { i += 1 }
          i += 1
          continue
        }
        i += 1
      }
      return nil
    }

    /// Processes one meta element's attributes; returns the encoding it declares, if usable.
    mutating func meta() -> String? {
      var seen = Set<[UInt8]>()
      var gotPragma = false
      var needPragma: Bool? = nil
      var charset: String? = nil
      while let attribute = attribute() {
        let name = attribute.0
        var value = attribute.1
        guard seen.insert(name).inserted else { continue }
        switch name {
        case Array("http-equiv".utf8):
          if value.count == 12, MetaPrescan.matches(value, 0, "content-type") { gotPragma = true }
        case Array("content".utf8):
          if charset == nil, var label = MetaPrescan.extractCharsetLabel(&value, 0, value.count),
            let found = EncodingLabel.canonical(bytes: &label)
          {
            charset = found
            needPragma = true
          }
        case Array("charset".utf8):
          charset = EncodingLabel.canonical(bytes: &value)
          needPragma = false
        default:
          break
        }
      }
      guard let needPragma, !(needPragma && !gotPragma), let charset else { return nil }
      if charset == "utf-16le" || charset == "utf-16be" { return "utf-8" }
      return charset
    }

    /// WHATWG "get an attribute": the lower-cased name and the raw value, or nil at '>' or end.
    mutating func attribute() -> ([UInt8], [UInt8])? {
      while i < n, MetaPrescan.isSpace(p[i]) || p[i] == 0x2F { i += 1 }
      guard i < n else { return nil }
      if p[i] == 0x3E {
        i += 1
        return nil
      }
      var name: [UInt8] = []
      var value: [UInt8] = []
      // Name.
      while i < n {
        let c = p[i]
        if c == 0x3D && !name.isEmpty { break }
        if MetaPrescan.isSpace(c) {
          while i < n, MetaPrescan.isSpace(p[i]) { i += 1 }
          break
        }
        if c == 0x2F || c == 0x3E { return (name, value) }
        name.append(MetaPrescan.lower(c))
        i += 1
      }
      guard i < n else { return (name, value) }
      if p[i] != 0x3D { return (name, value) }  // no value
      i += 1
      while i < n, MetaPrescan.isSpace(p[i]) { i += 1 }
      guard i < n else { return (name, value) }
      let q = p[i]
      if q == 0x22 || q == 0x27 {
        i += 1
        while i < n, p[i] != q {
          value.append(MetaPrescan.lower(p[i]))
          i += 1
        }
        i += 1
        return (name, value)
      }
      if q == 0x3E { return (name, value) }
      while i < n, !MetaPrescan.isSpace(p[i]), p[i] != 0x3E {
        value.append(MetaPrescan.lower(p[i]))
        i += 1
      }
      return (name, value)
    }
  }
}
