import Index
import Testing

/// The query language: terms, phrases, AND / OR / NOT, parentheses, and the errors of bad queries.
@Suite struct SearchQueryTests {
  @Test func spacesAndAndJoinTermsNotBindsTighterOrLooser() throws {
    #expect(try SearchQuery("中国 经济").root == .and([.term("中国"), .term("经济")]))
    #expect(try SearchQuery("中国 AND 经济").root == .and([.term("中国"), .term("经济")]))
    #expect(
      try SearchQuery("a OR b c").root == .or([.term("a"), .and([.term("b"), .term("c")])]))
    #expect(try SearchQuery("a NOT b").root == .and([.term("a"), .not(.term("b"))]))
    #expect(
      try SearchQuery("(a OR b) NOT (c)").root
        == .and([.or([.term("a"), .term("b")]), .not(.term("c"))]))
    #expect(try SearchQuery("and or").root == .and([.term("and"), .term("or")]))
  }

  @Test func phrasesKeepTheirSpacesAndFullWidthLettersAndDigitsFold() throws {
    #expect(try SearchQuery("\"国家 治理\" x").root == .and([.term("国家 治理"), .term("x")]))
    #expect(try SearchQuery("ＧＤＰ２０２５").root == .term("GDP2025"))
    #expect(try SearchQuery("中国，人民").root == .term("中国，人民"))
    #expect(try SearchQuery("a NOT b OR c").positiveTerms == ["a", "c"])
  }

  @Test(arguments: [
    ("", "the query is empty"),
    ("   ", "the query is empty"),
    ("中国 \"人民", "unbalanced quote at 4"),
    ("a \"\" b", "empty phrase \"\" at 3"),
    ("中国 NOT", "NOT needs a term (at 4)"),
    ("NOT", "NOT needs a term (at 1)"),
    ("NOT OR a", "NOT needs a term (at 1)"),
    ("a AND", "AND needs a term on each side (at 3)"),
    ("AND a", "AND needs a term on each side (at 1)"),
    ("a OR OR b", "OR needs a term on each side (at 3)"),
    ("(a b", "unbalanced parenthesis at 1"),
    ("a b)", "unbalanced parenthesis at 4"),
    ("a () b", "empty parentheses at 3"),
  ])
  func badQueriesSayWhatIsWrongAndWhere(query: String, message: String) {
    #expect(throws: SearchQueryError.self) { try SearchQuery(query) }
    do {
      _ = try SearchQuery(query)
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func aQueryOverOneKilobyteIsRefused() {
    let long = String(repeating: "中", count: 400)  // 1,200 bytes
    do {
      _ = try SearchQuery(long)
      Issue.record("accepted a 1,200-byte query")
    } catch {
      #expect(error.description == "the query is too long: 1200 bytes, at most 1024")
    }
    #expect((try? SearchQuery(String(repeating: "a", count: 1024))) != nil)
  }
}
