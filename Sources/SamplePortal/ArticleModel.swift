/// Everything the renderer needs about one article, beyond its ground truth.
struct ArticleModel: Sendable {
  var index: Int
  var truth: SampleArticle
  var sectionIndex: Int
  var date: SampleDate
  var minuteOfDay: Int
  /// 0: `2009-05-15`, 1: `2009年5月15日`, 2: `2009-05-15 10:23`.
  var dateStyle: Int
  /// Seconds since the epoch.
  var lastModified: Int
  /// Per base paragraph: 0 none, 1 ` 内容来自<site>`, 2 ` <site>` appended.
  var paragraphWatermarks: [Int]
  var copyrightAfterFirst: Bool
  /// 0: hidden `<span style="display:none">`, 1: white `<font>`, 2–3: none.
  var hidden: Int
  var related: [Int]
}
