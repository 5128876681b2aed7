import HTML

extension ArticleExtractor {
  /// Extracts `tree` and, in the same pass, what it contributes to its host's model.
  ///
  /// For a crawl that learns while it extracts: the page is linearised and analysed once for
  /// both (a second analysis runs only when a model marks template blocks first). Equivalent to
  /// `SiteModel.observation(of:config:)` followed by `extract(_:model:)`.
  public func extractObserving(_ tree: HTMLTree, model: SiteModel?) -> (
    article: Article, observation: SiteModel.Observation
  ) {
    var page = PageText(tree)
    let raw = analyse(page: page)
    let observation = SiteModel.observation(page: page, raw: raw)
    guard let model else { return (article(from: raw, model: nil), observation) }
    model.markTemplate(&page)
    return (article(from: analyse(page: page), model: model), observation)
  }
}
