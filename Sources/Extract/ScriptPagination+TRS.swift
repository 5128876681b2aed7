/// TRS WCM: list pages described by `createPageHTML(...)` or by `var countPage` and a
/// `document.write` loop. Page 0 is `prefix.ext`, page n `prefix_n.ext` (whatever base the
/// script counts its current page from: `createPageHTML(12, 0, ...)` and
/// `createPageHTML('page_div', 12, 1, ...)` describe the same twelve files).
extension ScriptPagination {
  /// One script's description of a channel's list files.
  struct TRSPaging: Equatable {
    var count: Int
    /// Relative reference of page 0 without its extension ("index", "../xxgk/list").
    var prefix: String
    var separator: String = "_"
    var ext: String
  }

  /// Extensions a TRS list file may have (`createPageHTML`'s last string argument).
  static let pageExtensions: Set<String> = [
    "htm", "html", "shtml", "shtm", "xhtml", "jsp", "php", "asp", "aspx", "do",
  ]

  /// Names a script gives its page count and its page-file prefix and extension.
  static let countNames: Set<String> = [
    "countPage", "pageCount", "totalPage", "totalPages", "page_count", "countpage",
  ]
  static let prefixNames: Set<String> = ["prefix", "pageName", "sPageName", "_sPageName", "pagename"]
  static let suffixNames: Set<String> = ["suffix", "pageExt", "sPageExt", "_sPageExt", "pageext"]

  /// The list pages the page's TRS scripts describe, page order, without duplicates.
  static func trsPages(scripts: [ScriptBlock], url: String, maxPages: Int) -> [String] {
    let tokenized = scripts.filter { !$0.isXML }.map { ScriptTokenizer.tokens($0.body) }
    var vars: [String: ScriptTokenizer.Token] = [:]
    for tokens in tokenized { declarations(tokens, into: &vars) }
    var pagings: [TRSPaging] = []
    for tokens in tokenized {
      pagings += createPageCalls(tokens, vars: vars, url: url)
    }
    if pagings.isEmpty, let paging = variablePaging(tokenized, vars: vars, url: url) {
      pagings.append(paging)
    }
    var seen = Set<String>()
    var out: [String] = []
    for p in pagings {
      for n in 0..<min(p.count, maxPages) {
        let file = n == 0 ? "\(p.prefix).\(p.ext)" : "\(p.prefix)\(p.separator)\(n).\(p.ext)"
        if let abs = absolute(file, base: url), abs != url, seen.insert(abs).inserted {
          out.append(abs)
        }
      }
    }
    return out
  }

  /// `name = literal` assignments (`var countPage = 12`, `countPage="12"`,
  /// `var n = parseInt("12")`): the last literal each name gets.
  static func declarations(
    _ t: [ScriptTokenizer.Token], into vars: inout [String: ScriptTokenizer.Token]
  ) {
    var i = 1
    while i + 1 < t.count {
      defer { i += 1 }
      guard t[i] == .punct("="), case .identifier(let name) = t[i - 1] else { continue }
      var j = i + 1
      if case .identifier(let f) = t[j], f == "parseInt" || f == "Number", j + 2 < t.count,
        t[j + 1] == .punct("(")
      {
        j += 2
      }
      switch t[j] {
      case .number, .string:
        // `= 12 + x` is an expression, not a literal.
        if j + 1 < t.count, case .punct(let p) = t[j + 1], "+-*/%?.[".contains(p) { continue }
        vars[name] = t[j]
      default: continue
      }
    }
  }

  /// The pagings of `createPageHTML(...)` calls (not its definition), arguments resolved
  /// through `vars`.
  static func createPageCalls(
    _ t: [ScriptTokenizer.Token], vars: [String: ScriptTokenizer.Token], url: String
  ) -> [TRSPaging] {
    var out: [TRSPaging] = []
    var i = 0
    while i + 1 < t.count {
      defer { i += 1 }
      guard t[i] == .identifier("createPageHTML"), t[i + 1] == .punct("(") else { continue }
      if i > 0, t[i - 1] == .identifier("function") { continue }
      let args = callArguments(t, openAt: i + 1).map { arg -> ScriptTokenizer.Token? in
        guard arg.count == 1 else { return nil }
        if case .identifier(let name) = arg[0] { return vars[name] }
        return arg[0]
      }
      if let paging = paging(fromArguments: args, url: url) { out.append(paging) }
    }
    return out
  }

