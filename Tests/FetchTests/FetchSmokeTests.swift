import Testing
@testable import Fetch

@Test func FetchModuleLoads() { #expect(Bool(true)) }
