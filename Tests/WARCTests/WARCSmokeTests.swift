import Testing
@testable import WARC

@Test func WARCModuleLoads() { #expect(Bool(true)) }
