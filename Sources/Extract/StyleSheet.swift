import Foundation

/// The few CSS facts the extractor needs from a page's own `<style>` rules: which simple
/// selectors hide content, and which set a text or background colour.
///
/// Hand-written rather than a CSS library: we only read `display:none`-style declarations and
/// colours of simple selectors (`tag`, `.class`, `#id`, `tag.class.other`, comma lists), skip
/// `@media print` and other at-rules, and ignore combinators and pseudo-classes entirely. That is
/// what hidden watermarks and white-on-white text use in practice.
struct StyleSheet: Sendable {
  /// Parsed sheets by their text: the pages of one site share their CSS. At most 64 entries
  /// (cleared when full); safe from any thread.
  private static let cache = SheetCache()

  /// The sheet for `css`, parsed once per distinct text.
  static func cached(css: String) -> StyleSheet {
    if css.isEmpty { return StyleSheet() }
    let key = SheetCache.Key(css)
    if let hit = cache.get(key) { return hit }
    let sheet = StyleSheet(css: css)
    cache.put(key, sheet)
    return sheet
  }

  /// What one selector's declarations say.
  struct Rule: Sendable {
    var tag: String?
    var id: String?
    var classes: [String]
    var style: InlineStyle
  }

  private(set) var rules: [Rule] = []
  /// Rules indexed by id, by first class, and by tag (for selectors with neither).
  private(set) var byID: [String: [Int]] = [:]
  private(set) var byClass: [String: [Int]] = [:]
  private(set) var byTag: [String: [Int]] = [:]

  var isEmpty: Bool { rules.isEmpty }

  init() {}

  /// Parses the concatenated text of the page's `<style>` elements.
  init(css: String) {
    var text = Array(css.utf8)
    StyleSheet.removeComments(&text)
    // What each distinct declaration does, shared by the sheet's rules (they repeat the same
    // few colours and displays).
    var effects: [UInt64: InlineStyle] = [:]
    var i = 0
    // Depth of @media blocks we entered (their closing braces are skipped).
    var mediaDepth = 0
    while i < text.count {
      // Prelude up to '{' or '}'.
      let preludeStart = i
      while i < text.count, text[i] != UInt8(ascii: "{"), text[i] != UInt8(ascii: "}") { i += 1 }
      guard i < text.count else { break }
      if text[i] == UInt8(ascii: "}") {
        if mediaDepth > 0 { mediaDepth -= 1 }
        i += 1
        continue
      }
      // At-rule or not, decided on the bytes (a String is made only for preludes used).
      var first = preludeStart
      while first < i,
        text[first] == 0x20 || text[first] == 0x09 || text[first] == 0x0D
          || text[first] == 0x0A || text[first] == UInt8(ascii: ";")
      {
        first += 1
      }
      let isAtRule = first < i && text[first] == UInt8(ascii: "@")
      let preludeEnd = i
      i += 1  // past '{'
      if isAtRule {
        let prelude = String(decoding: text[preludeStart..<preludeEnd], as: UTF8.self)
          .trimming(" \t\r\n;")
        let lower = prelude.lowercased()
        if lower.hasPrefix("@media")
          && (!utf8Contains(lower, "print") || utf8Contains(lower, "screen"))
        {
          mediaDepth += 1  // parse the nested rules as if top-level
          continue
        }
        // Skip the balanced block of any other at-rule (or print-only media).
        var depth = 1
        while i < text.count, depth > 0 {
          if text[i] == UInt8(ascii: "{") {
            depth += 1
          } else if text[i] == UInt8(ascii: "}") {
            depth -= 1
          }
          i += 1
        }
        continue
      }
      let bodyStart = i
      while i < text.count, text[i] != UInt8(ascii: "}") { i += 1 }
      let bodyEnd = min(i, text.count)
      i += 1
      // Most selectors of modern style sheets are not simple: skip their declarations unread.
      guard StyleSheet.mayHaveSimpleSelector(text[preludeStart..<bodyStart]),
        StyleSheet.mayDeclareKnownProperty(text[bodyStart..<bodyEnd])
      else { continue }
      let prelude = String(decoding: text[preludeStart..<preludeEnd], as: UTF8.self)
        .trimming(" \t\r\n;")
      let selectors = prelude.split(separator: ",").compactMap {
        StyleSheet.simpleRule($0, style: InlineStyle())
      }
      guard !selectors.isEmpty else { continue }
      let style = InlineStyle(
        String(decoding: text[bodyStart..<bodyEnd], as: UTF8.self), effects: &effects)
      guard style.isInteresting else { continue }
      for var rule in selectors {
        rule.style = style
        add(rule)
      }
    }
  }

