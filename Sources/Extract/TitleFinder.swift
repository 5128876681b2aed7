import HTML

/// Chooses the article title: the heading that agrees with `<title>` or `og:title`.
enum TitleFinder {
  struct Choice {
    var title: String
    /// The block holding the title on the page, if found.
    var block: Int?
    /// The site's name, from `og:site_name` or the `<title>` suffix, if found.
    var siteName: String?
  }

  /// Separators between the article title and the site name in `<title>`.
  static let separators = [
    "_", "|", "｜", " - ", " – ", " — ", "——", "--", "－－", " · ", "-", "－", "—",
  ]

  /// Splits "标题_栏目_某某网" into ("标题", "某某网"); returns the text unchanged when it has
  /// no site suffix. A bare '-' only separates a short suffix without digits ("1-10月" stays).
  static func stripSiteSuffix(_ raw: String) -> (title: String, siteName: String?) {
    var title = raw.trimmingSpaces()
    var site: String?
    for _ in 0..<3 {
      var best: Range<String.Index>?
      for sep in separators {
        if let r = utf8Range(of: sep, in: title, last: true) {
          if let b = best, b.lowerBound >= r.lowerBound { continue }
          best = r
        }
      }
      guard let r = best else { break }
      let suffix = String(title[r.upperBound...]).trimmingSpaces()
      let head = String(title[..<r.lowerBound]).trimmingSpaces().trimming("_|｜-－—–· ")
      let sep = String(title[r])
      let bare = sep == "-" || sep == "－" || sep == "—"
      if head.unicodeScalars.count < 2 || suffix.isEmpty || suffix.unicodeScalars.count > 30 {
        break
      }
      if bare && (suffix.unicodeScalars.count > 12 || suffix.contains(where: { $0.isNumber })) {
        break
      }
      if site == nil { site = suffix }
      title = head
    }
    return (title, site)
  }

  /// `s` without any whitespace (`HTMLText.isSpace`), computed on UTF-8 bytes.
  static func squeeze(_ s: String) -> String {
    var s = s
    return s.withUTF8 { b in
      String(unsafeUninitializedCapacity: b.count) { out in
        var count = 0
        var i = 0
        while i < b.count {
          let n = HTMLText.spaceLength(b, i)
          if n > 0 {
            i += n
            continue
          }
          out[count] = b[i]
          count += 1
          i += 1
        }
        return count
      }
    }
  }

  /// Whether `b` without any whitespace (`HTMLText.isSpace`) is byte for byte `squeezed`.
  static func squeezedEquals(
    _ b: UnsafeBufferPointer<UInt8>, _ squeezed: UnsafeBufferPointer<UInt8>
  )
    -> Bool
  {
    var i = 0
    var k = 0
    while i < b.count {
      let n = HTMLText.spaceLength(b, i)
      if n > 0 {
        i += n
        continue
      }
      guard k < squeezed.count, b[i] == squeezed[k] else { return false }
      k += 1
      i += 1
    }
    return k == squeezed.count
  }

