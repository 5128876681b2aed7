import HTML

/// Per-block facts every stage needs, computed once per page.
struct BlockFacts {
  var boilerplate: [Bool]
  var related: [Bool]
  var meta: [Bool]
  var good: [Bool]

  init(_ page: PageText) {
    let n = page.blocks.count
    boilerplate = Array(repeating: false, count: n)
    related = Array(repeating: false, count: n)
    meta = Array(repeating: false, count: n)
    good = Array(repeating: false, count: n)
    page.bytes.withUnsafeBufferPointer { all in
      for (i, b) in page.blocks.enumerated() where b.chars <= 160 {
        let chars = Int(b.chars)
        let text = UnsafeBufferPointer(rebasing: all[Int(b.start)..<Int(b.end)])
        boilerplate[i] = TextRules.isBoilerplateLine(
          text, chars: chars, sentenceEnds: Int(b.sentenceEnds))
        related[i] = TextRules.isRelatedHeading(text, chars: chars)
        if chars <= 120, b.linkDensity < 0.5 { meta[i] = TextRules.isMetaLine(text, chars: chars) }
      }
    }
    for (i, b) in page.blocks.enumerated() {
      let nonLink = b.nonLinkChars
      good[i] =
        !b.isTemplate && !boilerplate[i] && !meta[i] && !related[i] && nonLink >= 10
        && b.linkDensity <= 0.3 && (b.punct >= 1 || nonLink >= 40)
    }
  }
}

/// Chooses the element that holds the article body.
enum ContainerFinder {
  struct Container {
    var element: Int32
    var linkDensity: Double
  }

  /// The block-level element with the best (prose − furniture) score.
  static func best(in page: PageText, facts: BlockFacts) -> Container {
    let n = page.elements.count
    var good = [Double](repeating: 0, count: n)
    var bad = [Double](repeating: 0, count: n)
    for (i, b) in page.blocks.enumerated() {
      let o = Int(b.owner)
      let nonLink = Double(b.nonLinkChars)
      if facts.good[i] {
        // Prose with sentence punctuation weighs more than bare text.
        // Long paragraphs weigh more than short lines (comments, captions, teasers).
        let density = min(Double(b.punct) / max(nonLink, 1) * 10, 1)
        let length = min(1, (nonLink + 10) / 60)
        good[o] += nonLink * (0.7 + 0.3 * density) * length
        bad[o] += Double(b.linkChars)
      } else {
        var penalty = Double(b.linkChars) + nonLink * 0.3
        if b.isTemplate || facts.boilerplate[i] || facts.related[i] {
          penalty += Double(b.chars) * 0.7
        }
        bad[o] += penalty
      }
    }
    var bestScore = -Double.infinity
    var best: Int32 = 0
    var i = n - 1
    while i >= 0 {
      let e = page.elements[i]
      if i > 0 {
        let p = Int(e.parent)
        good[p] += good[i]
        bad[p] += bad[i]
      }
      if e.tag.isBlock || i == 0 {
        var score = good[i] - bad[i]
        if e.hint > 0 { score *= 1.1 } else if e.hint < 0 { score *= 0.5 }
        if good[i] > 0, score >= bestScore {
          // '>=' walking backwards: on a tie the outer element wins (it comes first).
          bestScore = score
          best = Int32(i)
        }
      }
      i -= 1
    }
    var chars: Int32 = 0
    var links: Int32 = 0
    for b in page.blocks where page.isInside(b.owner, best) {
      chars += b.chars
      links += b.linkChars
    }
    return Container(
      element: best, linkDensity: chars > 0 ? Double(links) / Double(chars) : 1)
  }
}

/// Collects the paragraphs of the content container.
enum BodyCollector {
  struct Body {
    var paragraphs: [String] = []
    var firstBlock: Int?
    var chars = 0
    var punct = 0
    /// Metadata lines met inside the container.
    var metaLines: [String] = []
    /// Short lines after the body (where "（来源：…）" often is).
    var tailLines: [String] = []
  }

