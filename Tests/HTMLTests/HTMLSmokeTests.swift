import Testing
@testable import HTML

@Test func HTMLModuleLoads() { #expect(Bool(true)) }