  private mutating func add(_ rule: Rule) {
    let index = rules.count
    rules.append(rule)
    if let id = rule.id {
      byID[id, default: []].append(index)
    } else if let c = rule.classes.first {
      byClass[c, default: []].append(index)
    } else if let t = rule.tag {
      byTag[t, default: []].append(index)
    }
  }

  /// Whether a declaration block may set a property `InlineStyle.apply` acts on: some run of
  /// ASCII letters and '-', lower-cased, is one of `InlineStyle.knownNames` and is followed by
  /// optional spaces and ':'. A necessary condition for `InlineStyle(body).isInteresting`,
  /// checked on bytes: most rules of a real site's sheet (layout, fonts, margins) fail it, and
  /// parsing their declarations was most of the cost of a sheet.
  static func mayDeclareKnownProperty(_ body: ArraySlice<UInt8>) -> Bool {
    var i = body.startIndex
    let end = body.endIndex
    var word: [UInt8] = []
    word.reserveCapacity(24)
    while i < end {
      let c = body[i]
      let lower = c | 0x20
      if (lower >= 0x61 && lower <= 0x7A) || c == 0x2D {
        word.append(c == 0x2D ? c : lower)
        i += 1
        continue
      }
      if !word.isEmpty {
        var j = i
        while j < end, body[j] == 0x20 || body[j] == 0x09 || body[j] == 0x0A || body[j] == 0x0D {
          j += 1
        }
        if j < end, body[j] == UInt8(ascii: ":"), InlineStyle.knownNames.contains(word) {
          return true
        }
        word.removeAll(keepingCapacity: true)
      }
      i += 1
    }
    return false
  }

  /// Whether some comma-separated part of a rule's prelude bytes (its '{' included) may be a
  /// simple selector: a necessary condition for `simpleRule` to accept one, checked on bytes
  /// before making Strings. Each part, with any spaces, tabs, CR, LF and ';' at its ends
  /// removed (more than `simpleRule` trims), must be non-empty and hold only ASCII letters,
  /// digits, '-', '_', '.', '#' or non-ASCII bytes (which may be letters).
  static func mayHaveSimpleSelector(_ prelude: ArraySlice<UInt8>) -> Bool {
    var partStart = prelude.startIndex
    let end = prelude.endIndex - 1  // the '{'
    while partStart <= end {
      var partEnd = partStart
      while partEnd < end, prelude[partEnd] != UInt8(ascii: ",") { partEnd += 1 }
      var i = partStart
      var j = partEnd
      func isTrimmed(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A || c == UInt8(ascii: ";")
      }
      while i < j, isTrimmed(prelude[i]) { i += 1 }
      while j > i, isTrimmed(prelude[j - 1]) { j -= 1 }
      if i < j {
        var ok = true
        for k in i..<j {
          let c = prelude[k]
          if (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
            || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".")
            || c == UInt8(ascii: "#") || c >= 0x80
          {
            continue
          }
          ok = false
          break
        }
        if ok { return true }
      }
      partStart = partEnd + 1
    }
    return false
  }

  /// Parses `tag`, `.a`, `#b`, `tag.a.b`, `tag#b` (no combinators, attributes or pseudos).
  static func simpleRule(_ raw: Substring, style: InlineStyle) -> Rule? {
    let s = raw.trimming(" \t\r\n")
    guard !s.isEmpty else { return nil }
    var tag: String?
    var id: String?
    var classes: [String] = []
    var current = ""
    var kind: Character = "t"
    func finish() -> Bool {
      if current.isEmpty { return kind == "t" }
      switch kind {
      case "t": tag = current.lowercased()
      case "#": if id != nil { return false } else { id = current }
      default: classes.append(current)
      }
      current = ""
      return true
    }
    for ch in s {
      if ch == "." || ch == "#" {
        guard finish() else { return nil }
        kind = ch
      } else if ch.isLetter || ch.isNumber || ch == "-" || ch == "_" {
        current.append(ch)
      } else {
        return nil
      }
    }
    guard finish(), tag != nil || id != nil || !classes.isEmpty else { return nil }
    if tag == "*" { tag = nil }
    return Rule(tag: tag, id: id, classes: classes, style: style)
  }

