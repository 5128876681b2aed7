import HTML

/// Character classes and the phrase lists that recognise page furniture in Chinese portals.
enum TextRules {
  /// Sentence-ending punctuation (full-width and ASCII).
  static func isSentenceEnd(_ s: Unicode.Scalar) -> Bool {
    switch s {
    case "。", "！", "？", "!", "?", "；", ";", "…": return true
    default: return false
    }
  }

  /// Any punctuation that may border a watermark phrase.
  static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
    case 0x3000...0x303F, 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65:
      return true
    case 0x2010...0x2027, 0x00B7: return true
    default: return false
    }
  }

  /// Closing quotes and brackets that may follow a sentence end.
  static func isCloser(_ s: Unicode.Scalar) -> Bool {
    switch s {
    case "”", "’", "」", "』", "）", ")", "】", "》", "\"", "'": return true
    default: return false
    }
  }

  static func isCJK(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return true
    default: return false
    }
  }

  /// Lines of page furniture: breadcrumbs, print/close, prev/next, share bars, footers.
  static let boilerplate: [String] = [
    "当前位置", "您的位置", "您现在的位置", "现在位置", "所在位置", "你的位置", "你现在的位置",
    "打印本页", "关闭窗口", "打印此页", "【打印】", "【关闭】", "[打印]", "[关闭]", "打印文章",
    "分享到", "分享至", "上一篇", "下一篇", "上一条", "下一条", "上一页", "下一页",
    "版权所有", "版权声明", "Copyright", "copyright", "COPYRIGHT", "©", "ICP备", "ICP证",
    "公网安备", "网安备", "技术支持", "联系我们", "网站地图", "免责声明", "责任编辑", "返回顶部",
    "扫一扫", "字号：", "字号:", "【字号", "字体：", "【字体", "浏览次数", "点击数", "阅读次数",
    "访问量", "附件下载", "收藏本页", "加入收藏", "设为首页", "主办单位：", "主办单位:", "承办单位：", "承办单位:", "网站标识码",
    "站内搜索", "关于我们", "二维码", "点击进入专题", "我要跟帖", "我要评论", "已输入0字", "举报电话", "违法和不良信息", "【大 中 小】",
    "【 大 中 小 】",
  ]

  /// Headings of link boxes that end an article body.
  static let relatedHeadings: [String] = [
    "相关链接", "相关新闻", "推荐内容", "热点内容", "相关阅读", "延伸阅读", "相关文章", "热门文章",
    "推荐阅读", "热点新闻", "最新文章", "热门推荐", "猜你喜欢", "相关报道", "更多新闻", "相关稿件",
    "热点推荐", "精彩推荐", "往期回顾", "网友评论", "发表评论", "我要评论", "相关资讯", "热门新闻",
    "最新新闻", "相关专题", "图片新闻", "热门排行", "点击排行", "相关推荐", "感兴趣", "暂无评论",
    "推荐文章", "为您推荐", "更多精彩", "热门评论", "最新评论", "大家都在看", "看了又看", "今日推荐",
  ]

  /// Labels of metadata fields ("来源：…").
  static let metaLabels: [String] = [
    "来源", "作者", "发布时间", "发布日期", "发表时间", "发表日期", "更新时间", "时间", "日期",
    "稿源", "编辑", "责任编辑", "记者", "点击", "浏览", "阅读", "撰稿", "摄影", "通讯员", "出处",
    "文章来源", "信息来源", "发布者", "发布机构", "字号", "供稿",
  ]

  /// Tiny lines that are only a button or counter label.
  static let buttonLines: Set<String> = [
    "收藏", "举报", "关注", "字号", "分享", "评论", "点赞", "返回", "顶部", "打印", "关闭", "+1",
    "图集", "返回首页", "更多", "纠错", "打赏", "转发", "赞", "踩", "大", "中", "小", "回复", "复制链接",
    "微信", "微博", "QQ空间", "朋友圈", "在看",
  ]

  /// The most scalars of any `buttonLines` entry.
  static let maxButtonScalars = buttonLines.map { $0.unicodeScalars.count }.max() ?? 0

  static let boilerplateMatcher = PhraseMatcher(boilerplate)
  static let relatedMatcher = PhraseMatcher(relatedHeadings)
  static let metaColonMatcher = PhraseMatcher(metaLabels.flatMap { [$0 + "：", $0 + ":"] })

  /// Whether a block of `chars` characters with `sentenceEnds` reads as a furniture line.
  static func isBoilerplateLine(_ b: UnsafeBufferPointer<UInt8>, chars: Int, sentenceEnds: Int)
    -> Bool
  {
    guard chars <= 40 || (chars <= 160 && sentenceEnds == 0) else { return false }
    if chars <= 10 {
      if buttonLinesArePlain, PlainUTF8.isPlain(b) {
        if isPlainButtonLine(b) { return true }
      } else if isButtonLine(b) {
        return true
      }
    }
    if boilerplateMatcher.matches(b) { return true }
    // "首页 > 新闻 > 正文" trails.
    guard chars <= 60 else { return false }
    var arrows = 0
    var i = 0
    while i < b.count {
      let c = b[i]
      if c == 0x3E {
        arrows += 1
      }  // >
      else if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xBB {
        arrows += 1
      }  // »
      else if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0xBA {
        arrows += 1
      }  // ›
      else if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBC, b[i + 2] == 0x9E {
        arrows += 1
      }  // ＞
      i += 1
    }
    return arrows >= 2
  }

  /// Whether a line of at most 10 characters is a button label, maybe with a counter.
  static func isButtonLine(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    // "收藏", "评论（0）", "赞 85": a button label, maybe with a counter.
    // A String equal (canonically equivalent) to a label has at most as many scalars as the
    // label (the labels are CJK and ASCII, their own NFD): skip the hashing otherwise. Counting
    // lead bytes never overcounts the scalars of the decoded text.
    var scalarCount = 0
    for c in b where c & 0xC0 != 0x80 { scalarCount += 1 }
    let text = String(decoding: b, as: UTF8.self)
    if scalarCount <= maxButtonScalars, buttonLines.contains(text) { return true }
    // The label without digits (any numeric scalar), brackets and spaces, encoded directly.
    var label: [UInt8] = []
    label.reserveCapacity(b.count)
    var removed = false
    var kept = 0
    for s in text.unicodeScalars {
      if kept > maxButtonScalars { break }
      let drop: Bool
      if s.value < 0x80 {
        // ASCII: only 0–9 have a numeric type.
        drop =
          (s.value >= 0x30 && s.value <= 0x39) || s == "(" || s == ")" || s == "[" || s == "]"
          || s == " "
      } else {
        drop = s.properties.numericType != nil || "（）【】".unicodeScalars.contains(s)
      }
      if drop {
        removed = true
      } else {
        UTF8.encode(s) { label.append($0) }
        kept += 1
      }
    }
    if removed, kept <= maxButtonScalars,
      buttonLines.contains(String(decoding: label, as: UTF8.self))
    {
      return true
    }
    return false
  }

  /// `buttonLines` as UTF-8 bytes.
  static let buttonLineBytes: [[UInt8]] = buttonLines.map { Array($0.utf8) }

  /// Whether every button label is plain text (`PlainUTF8`): then `isPlainButtonLine` applies.
  static let buttonLinesArePlain = buttonLines.allSatisfy { PlainUTF8.isPlain($0) }

  /// The non-ASCII scalars of `buttonLines` that are not numeric (so never dropped), sorted.
  static let buttonAlphabet: [UInt32] = Set(
    buttonLines.flatMap { $0.unicodeScalars }.filter {
      !$0.isASCII && $0.properties.numericType == nil
    }.map { $0.value }
  ).sorted()

  /// Whether `b` (plain text) is byte for byte one of `buttonLines`.
  static func isButtonLineBytes(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for line in buttonLineBytes where line.count == b.count {
      if line.withUnsafeBufferPointer({ PlainUTF8.equal($0, b) }) { return true }
    }
    return false
  }

  /// `isButtonLine` for plain text (`PlainUTF8`), where `String` equality is byte equality.
  ///
  /// Measured: building a String, hashing it into a `Set` and asking each scalar for its numeric
  /// type was most of the furniture-line test. Here the label is matched as bytes, and the
  /// numeric type is only asked of a scalar outside the labels' alphabet (which, if not numeric,
  /// stays in the label and so rules every label out).
  static func isPlainButtonLine(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var scalarCount = 0
    for c in b where c & 0xC0 != 0x80 { scalarCount += 1 }
    if scalarCount <= maxButtonScalars, isButtonLineBytes(b) { return true }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(b.count, 1)) { label in
      var count = 0
      var removed = false
      var kept = 0
      var i = 0
      while i < b.count {
        if kept > maxButtonScalars { return false }
        let (v, len) = PhraseMatcher.scalar(b, i)
        let drop: Bool
        if v < 0x80 {
          // ASCII: only 0–9 have a numeric type.
          drop =
            (v >= 0x30 && v <= 0x39) || v == 0x28 || v == 0x29 || v == 0x5B || v == 0x5D
            || v == 0x20
        } else if v == 0xFF08 || v == 0xFF09 || v == 0x3010 || v == 0x3011 {
          drop = true  // （）【】
        } else if binarySearch(buttonAlphabet, v) {
          drop = false
        } else if let scalar = Unicode.Scalar(v), scalar.properties.numericType != nil {
          drop = true
        } else {
          return false  // kept, and in no label
        }
        if drop {
          removed = true
        } else {
          for k in i..<(i + len) {
            label[count] = b[k]
            count += 1
          }
          kept += 1
        }
        i += len
      }
      guard removed, kept <= maxButtonScalars else { return false }
      return isButtonLineBytes(UnsafeBufferPointer(rebasing: label[0..<count]))
    }
  }

  static func binarySearch(_ sorted: [UInt32], _ v: UInt32) -> Bool {
    var lo = 0
    var hi = sorted.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sorted[mid] < v { lo = mid + 1 } else { hi = mid }
    }
    return lo < sorted.count && sorted[lo] == v
  }

  static func isRelatedHeading(_ b: UnsafeBufferPointer<UInt8>, chars: Int) -> Bool {
    guard chars <= 14 else { return false }
    if relatedMatcher.matches(b) { return true }
    // A very short "…推荐" / "延伸 · 推荐" heading.
    return chars <= 8 && shortRelatedMatcher.matches(b)
  }

  static let shortRelatedMatcher = PhraseMatcher(["推荐", "延伸"])

  /// Whether a short line is a metadata line (date, source, author, clicks…), not body text.
  static func isMetaLine(_ b: UnsafeBufferPointer<UInt8>, chars: Int) -> Bool {
    guard chars <= 120 else { return false }
    var digits = 0
    for c in b where c >= 0x30 && c <= 0x39 { digits += 1 }
    var hasDate = false
    if digits >= 5, DateScanner.mayHoldDate(b) {
      let scalars = Array(String(decoding: b, as: UTF8.self).unicodeScalars)
      hasDate = DateScanner.firstDate(in: scalars) != nil
    }
    var labels = 0
    var firstLabel = -1
    var rest = b
    var consumed = 0
    while let m = metaColonMatcher.firstMatch(in: rest) {
      labels += 1
      if firstLabel < 0 { firstLabel = consumed + m.offset }
      let next = m.offset + m.length
      consumed += next
      rest = UnsafeBufferPointer(rebasing: rest[next...])
    }
    if hasDate && (labels > 0 || chars <= 40) { return true }
    if labels >= 2 { return true }
    if labels == 1 && chars <= 40 {
      // "来源：新华社" at the start of a short line, maybe after a bracket.
      if firstLabel == 0 { return true }
      if firstLabel <= 24, let c = b.first, c == 0x28 || c == 0xEF || c == 0xE3 || c == 0xE3 {
        return true
      }
    }
    // "记者 张三"
    if chars <= 20, b.count >= 6, b[0] == 0xE8, b[1] == 0xAE, b[2] == 0xB0, b[3] == 0xE8,
      b[4] == 0x80,
      b[5] == 0x85
    {
      return true
    }
    return false
  }

  // String conveniences (tests, metadata).
  static func isBoilerplateLine(_ text: String, chars: Int, sentenceEnds: Int) -> Bool {
    var t = text
    return t.withUTF8 { isBoilerplateLine($0, chars: chars, sentenceEnds: sentenceEnds) }
  }
  static func isRelatedHeading(_ text: String, chars: Int) -> Bool {
    var t = text
    return t.withUTF8 { isRelatedHeading($0, chars: chars) }
  }
  static func isMetaLine(_ text: String, chars: Int) -> Bool {
    var t = text
    return t.withUTF8 { isMetaLine($0, chars: chars) }
  }
}