  /// The arguments of a call whose `(` is at `open`: each a token run, split at top-level commas.
  static func callArguments(_ t: [ScriptTokenizer.Token], openAt open: Int)
    -> [[ScriptTokenizer.Token]]
  {
    var args: [[ScriptTokenizer.Token]] = [[]]
    var depth = 0
    var i = open + 1
    while i < t.count {
      let tok = t[i]
      i += 1
      switch tok {
      case .punct("("), .punct("["), .punct("{"): depth += 1
      case .punct(")"), .punct("]"), .punct("}"):
        if depth == 0 { return args.last?.isEmpty == true && args.count == 1 ? [] : args }
        depth -= 1
      case .punct(",") where depth == 0:
        args.append([])
        continue
      default: break
      }
      args[args.count - 1].append(tok)
    }
    return args
  }

  /// A paging from `createPageHTML`'s literal arguments: the first two numbers are the page
  /// count and the current page (in either order: the current page never exceeds the count),
  /// the last string that is a page extension is the extension, the string before it the prefix.
  static func paging(fromArguments args: [ScriptTokenizer.Token?], url: String) -> TRSPaging? {
    var numbers: [Double] = []
    var strings: [String] = []
    for arg in args {
      switch arg {
      case .number(let d): numbers.append(d)
      case .string(let s):
        if let d = Double(s.trimmingSpaces()) { numbers.append(d) } else { strings.append(s) }
      default: break
      }
    }
    guard var total = count(numbers.first) else { return nil }
    if numbers.count > 1, let second = count(numbers[1]), second > total { total = second }
    guard total > 1 else { return nil }
    var prefix: String?
    var ext: String?
    if let e = strings.lastIndex(where: { pageExtensions.contains(bareExtension($0)) }) {
      ext = bareExtension(strings[e])
      if e > 0 { prefix = strings[e - 1] }
    } else if let named = strings.last(where: { fileWithExtension($0) != nil }) {
      (prefix, ext) = fileWithExtension(named) ?? (nil, nil)
    }
    guard let ext = ext ?? ownFile(url)?.ext else { return nil }
    let name = prefix.map { $0.trimmingSpaces() }.flatMap { $0.isEmpty ? nil : $0 } ?? "index"
    return TRSPaging(count: total, prefix: name, ext: ext)
  }

  /// A paging from a page-count variable: the prefix and extension come from `prefix`/`suffix`
  /// variables, else from the `document.write` strings (`"<a href=\"index_" + i + ".htm\">"`),
  /// else from the page's own file name.
  static func variablePaging(
    _ scripts: [[ScriptTokenizer.Token]], vars: [String: ScriptTokenizer.Token], url: String
  ) -> TRSPaging? {
    guard
      let total = countNames.compactMap({ name -> Int? in
        switch vars[name] {
        case .number(let d): return count(d)
        case .string(let s): return count(Double(s.trimmingSpaces()))
        default: return nil
        }
      }).first, total > 1
    else { return nil }
    func stringVar(_ names: Set<String>) -> String? {
      names.sorted().compactMap { n -> String? in
        if case .string(let s) = vars[n], !s.isEmpty { return s }
        return nil
      }.first
    }
    if let prefix = stringVar(prefixNames), let suffix = stringVar(suffixNames) {
      return TRSPaging(count: total, prefix: prefix, ext: bareExtension(suffix))
    }
    for tokens in scripts {
      for written in writtenStrings(tokens, vars: vars) {
        if let p = placeholderPaging(written, count: total) { return p }
      }
    }
    // The page's own name only when the script also keeps a current page (TRS's pair).
    let current: Set<String> = ["currentPage", "curPage", "currPage", "pageIndex"]
    guard current.contains(where: { vars[$0] != nil }), let own = ownFile(url) else { return nil }
    return TRSPaging(count: total, prefix: own.stem, ext: own.ext)
  }