  /// Removes /* comments */ in place (replacing them by spaces).
  private static func removeComments(_ text: inout [UInt8]) {
    text.withUnsafeMutableBufferPointer { b in
      guard let base = b.baseAddress else { return }
      let n = b.count
      var i = 0
      while i + 1 < n {
        // The next '/' (memchr: comments are sparse in a long sheet).
        guard let slash = memchr(base + i, Int32(UInt8(ascii: "/")), n - i - 1) else { return }
        i = UnsafeMutableRawPointer(slash).assumingMemoryBound(to: UInt8.self) - base
        guard b[i + 1] == UInt8(ascii: "*") else {
          i += 1
          continue
        }
        var j = i + 2
        while j + 1 < n, !(b[j] == UInt8(ascii: "*") && b[j + 1] == UInt8(ascii: "/")) {
          j += 1
        }
        let end = min(j + 2, n)
        for k in i..<end { b[k] = UInt8(ascii: " ") }
        i = end
      }
    }
  }

  /// The combined style the rules give an element (later rules win, id over class over tag).
  func style(tag: String, id: String?, classes: [Substring]) -> InlineStyle? {
    var result: InlineStyle?
    func apply(_ indices: [Int]?) {
      guard let indices else { return }
      for i in indices {
        let r = rules[i]
        if let t = r.tag, t != tag { continue }
        if let rid = r.id, rid != id { continue }
        if !r.classes.allSatisfy({ c in classes.contains(where: { $0 == c }) }) { continue }
        result = (result ?? InlineStyle()).overridden(by: r.style)
      }
    }
    if !byTag.isEmpty { apply(byTag[tag]) }
    if !byClass.isEmpty {
      for c in classes { apply(byClass[String(c)]) }
    }
    if let id, !byID.isEmpty { apply(byID[id]) }
    return result
  }
}

/// A small lock-protected map of parsed style sheets.
///
/// Keyed by the CSS bytes: hashing a `String` key normalises it (NFC) first, which for the tens
/// of kilobytes of a portal's style sheet cost more than the rest of the lookup.
final class SheetCache: @unchecked Sendable {
  struct Key: Hashable {
    let bytes: [UInt8]
    /// SipHash of the bytes, computed once (a lookup and an insert hash it otherwise twice).
    let digest: Int

    init(_ css: String) {
      bytes = Array(css.utf8)
      var hasher = Hasher()
      bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
      digest = hasher.finalize()
    }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
    static func == (a: Key, b: Key) -> Bool { a.digest == b.digest && a.bytes == b.bytes }
  }

  private let lock = NSLock()
  private var sheets: [Key: StyleSheet] = [:]

  func get(_ key: Key) -> StyleSheet? {
    lock.lock()
    defer { lock.unlock() }
    return sheets[key]
  }

  func put(_ key: Key, _ sheet: StyleSheet) {
    lock.lock()
    defer { lock.unlock() }
    if sheets.count >= 64 { sheets.removeAll() }
    sheets[key] = sheet
  }
}

/// The declarations of one style attribute or rule that matter to the extractor.
struct InlineStyle: Sendable, Equatable {
  /// true: hides (display:none, visibility:hidden, font-size:0, opacity:0, far off-screen);
  /// false: explicitly shown (display:block etc.); nil: says nothing.
  var hidden: Bool?
  /// Text colour as 0xRRGGBB, or `CSSColor.transparent`.
  var color: Int32?
  /// Background colour as 0xRRGGBB, `CSSColor.unknown` when a background is set but its colour
  /// cannot be known (an image).
  var background: Int32?

  init() {}

  /// Parses "a:b; c:d" declarations.
  init(_ declarations: String) {
    var effects: [UInt64: InlineStyle] = [:]
    self.init(declarations, effects: &effects)
  }

  /// Parses declarations, reusing (and adding to) `effects`: what a declaration of a known
  /// property with a given value does, keyed by a 64-bit hash of the property and the value's
  /// bytes (a collision between two distinct declarations of one sheet is a ~1e-15 event).
  init(_ declarations: String, effects: inout [UInt64: InlineStyle]) {
    if parseASCII(declarations, effects: &effects) { return }
    for decl in declarations.split(separator: ";") {
      guard let colon = decl.firstIndex(of: ":") else { continue }
      let name = decl[..<colon].trimming(" \t\r\n").lowercased()
      apply(name: name, rawValue: decl[decl.index(after: colon)...])
    }
  }

  /// The names `apply` acts on, as lower-case bytes.
  static let knownNames: [[UInt8]] = [
    "display", "visibility", "font-size", "opacity", "left", "top", "text-indent", "margin-left",
    "color", "background-color", "background",
  ].map { Array($0.utf8) }

