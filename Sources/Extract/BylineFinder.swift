import HTML

/// Finds an article's author in its byline, wherever portals write it.
///
/// Looked for, in this order: the metadata lines around the title (`作者：张三`, `记者 张三`,
/// `文/张三`, `作者 张三` in a label/value pair), the body's first paragraphs (a byline paragraph
/// `澎湃新闻记者 段彦超 廖艳`, a lead `新京报讯（记者 陆一夫）…`), its last paragraphs and the lines
/// after it (`扬子晚报记者 张楠`, `采写：南都见习记者 林子沛`, `《棱镜》作者 周纯`), then
/// `<meta name="author">`. A role word inside the value is skipped (`文/观察者网专栏作者 王文` →
/// 王文); names after it are read up to the next role (`记者 甲 通讯员 乙` → 甲); several names are
/// joined by one space. Values that are no name are refused: attribute text (`size="20"`), a
/// question, a URL, digits only, more than 40 characters, "佚名", "网络整理".
enum BylineFinder {
  /// Words that introduce the author, strongest first.
  static let roles: [[Unicode.Scalar]] = [
    "撰稿人", "作者", "撰文", "采写", "撰稿", "执笔", "记者", "编译",
  ].map { Array($0.unicodeScalars) }
  /// Words after which the following names are not the author's.
  static let otherRoles: [[Unicode.Scalar]] = [
    "通讯员", "实习生", "摄影", "摄像", "编辑", "责编", "责任编辑", "校对", "审核", "来源", "发自", "报道",
    "整理", "整合", "综合", "编写", "供图", "图文", "出品", "制图", "视频", "图片", "图/", "图：", "设计", "监制",
  ].map { Array($0.unicodeScalars) }
  /// Separators between a role word and the names.
  static func isSeparator(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "：", ":", "/", "／", "|", "｜", "丨", "\u{3000}", " ", "\u{A0}", "\t": return true
    default: return false
    }
  }

  /// The author of an article, "" when none is written.
  static func author(
    zone: [[Unicode.Scalar]], head: [[Unicode.Scalar]], tail: [[Unicode.Scalar]],
    metas: [String: String]
  ) -> String {
    for s in zone {
      if let a = byline(in: s, anywhere: true) { return a }
      if let v = MetadataFinder.field(s, labels: MetadataFinder.authorLabels, needsColon: false),
        isPlausible(v)
      {
        return v
      }
    }
    for s in head + tail {
      if let a = byline(in: s, anywhere: false) { return a }
    }
    if let v = metas["author"], let a = metaAuthor(v) { return a }
    return ""
  }

  /// A byline in one line. With `anywhere` false (body paragraphs), the role must open the line,
  /// follow an outlet's name at its start (`扬子晚报记者 张楠`), or open a bracket (`讯（记者 甲）`),
  /// and the names must end the line or the bracket.
  static func byline(in s: [Unicode.Scalar], anywhere: Bool) -> String? {
    guard !s.isEmpty else { return nil }
    var s = s
    // Body lines: short ones, or the bracket of a lead at the start of a long one.
    if !anywhere, s.count > 60 {
      guard let lead = bracketLead(s) else { return nil }
      s = Array(s[0...lead.upperBound])
    }
    var i = 0
    while i < s.count {
      if s[i] == "文", i + 1 < s.count, isSlash(s[i + 1]) || (s[i + 1] == " " && i + 2 < s.count && isSlash(s[i + 2])),
        i == 0 || !TextRules.isCJK(s[i - 1])
      {
        var j = i + 1
        while j < s.count, isSeparator(s[j]) { j += 1 }
        if let names = names(s, from: j, needEnd: !anywhere) { return names }
      }
      for role in roles where s[i] == role[0] && MetadataFinder.matches(role, s, i) {
        if role.first == "记", i > 0, s[i - 1] == "辑" { continue }
        if !anywhere, !roleStartsUnit(s, at: i) { continue }
        let afterRole = i + role.count
        var j = afterRole
        while j < s.count, isSeparator(s[j]) { j += 1 }
        // "作者张三" with nothing between is a name only at the end of its line.
        let glued = j == afterRole
        if let names = names(s, from: j, needEnd: !anywhere || glued) { return names }
      }
      i += 1
    }
    return nil
  }

  static func isSlash(_ c: Unicode.Scalar) -> Bool {
    c == "/" || c == "／" || c == "|" || c == "｜" || c == "丨"
  }

  /// Whether a role word at `i` of a body line opens the line, a bracket, or follows an outlet's
  /// name (up to 10 Han or Latin characters, with 《》) at the line's start.
  static func roleStartsUnit(_ s: [Unicode.Scalar], at i: Int) -> Bool {
    if i == 0 { return true }
    let before = s[i - 1]
    if before == "（" || before == "(" || before == "【" || before == "[" || before == " " { return true }
    if i <= 12 {
      return s[0..<i].allSatisfy {
        TextRules.isCJK($0) || $0 == "《" || $0 == "》" || $0.properties.isAlphabetic
      }
    }
    return false
  }

  /// The bracket of a lead such as `新京报讯（记者 陆一夫）`: its range, when the line opens with one.
  static func bracketLead(_ s: [Unicode.Scalar]) -> Range<Int>? {
    guard let open = s.prefix(20).firstIndex(where: { $0 == "（" || $0 == "(" }),
      let close = s[open...].prefix(40).firstIndex(where: { $0 == "）" || $0 == ")" })
    else { return nil }
    return open..<close
  }

  /// The names starting at `j`: 1–4 names of 2–4 Han characters (or one Latin name) separated by
  /// spaces or 、, skipping an outlet and role ("南都见习记者 林子沛"). With `needEnd`, the names must
  /// end the line, a bracket or a field.
  static func names(_ s: [Unicode.Scalar], from start: Int, needEnd: Bool) -> String? {
    var j = start
    // Skip "南都见习记者" / "观察者网专栏作者" before the names.
    for role in roles {
      if let r = firstMatch(role, in: s, from: j, within: 14) {
        j = r
        while j < s.count, isSeparator(s[j]) { j += 1 }
        break
      }
    }
    var found: [String] = []
    while j < s.count, found.count < 4 {
      if otherRoles.contains(where: { MetadataFinder.matches($0, s, j) }) { break }
      // The next field's label ("作者：孙八 点击：123").
      if MetadataFinder.isLabelWithColon(s, at: j) { break }
      var k = j
      while k < s.count, TextRules.isCJK(s[k]) { k += 1 }
      if k < s.count, s[k] == "：" || s[k] == ":" { break }
      let length = k - j
      guard length >= 2, length <= 4 else {
        if length == 0, found.isEmpty, let latin = latinName(s, from: j) { return latin.0 }
        if length > 4 { return nil }
        break
      }
      found.append(String(String.UnicodeScalarView(s[j..<k])))
      j = k
      var gap = j
      while gap < s.count, s[gap] == " " || s[gap] == "\u{3000}" || s[gap] == "、" || s[gap] == "\u{A0}" { gap += 1 }
      if gap == j { break }
      j = gap
    }
    guard !found.isEmpty else { return nil }
    var e = j
    while e < s.count, HTMLText.isSpace(s[e]) { e += 1 }
    // "记者：你怎么看？" is a question, not a byline.
    if e < s.count, s[e] == "？" || s[e] == "?" { return nil }
    if needEnd {
      let ends =
        e == s.count || "）)】]|｜丨，,。；;".unicodeScalars.contains(s[e])
        || otherRoles.contains(where: { MetadataFinder.matches($0, s, e) })
      guard ends else { return nil }
    }
    let joined = found.joined(separator: " ")
    return isPlausible(joined) ? joined : nil
  }

  /// The index after the first match of `w` in `s[from..<from+within]`.
  static func firstMatch(_ w: [Unicode.Scalar], in s: [Unicode.Scalar], from: Int, within: Int)
    -> Int?
  {
    var i = from
    while i < s.count, i - from < within {
      if !TextRules.isCJK(s[i]), s[i] != "《", s[i] != "》" { return nil }
      if MetadataFinder.matches(w, s, i) { return i + w.count }
      i += 1
    }
    return nil
  }

  /// A Latin name or handle of 2–30 letters, digits, '.', '_' or '-' (and inner spaces between
  /// capitalised words), ending its line.
  static func latinName(_ s: [Unicode.Scalar], from j: Int) -> (String, Int)? {
    var k = j
    while k < s.count, s[k].isASCII,
      s[k].properties.isAlphabetic || ("0"..."9").contains(s[k]) || "._- ".unicodeScalars.contains(s[k])
    {
      k += 1
    }
    let v = String(String.UnicodeScalarView(s[j..<k])).trimming(" ")
    guard v.count >= 2, v.count <= 30, v.unicodeScalars.first?.properties.isAlphabetic == true,
      k == s.count
    else { return nil }
    return (v, k)
  }

  /// `<meta name="author">` when it reads as a name (a site's name or a URL does not).
  static func metaAuthor(_ v: String) -> String? {
    let t = HTMLText.collapseWhitespace(v)
    guard isPlausible(t), t.unicodeScalars.count <= 30 else { return nil }
    for w in ["网", "报", "站", "公司", "频道", "新闻", "官方", ".com", ".cn", "www", "http"]
    where t.contains(w) {
      return nil
    }
    return t
  }

  /// False for attribute text, questions, URLs, digits-only and over-long values.
  static func isPlausible(_ v: String) -> Bool {
    let s = v.unicodeScalars
    guard !s.isEmpty, s.count <= 40 else { return false }
    for c in s where "=\"'<>?？!！{}#@".unicodeScalars.contains(c) { return false }
    if v.contains("http") || v.contains("www.") { return false }
    if s.allSatisfy({ ("0"..."9").contains($0) || $0 == " " || $0 == "-" }) { return false }
    // "网络整理", "佚名": no one's name.
    if ["整理", "整合", "综合", "编辑"].contains(where: { v.hasSuffix($0) }) { return false }
    return !["佚名", "未知", "不详", "本站", "网络", "admin", "管理员"].contains(v)
  }
}
