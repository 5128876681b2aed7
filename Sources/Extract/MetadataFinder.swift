import HTML

/// Reads the publication date, source and author from the lines around the title.
enum MetadataFinder {
  struct Found {
    var published = ""
    var source = ""
    var author = ""
  }

  /// Labels of the publication date, tried before `updateLabels`.
  static let dateLabels: [[Unicode.Scalar]] = [
    "发布时间", "发布日期", "发表时间", "发表日期", "发文日期", "成文日期", "发稿时间", "刊发时间", "出版时间",
    "出版日期", "录入时间", "上传时间", "添加时间", "日期", "时间", "发布于", "发表于", "发布", "Date", "date",
    "Published", "published",
  ].map { Array($0.unicodeScalars) }
  /// Labels of a last-updated date: used only when no publication label gives one.
  static let updateLabels: [[Unicode.Scalar]] = ["更新时间", "最后更新", "修改时间", "更新于"].map {
    Array($0.unicodeScalars)
  }
  static let sourceLabels: [[Unicode.Scalar]] = [
    "文章来源", "信息来源", "新闻来源", "稿件来源", "来源", "稿源", "出处", "供稿",
  ].map { Array($0.unicodeScalars) }
  static let authorLabels: [[Unicode.Scalar]] = ["作者", "撰稿人", "撰稿", "记者", "文/", "文／"].map {
    Array($0.unicodeScalars)
  }
  /// Labels that end a field value written without a separator.
  static let stopLabels: [[Unicode.Scalar]] = [
    "来源", "作者", "编辑", "责任编辑", "发布", "时间", "日期", "点击", "浏览", "阅读", "字号", "记者",
    "通讯员", "摄影", "稿源", "更新", "审核", "校对",
  ].map { Array($0.unicodeScalars) }
  static let publishedMetaKeys = [
    "article:published_time", "og:article:published_time", "pubdate", "publishdate",
    "publish_date", "publishtime", "ptime", "datepublished", "dc.date.issued", "dc.date",
    "og:release_date", "firstpublishedtime", "date", "created",
  ]

  /// The metadata of an article from the lines around its title (`zone`), its first and last
  /// paragraphs (`head`, `last`) and the lines after its body (`tail`).
  ///
  /// The date is the one the page writes, as written (no time-zone conversion): labelled in the
  /// zone, a short first paragraph or after the body (a publication label before a
  /// last-updated one), then the first
  /// date in the zone, then the page's metadata, then any date after the body, then a
  /// year-month (`1998-3`) labelled or in the zone.
  static func find(
    zone: [String], head: [String] = [], last: [String] = [], tail: [String],
    metas: [String: String]
  ) -> Found {
    var found = Found()
    let zoneScalars = zone.map { Array($0.unicodeScalars) }
    let tailScalars = tail.map { Array($0.unicodeScalars) }
    let headScalars = head.map { Array($0.unicodeScalars) }
    found.published = published(
      zone: zoneScalars, head: headScalars.filter { $0.count <= 80 }, tail: tailScalars,
      metas: metas)
    for s in zoneScalars + tailScalars {
      if let v = field(s, labels: sourceLabels, needsColon: true) {
        found.source = v
        break
      }
    }
    found.author = BylineFinder.author(
      zone: zoneScalars, head: headScalars,
      tail: (last + tail).map { Array($0.unicodeScalars) }, metas: metas)
    return found
  }

  static func published(
    zone: [[Unicode.Scalar]], head: [[Unicode.Scalar]], tail: [[Unicode.Scalar]],
    metas: [String: String]
  ) -> String {
    for labels in [dateLabels, updateLabels] {
      for s in zone + head + tail {
        if let d = labelledDate(s, labels: labels) { return d }
      }
    }
    for s in zone {
      if let d = DateScanner.firstDate(in: s) { return d.iso }
    }
    if let d = metaDate(metas) { return d }
    for s in tail {
      if let d = DateScanner.firstDate(in: s) { return d.iso }
    }
    for s in zone {
      if let d = labelledYearMonth(s) { return d }
    }
    return ""
  }

  /// The first date of the page's metadata: the known keys, then any key naming a publication
  /// time (`apub:time`, `pubtime`), never a modification or expiry time.
  static func metaDate(_ metas: [String: String]) -> String? {
    for key in publishedMetaKeys {
      if let v = metas[key], let d = DateScanner.firstDate(in: Array(v.unicodeScalars)) {
        return d.iso
      }
    }
    for key in metas.keys.sorted() {
      let k = key.lowercased()
      guard k.contains("pub") || k.contains("time") || k.contains("date"),
        !["modif", "updat", "expir", "edit"].contains(where: { k.contains($0) })
      else { continue }
      if let v = metas[key], let d = DateScanner.firstDate(in: Array(v.unicodeScalars)) {
        return d.iso
      }
    }
    return nil
  }

