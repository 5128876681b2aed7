import Testing
@testable import Crawl

@Test func CrawlModuleLoads() { #expect(Bool(true)) }
