import Testing
@testable import Frontier

@Test func FrontierModuleLoads() { #expect(Bool(true)) }