  /// Stands for a value the script computes (a page number) in `writtenStrings`.
  static let placeholder: Character = "\u{1}"

  /// The text each `document.write(...)` call writes, string variables substituted and every
  /// other expression (the loop index, `currentPage+1`) written as `placeholder`.
  static func writtenStrings(
    _ t: [ScriptTokenizer.Token], vars: [String: ScriptTokenizer.Token]
  ) -> [String] {
    var out: [String] = []
    var i = 0
    while i + 3 < t.count {
      defer { i += 1 }
      guard t[i] == .identifier("document"), t[i + 1] == .punct("."),
        t[i + 2] == .identifier("write") || t[i + 2] == .identifier("writeln"),
        t[i + 3] == .punct("(")
      else { continue }
      var text = ""
      for arg in callArguments(t, openAt: i + 3) {
        var pendingPlaceholder = false
        var depth = 0
        for tok in arg {
          switch tok {
          case .punct("("), .punct("["): depth += 1
          case .punct(")"), .punct("]"): depth -= 1
          case .string(let s) where depth == 0:
            if pendingPlaceholder { text.append(placeholder) }
            pendingPlaceholder = false
            text += s
          case .identifier(let name) where depth == 0:
            if case .string(let s) = vars[name] {
              if pendingPlaceholder { text.append(placeholder) }
              pendingPlaceholder = false
              text += s
            } else {
              pendingPlaceholder = true
            }
          case .punct("+"): break
          default: pendingPlaceholder = true
          }
        }
        if pendingPlaceholder { text.append(placeholder) }
      }
      out.append(text)
    }
    return out
  }

  /// The paging of a written `href="index_" + n + ".htm"`: the text before the page number is
  /// the prefix and separator, the text after it the extension.
  static func placeholderPaging(_ written: String, count total: Int) -> TRSPaging? {
    for href in hrefs(in: written[...]) {
      guard let mark = href.firstIndex(of: placeholder) else { continue }
      var before = String(href[href.startIndex..<mark])
      let after = href[href.index(after: mark)...]
      guard after.first == ".", !after.contains(placeholder) else { continue }
      let ext = bareExtension(String(after))
      guard pageExtensions.contains(ext.lowercased()) else { continue }
      var separator = ""
      if let last = before.last, last == "_" || last == "-" {
        separator = String(last)
        before.removeLast()
      }
      guard !before.isEmpty, !separator.isEmpty else { continue }
      return TRSPaging(count: total, prefix: before, separator: separator, ext: ext)
    }
    return nil
  }

  /// An extension without its dot and anything after it: ".htm" → "htm", "htm" → "htm".
  static func bareExtension(_ s: String) -> String {
    var e = s.trimmingSpaces()[...]
    if e.first == "." { e = e.dropFirst() }
    let end = e.firstIndex(where: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) ?? e.endIndex
    return String(e[e.startIndex..<end])
  }

  /// "index.htm" → ("index", "htm") when the extension is a page extension.
  static func fileWithExtension(_ s: String) -> (String, String)? {
    guard let dot = s.lastIndex(of: ".") else { return nil }
    let ext = String(s[s.index(after: dot)...])
    guard pageExtensions.contains(ext.lowercased()), dot > s.startIndex else { return nil }
    return (String(s[s.startIndex..<dot]), ext)
  }

  /// The page's own file name as stem and extension, its page number dropped:
  /// ".../index_3.htm" → ("index", "htm"); nil for a directory URL.
  static func ownFile(_ url: String) -> (stem: String, ext: String)? {
    let path = url.split(separator: "?", maxSplits: 1).first ?? ""
    guard let slash = path.lastIndex(of: "/") else { return nil }
    let file = String(path[path.index(after: slash)...])
    guard let (name, ext) = fileWithExtension(file) else { return nil }
    var stem = name[...]
    if let us = stem.lastIndex(of: "_"), stem[stem.index(after: us)...].allSatisfy(\.isNumber),
      us > stem.startIndex
    {
      stem = stem[stem.startIndex..<us]
    }
    return (String(stem), ext)
  }
}