  static func find(in page: PageText, facts: BlockFacts, firstBody: Int?) -> Choice {
    let raw = page.title
    let normRawText = squeeze(raw)
    let normRaw = NormalizedText(normRawText)
    let og = page.metas["og:title"].map { HTMLText.collapseWhitespace($0) }
    let normOG = og.map { NormalizedText(squeeze($0)) }
    let stripped = stripSiteSuffix(raw)
    let normStrippedText = squeeze(stripped.title)
    let normStripped = NormalizedText(normStrippedText)
    var squeezedBlock: [UInt8] = []
    var siteName = page.metas["og:site_name"].map { $0.trimmingSpaces() }
    if siteName?.isEmpty == true { siteName = nil }

    var bestScore = 0.0
    var bestBlock: Int?
    var bestText = ""
    // The nearest plausible heading line above the body (skipping date/source lines).
    var nearest: Int?
    if let first = firstBody {
      var j = first - 1
      while j >= 0, j >= first - 8 {
        let b = page.blocks[j]
        if !facts.meta[j], !facts.boilerplate[j], !facts.related[j], !b.isTemplate,
          b.linkDensity <= 0.5, b.chars >= 5, b.chars <= 100
        {
          nearest = j
          break
        }
        j -= 1
      }
    }
    for (i, b) in page.blocks.enumerated() {
      guard b.chars >= 2, b.chars <= 150, !b.isTemplate, !facts.boilerplate[i], !facts.related[i]
      else { continue }
      let isHeading = b.heading > 0
      if b.linkDensity > 0.5 && !(isHeading && b.heading <= 3) { continue }
      // Block text only holds single ASCII spaces (the walk collapsed the rest).
      let length = Int(b.end - b.start)
      if squeezedBlock.count < length { squeezedBlock = [UInt8](repeating: 0, count: length) }
      let squeezedCount = page.bytes.withUnsafeBufferPointer { all in
        squeezedBlock.withUnsafeMutableBufferPointer { out in
          var count = 0
          for c in all[Int(b.start)..<Int(b.end)] where c != 0x20 {
            out[count] = c
            count += 1
          }
          return count
        }
      }
      guard squeezedCount > 0 else { continue }
      var score = 0.0
      let count = Double(b.chars)
      let matched = squeezedBlock.withUnsafeBufferPointer { all -> Double? in
        let n = UnsafeBufferPointer(rebasing: all[0..<squeezedCount])
        // Plain text compares as bytes; otherwise as the Strings the rules are written for.
        let block = NormalizedText.Block(bytes: n)
        if normRaw.equals(block) || normStripped.equals(block) {
          return 100
        } else if let o = normOG, o.equals(block) {
          return 98
        } else if normRaw.hasPrefix(block), count >= 4 {
          return 70 + 20 * count / Double(max(normRaw.scalarCount, 1))
        } else if normStripped.hasPrefix(block) && count >= 4
          && count >= 0.6 * Double(normStripped.scalarCount)
        {
          return 75
        } else if count >= 6, normStripped.containsBytes(of: block) {
          return 50 + 20 * count / Double(max(normStripped.scalarCount, 1))
        }
        return nil
      }
      if let matched {
        score = matched
      } else if i == nearest {
        score = 58
      } else if b.heading == 1, count >= 4 {
        score = 45
      } else {
        continue
      }
      if i == nearest { score += 4 }
      if isHeading { score += b.heading <= 3 ? 6 : 3 }
      if b.linkChars > 0 { score -= 15 }
      if score > bestScore {
        bestScore = score
        bestBlock = i
        bestText = page.text(b)
      }
    }
    var title: String
    var block: Int?
    if let i = bestBlock, bestScore >= 50 {
      title = bestText
      block = i
      // A title broken over lines ("<br>"): join the following blocks of the same element while
      // the result is still a prefix of <title>.
      var joined = squeeze(bestText)
      var j = i + 1
      while j < page.blocks.count, j <= i + 4, page.blocks[j].owner == page.blocks[i].owner,
        normRawText.count > joined.count
      {
        let next = page.text(page.blocks[j])
        let candidate = joined + squeeze(next)
        guard normRawText.hasPrefix(candidate) else { break }
        joined = candidate
        title += next
        block = j
        j += 1
      }
    } else if let og, !og.isEmpty {
      title = stripSiteSuffix(og).title
    } else {
      title = stripped.title
    }
    // A heading that holds the title plus the site suffix: strip it.
    if squeeze(title) == normRawText, stripped.siteName != nil, normStripped.scalarCount >= 2 {
      title = stripped.title
    }
    if siteName == nil {
      siteName = siteNameFromTitle(raw: raw, title: title)
      if siteName == nil, block == nil { siteName = stripped.siteName }
    }
    if let s = siteName,
      s.unicodeScalars.count < 2 || s.unicodeScalars.count > 20
        || squeeze(title).contains(squeeze(s))
    {
      siteName = nil
    }
    return Choice(title: title, block: block, siteName: siteName)
  }

  /// What `<title>` has besides the article title, without separators: the site name.
  ///
  /// "标题_栏目_某某网" gives the last part; "某某网--标题" (site first) gives the first.
  static func siteNameFromTitle(raw: String, title: String) -> String? {
    guard !title.isEmpty, let r = utf8Range(of: title, in: raw) else { return nil }
    let before = String(raw[..<r.lowerBound]).trimming("_|｜-－—–·:： ")
    let after = String(raw[r.upperBound...]).trimming("_|｜-－—–·:： ")
    if !after.isEmpty {
      let parts = stripSiteSuffix("x_" + after)
      return (parts.siteName ?? after).trimming("_|｜-－—–·:： ")
    }
    if !before.isEmpty {
      // The first separated part of what precedes the title.
      var head = before
      for sep in separators {
        if let sr = utf8Range(of: sep, in: head) { head = String(head[..<sr.lowerBound]) }
      }
      head = head.trimming("_|｜-－—–·:： ")
      return head.isEmpty ? nil : head
    }
    return nil
  }
}

/// A squeezed title text with its UTF-8 bytes, compared with block text as bytes when both are
/// plain (`PlainUTF8`), else as `String`s (same answers; see `PlainUTF8`).
struct NormalizedText {
  let text: String
  let bytes: [UInt8]
  let isPlain: Bool
  let scalarCount: Int

  init(_ text: String) {
    self.text = text
    bytes = Array(text.utf8)
    isPlain = bytes.withUnsafeBufferPointer { PlainUTF8.isPlain($0) }
    scalarCount = text.unicodeScalars.count
  }

  /// Borrowed block bytes, valid for the duration of the closure that made them.
  struct Block {
    let bytes: UnsafeBufferPointer<UInt8>
    let isPlain: Bool
    var text: String { String(decoding: bytes, as: UTF8.self) }

    init(bytes: UnsafeBufferPointer<UInt8>) {
      self.bytes = bytes
      isPlain = PlainUTF8.isPlain(bytes)
    }
  }

  /// `text == block.text`.
  func equals(_ block: Block) -> Bool {
    bytes.withUnsafeBufferPointer { mine in
      if PlainUTF8.equal(mine, block.bytes) { return true }
      if isPlain && block.isPlain { return false }
      return text == block.text
    }
  }

  /// `text.hasPrefix(block.text)`.
  func hasPrefix(_ block: Block) -> Bool {
    if isPlain && block.isPlain {
      return bytes.withUnsafeBufferPointer { PlainUTF8.hasPrefix($0, block.bytes) }
    }
    return text.hasPrefix(block.text)
  }

  /// `utf8Contains(text, block.text)` (a byte search either way).
  func containsBytes(of block: Block) -> Bool {
    bytes.withUnsafeBufferPointer { utf8Find(block.bytes, in: $0) }
  }
}
