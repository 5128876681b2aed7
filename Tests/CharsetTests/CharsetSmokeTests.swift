import Testing
@testable import Charset

@Test func CharsetModuleLoads() { #expect(Bool(true)) }