  /// `init(_:)` for all-ASCII text, deciding on the bytes which declarations to read (most name
  /// properties the extractor ignores). Returns false, having done nothing, for other text.
  ///
  /// Matches the general path exactly: `trimming(" \t\r\n")` compares Characters, so it trims
  /// spaces, tabs and CR LF pairs but not a lone CR or LF, and so does this.
  private mutating func parseASCII(
    _ declarations: String, effects: inout [UInt64: InlineStyle]
  ) -> Bool {
    var text = declarations
    var found: [(name: Int, effect: InlineStyle)] = []
    let ascii = text.withUTF8 { b -> Bool in
      for c in b where c >= 0x80 { return false }
      var start = 0
      while start < b.count {
        var end = start
        while end < b.count, b[end] != UInt8(ascii: ";") { end += 1 }
        defer { start = end + 1 }
        var colon = start
        while colon < end, b[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < end else { continue }
        var i = start
        var j = colon
        while i < j {
          if b[i] == 0x20 || b[i] == 0x09 {
            i += 1
          } else if b[i] == 0x0D, i + 1 < j, b[i + 1] == 0x0A {
            i += 2
          } else {
            break
          }
        }
        while j > i {
          if b[j - 1] == 0x20 || b[j - 1] == 0x09 {
            j -= 1
          } else if b[j - 1] == 0x0A, j - 2 >= i, b[j - 2] == 0x0D {
            j -= 2
          } else {
            break
          }
        }
        let length = j - i
        for (nameIndex, known) in InlineStyle.knownNames.enumerated() where known.count == length {
          var same = true
          for k in 0..<length {
            var c = b[i + k]
            if c >= 0x41 && c <= 0x5A { c += 32 }
            if c != known[k] {
              same = false
              break
            }
          }
          if same {
            var key = 0xcbf2_9ce4_8422_2325 ^ UInt64(nameIndex)
            for k in (colon + 1)..<end { key = (key ^ UInt64(b[k])) &* 0x100_0000_01b3 }
            if let effect = effects[key] {
              found.append((nameIndex, effect))
            } else {
              // What the declaration does to a style that has nothing set yet.
              var effect = InlineStyle()
              effect.apply(
                name: String(decoding: known, as: UTF8.self),
                rawValue: Substring(
                  String(
                    decoding: UnsafeBufferPointer(rebasing: b[(colon + 1)..<end]), as: UTF8.self)))
              effects[key] = effect
              found.append((nameIndex, effect))
            }
            break
          }
        }
      }
      return true
    }
    guard ascii else { return false }
    for (name, effect) in found { replay(effect, of: name) }
    return true
  }

  /// Does to `self` what the declaration of `knownNames[name]` whose effect on an empty style
  /// is `effect` does (see `apply`): the same result as applying it again.
  mutating func replay(_ effect: InlineStyle, of name: Int) {
    switch name {
    case 0:  // display: none hides; anything else shows unless already decided
      if effect.hidden == true {
        hidden = true
      } else if hidden == nil {
        hidden = false
      }
    case InlineStyle.colorIndex:
      color = effect.color
    case InlineStyle.colorIndex + 1, InlineStyle.colorIndex + 2:  // background-color, background
      background = effect.background
    default:  // visibility, font-size, opacity, offsets: they can only hide
      if effect.hidden == true { hidden = true }
    }
  }

  /// The position of "color" in `knownNames` (background-color and background follow it).
  static let colorIndex = 8

  /// Applies one declaration (`name` trimmed and lower-cased, the value as written).
  mutating func apply(name: String, rawValue: Substring) {
    var value = rawValue.trimming(" \t\r\n").lowercased()
    if let bang = value.firstIndex(of: "!") { value = String(value[..<bang]) }
    value = value.trimming(" \t")
    switch name {
    case "display":
      if value == "none" { hidden = true } else if hidden == nil { hidden = false }
    case "visibility": if value == "hidden" || value == "collapse" { hidden = true }
    case "font-size":
      if CSSColor.isZeroLength(value) { hidden = true }
    case "opacity":
      if let v = Double(value), v <= 0.01 { hidden = true }
    case "left", "top", "text-indent", "margin-left":
      if CSSColor.isFarNegative(value) { hidden = true }
    case "width", "height":
      // width:0;height:0 with overflow:hidden is a common hiding trick; only trust it together.
      break
    case "color":
      color = CSSColor.parse(value)
    case "background-color":
      background = CSSColor.parse(value) ?? CSSColor.unknown
    case "background":
      background = CSSColor.parse(fromShorthand: value)
    default: break
    }
  }

  var isInteresting: Bool { hidden == true || color != nil || background != nil }

  /// `self` with every property `other` sets replaced.
  func overridden(by other: InlineStyle) -> InlineStyle {
    var s = self
    if let h = other.hidden { s.hidden = h }
    if let c = other.color { s.color = c }
    if let b = other.background { s.background = b }
    return s
  }
}

/// CSS and HTML colour values as 0xRRGGBB integers.
enum CSSColor {
  static let transparent: Int32 = -2
  static let unknown: Int32 = -1
  static let white: Int32 = 0xFFFFFF