  /// The first block `collect` would keep when no title is known yet (its `firstBlock`).
  ///
  /// The analysis only needs the draft body's first block to locate the title; before the first
  /// kept block no stop line can end the body, so this is the same filter without building any
  /// paragraph text (measured: the draft collection was half of the body collection's cost).
  static func firstBlock(page: PageText, facts: BlockFacts, container: ContainerFinder.Container)
    -> Int?
  {
    let c = container.element
    for (i, b) in page.blocks.enumerated() where page.isInside(b.owner, c) {
      if b.isTemplate { continue }
      let neg = page.elements[Int(b.owner)].negativeAncestor
      if neg > c, page.isInside(neg, c) { continue }
      if facts.related[i] || facts.boilerplate[i] || facts.meta[i] { continue }
      if b.linkChars > 0, b.linkDensity > 0.5 { continue }
      return i
    }
    return nil
  }

  static func collect(
    page: PageText, facts: BlockFacts, container: ContainerFinder.Container,
    title: TitleFinder.Choice
  ) -> Body {
    var body = Body()
    let c = container.element
    let normTitle = TitleFinder.squeeze(title.title)
    let normTitleBytes = Array(normTitle.utf8)
    let titleIsPlain = normTitleBytes.withUnsafeBufferPointer { PlainUTF8.isPlain($0) }
    var indices: [Int] = []
    for (i, b) in page.blocks.enumerated() where page.isInside(b.owner, c) { indices.append(i) }
    // Good characters remaining from each position (for the soft stop at related headings).
    var remainingGood = [Int](repeating: 0, count: indices.count + 1)
    var k = indices.count - 1
    while k >= 0 {
      let i = indices[k]
      remainingGood[k] =
        remainingGood[k + 1] + (facts.good[i] ? Int(page.blocks[i].nonLinkChars) : 0)
      k -= 1
    }
    var lastKept: Int?
    for (pos, i) in indices.enumerated() {
      let b = page.blocks[i]
      if let t = title.block, page.isInside(page.blocks[t].owner, c), i <= t { continue }
      if b.isTemplate {
        if facts.meta[i] { body.metaLines.append(page.text(b)) }
        continue
      }
      let neg = page.elements[Int(b.owner)].negativeAncestor
      if neg > c, page.isInside(neg, c) { continue }
      let stopper = facts.related[i] || (facts.boilerplate[i] && isStopLine(page, b))
      if stopper {
        if body.chars > 0, remainingGood[pos + 1] < body.chars * 3 / 10 { break }
        continue
      }
      if facts.boilerplate[i] { continue }
      if facts.meta[i] {
        body.metaLines.append(page.text(b))
        continue
      }
      if b.linkChars > 0, b.linkDensity > 0.5 { continue }
      if !normTitle.isEmpty, b.chars < 200 {
        // The squeezed block against the squeezed title, byte by byte with an early exit;
        // `String` `==` (canonical equivalence) only when either side is not plain text.
        let sameAsTitle = page.bytes.withUnsafeBufferPointer { all in
          let text = UnsafeBufferPointer(rebasing: all[Int(b.start)..<Int(b.end)])
          return normTitleBytes.withUnsafeBufferPointer { t in
            if TitleFinder.squeezedEquals(text, t) { return true }
            if titleIsPlain, PlainUTF8.isPlain(text) { return false }
            return TitleFinder.squeeze(String(decoding: text, as: UTF8.self)) == normTitle
          }
        }
        if sameAsTitle { continue }
      }
      body.paragraphs.append(page.text(b))
      if body.firstBlock == nil { body.firstBlock = i }
      body.chars += Int(b.nonLinkChars)
      body.punct += Int(b.punct)
      lastKept = pos
    }
    if let last = lastKept {
      for i in indices[(last + 1)...].prefix(6) where page.blocks[i].chars <= 80 {
        body.tailLines.append(page.text(page.blocks[i]))
      }
    }
    return body
  }

  static let stopMatcher = PhraseMatcher(["上一篇", "下一篇", "责任编辑", "分享到", "打印", "关闭窗口", "上一条", "下一条"])

  static func isStopLine(_ text: String) -> Bool { stopMatcher.matches(text) }

  /// `isStopLine` of a block's text, matched in place.
  static func isStopLine(_ page: PageText, _ b: PageText.Block) -> Bool {
    page.bytes.withUnsafeBufferPointer {
      stopMatcher.matches(UnsafeBufferPointer(rebasing: $0[Int(b.start)..<Int(b.end)]))
    }
  }
}
