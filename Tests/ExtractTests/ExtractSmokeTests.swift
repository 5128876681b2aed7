import Testing
@testable import Extract

@Test func ExtractModuleLoads() { #expect(Bool(true)) }