  /// The first year and month with no day in a line ("1998-3", "1998年3月") as "1998-03".
  static func labelledYearMonth(_ s: [Unicode.Scalar]) -> String? {
    var i = 0
    while i < s.count {
      if let ym = DateScanner.yearMonth(at: i, in: s) { return ym }
      i += 1
    }
    return nil
  }

  static func matches(_ w: [Unicode.Scalar], _ s: [Unicode.Scalar], _ i: Int) -> Bool {
    guard i + w.count <= s.count else { return false }
    for k in 0..<w.count where s[i + k] != w[k] { return false }
    return true
  }

  static func skipSeparators(_ s: [Unicode.Scalar], _ i: Int) -> (Int, Bool) {
    var j = i
    var colon = false
    while j < s.count, s[j] == "：" || s[j] == ":" || HTMLText.isSpace(s[j]) {
      if s[j] == "：" || s[j] == ":" { colon = true }
      j += 1
    }
    return (j, colon)
  }

  /// The date after one of `labels` in `s` (within 3 characters of it); a two-digit year
  /// ("发布时间：18-03-08") is read there too.
  static func labelledDate(_ s: [Unicode.Scalar], labels: [[Unicode.Scalar]] = dateLabels)
    -> String?
  {
    for i in 0..<s.count {
      for label in labels where s[i] == label[0] && matches(label, s, i) {
        let (j, _) = skipSeparators(s, i + label.count)
        var k = j
        while k < s.count, k - j <= 3 {
          if let d = DateScanner.date(at: k, in: s) ?? DateScanner.shortYearDate(at: k, in: s) {
            return d.iso
          }
          k += 1
        }
      }
    }
    return nil
  }

  /// The value after the first of `labels` in `s` ("来源：新华社 作者：…" → "新华社").
  ///
  /// Labels followed by a colon are tried first; without `needsColon`, a second pass accepts
  /// "记者 张三" (a space) and "文/张三".
  static func field(_ s: [Unicode.Scalar], labels: [[Unicode.Scalar]], needsColon: Bool) -> String?
  {
    for pass in 0..<(needsColon ? 1 : 2) {
      var i = 0
      while i < s.count {
        for label in labels where s[i] == label[0] && matches(label, s, i) {
          // "责任编辑" and "编辑" are never the author; "本报记者" is.
          if label.first == "记", i > 0, s[i - 1] == "辑" { continue }
          let (j, colon) = skipSeparators(s, i + label.count)
          let isSlash = label.last == "/" || label.last == "／"
          if pass == 0 {
            guard colon else { continue }
          } else {
            // "记者 张三" needs a space; "作者张三" is too ambiguous.
            guard isSlash || (label.first == "记" && j > i + label.count) else { continue }
          }
          if isLabelWithColon(s, at: j) { continue }
          if let v = value(s, from: j), !v.isEmpty { return v }
        }
        i += 1
      }
    }
    return nil
  }

  /// Whether a field label followed by a colon starts at `i`.
  static func isLabelWithColon(_ s: [Unicode.Scalar], at i: Int) -> Bool {
    for l in stopLabels where i < s.count && s[i] == l[0] && matches(l, s, i) {
      var k = i + l.count
      while k < s.count, TextRules.isCJK(s[k]), k - i < 6 { k += 1 }
      if k < s.count, s[k] == "：" || s[k] == ":" { return true }
    }
    return false
  }

  static func value(_ s: [Unicode.Scalar], from start: Int) -> String? {
    var j = start
    var out = String.UnicodeScalarView()
    while j < s.count {
      let c = s[j]
      if HTMLText.isSpace(c) { break }
      switch c {
      case "【", "[", "|", "｜", "）", ")", "(", "（", ",", "，", ";", "；", "。", "：", ":", "]", "】":
        return finish(out)
      default: break
      }
      // A following field written without a space: "来源：新华社作者：张三".
      if j > start, isLabelWithColon(s, at: j) { break }
      out.append(c)
      j += 1
      if out.count > 40 { return nil }
    }
    return finish(out)
  }

  static func finish(_ v: String.UnicodeScalarView) -> String? {
    let s = String(v).trimming("-－—_/·•")
    return s.isEmpty ? nil : s
  }
}
