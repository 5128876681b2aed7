/// Writes article sentences from templates with many slots, so that (as on a real news site)
/// no two articles share whole sentences, while common news phrasing still recurs.
///
/// A fixed pool of sentences would make every sentence appear in many articles, which a
/// site-level boilerplate learner rightly takes for template text.
enum SentenceGrammar {
  static let bodies = [
    "文化厅", "水利厅", "档案局", "农业农村厅", "教育厅", "卫生健康委", "交通运输厅", "生态环境厅",
    "统计局", "图书馆", "民政厅", "文物局", "地方志办公室", "林业局",
  ]
  static let times = [
    "近日", "日前", "本月初", "上周", "今年上半年", "截至九月底", "入冬以来", "开春以来", "本周",
  ]
  /// Names with GBK-only characters (镕 堃 喆 珺 玥 昇) among them, as on the real page.
  static let people = [
    "周镕", "张堃", "王喆", "李珺", "陈玥", "刘昇", "赵明远", "孙丽华", "吴建国", "郑晓峰",
  ]
  static let roles = ["负责人", "专家", "研究员", "工作人员", "技术员", "干部"]
  static let templates = [
    "{place}{body}{time}召开专题会议，研究部署{topic}工作，{n}个单位的代表参加会议。",
    "{time}，{place}{body}组织专家对{topic}项目进行验收，共抽查点位{n}处。",
    "{place}{body}{role}{person}介绍，{topic}累计投入资金{n}万元，惠及群众{m}余人。",
    "据{place}{body}统计，{time}已完成{topic}任务{n}项，完成率达到百分之{p}。",
    "{person}表示，下一步将把{topic}与{topic2}结合起来，力争年底前再建成{n}个示范点。",
    "{place}在{topic}中探索建立了{n}项长效机制，相关做法得到{body}的肯定。",
    "{time}，{place}共有{n}个乡镇启动{topic}，预计带动就业{m}人。",
    "{body}要求各地对照{topic}的目标任务逐项建立台账，并在{n}日内报送进展情况。",
    "在{place}的一个山区县，{topic}让{n}户群众直接受益，当地{role}{person}对此深有体会。",
    "{place}{body}与{n}家单位签订合作协议，共同推进{topic}和{topic2}。",
    "{role}{person}说，开展{topic}以来，群众反映的{n}个问题已有{p}个得到解决。",
    "为做好{topic}，{place}抽调{n}名业务骨干组成工作专班，实行周调度、月通报。",
  ]

  /// Sentence `k` of article `i`: a template filled from seeded choices.
  static func sentence(seed: UInt64, article i: Int, index k: Int) -> String {
    func pick<T>(_ list: [T], _ salt: UInt64) -> T {
      list[SampleMix.pick(list.count, seed, 40 + salt, UInt64(i), UInt64(k))]
    }
    func number(_ low: Int, _ high: Int, _ salt: UInt64) -> String {
      String(low + SampleMix.pick(high - low + 1, seed, 60 + salt, UInt64(i), UInt64(k)))
    }
    var text = pick(templates, 1)
    let topic = pick(SamplePortalText.topics, 2)
    var topic2 = pick(SamplePortalText.topics, 3)
    if topic2 == topic {
      let topics = SamplePortalText.topics
      topic2 = topics[((topics.firstIndex(of: topic) ?? 0) + 1) % topics.count]
    }
    let slots: [(String, String)] = [
      ("{place}", pick(SamplePortalText.places, 4)), ("{body}", pick(bodies, 5)),
      ("{time}", pick(times, 6)), ("{topic2}", topic2), ("{topic}", topic),
      ("{person}", pick(people, 7)), ("{role}", pick(roles, 8)), ("{n}", number(2, 980, 1)),
      ("{m}", number(1000, 98000, 2)), ("{p}", number(60, 99, 3)),
    ]
    for (slot, value) in slots { text = text.replacingOccurrences(of: slot, with: value) }
    return text
  }
}