  static let named: [String: Int32] = [
    "white": 0xFFFFFF, "black": 0x000000, "red": 0xFF0000, "green": 0x008000, "blue": 0x0000FF,
    "gray": 0x808080, "grey": 0x808080, "silver": 0xC0C0C0, "yellow": 0xFFFF00,
    "snow": 0xFFFAFA, "ivory": 0xFFFFF0, "whitesmoke": 0xF5F5F5,
  ]

  /// Parses "#fff", "#ffffff", "fff" (HTML attributes often omit '#'), "white", "rgb(…)".
  static func parse(_ raw: String) -> Int32? {
    let v = raw.trimming(" \t\"'").lowercased()
    if v.isEmpty { return nil }
    if v == "transparent" { return transparent }
    if let n = named[v] { return n }
    if v.hasPrefix("rgb") {
      guard let open = v.firstIndex(of: "("), let close = v.firstIndex(of: ")") else { return nil }
      let parts = v[v.index(after: open)..<close].split(separator: ",").map {
        $0.trimming(" ")
      }
      guard parts.count >= 3 else { return nil }
      if parts.count == 4, let a = Double(parts[3]), a <= 0.01 { return transparent }
      var rgb: Int32 = 0
      for p in parts.prefix(3) {
        let n: Double
        if p.hasSuffix("%"), let x = Double(p.dropLast()) {
          n = x * 2.55
        } else if let x = Double(p) {
          n = x
        } else {
          return nil
        }
        rgb = rgb << 8 | Int32(max(0, min(255, n.rounded())))
      }
      return rgb
    }
    var hex = Substring(v)
    if hex.hasPrefix("#") { hex = hex.dropFirst() }
    guard hex.allSatisfy({ $0.isHexDigit }) else { return nil }
    if hex.count == 3 {
      var rgb: Int32 = 0
      for c in hex {
        guard let d = c.hexDigitValue else { return nil }
        rgb = rgb << 8 | Int32(d * 17)
      }
      return rgb
    }
    if hex.count == 6, let n = Int32(hex, radix: 16) { return n }
    return nil
  }

  /// The colour in a `background:` shorthand, or `unknown` when it sets none (an image).
  static func parse(fromShorthand value: String) -> Int32 {
    for token in value.split(whereSeparator: { $0 == " " }) {
      if let c = parse(String(token)) { return c }
    }
    if value.hasPrefix("rgb"), let c = parse(value) { return c }
    return value == "none" ? transparent : unknown
  }

  static func isZeroLength(_ v: String) -> Bool {
    let digits = v.prefix(while: { $0.isNumber || $0 == "." })
    guard let n = Double(digits) else { return false }
    return n == 0
  }

  /// "-9999px", "-2000em" and the like: content moved off the screen.
  static func isFarNegative(_ v: String) -> Bool {
    guard v.hasPrefix("-") else { return false }
    let digits = v.dropFirst().prefix(while: { $0.isNumber })
    guard let n = Int(digits) else { return false }
    return n >= 999
  }
}

extension StringProtocol {
  /// The text without leading and trailing characters from `set`.
  func trimming(_ set: String) -> String {
    // Plain text (see `PlainUTF8`) has one scalar per Character and compares scalars as bytes:
    // trim on the bytes. Measured: the Character walk asking `set.contains` per Character was
    // a third of the title search.
    if let trimmed = utf8.withContiguousStorageIfAvailable({ PlainUTF8.trimming($0, set) }),
      let trimmed
    {
      return trimmed
    }
    guard let start = firstIndex(where: { !set.contains($0) }),
      let end = lastIndex(where: { !set.contains($0) })
    else { return "" }
    return String(self[start...end])
  }
}
