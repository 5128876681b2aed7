import Foundation
import GRDB
import Testing
import TestSupport

@testable import Frontier

@Suite struct FrontierMigrationTests {
  /// Writes the first release's state DB (schema 1) to a file, as that release left it.
  static func v1Database(in dir: TemporaryDirectory) throws -> String {
    let path = dir.path + "/state.sqlite"
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in
      try db.execute(sql: V1StateFixture.sql)
      try db.execute(sql: "PRAGMA user_version = 1")
    }
    try queue.close()
    return path
  }

  @Test func aFirstReleaseDatabaseOpensAndUpgradesInPlace() throws {
    let dir = try TemporaryDirectory()
    let path = try Self.v1Database(in: dir)
    let frontier = try Frontier(path: path)
    #expect(try frontier.urlCount() == 97)
    #expect(try frontier.captureCount() == 79)
    let article = try #require(
      try frontier.record(for: "http://127.0.0.1:18088/dfcz/200809/t20080912_20015.htm"))
    #expect(article.state == .done)
    #expect(article.kind == .article)
    #expect(article.etag == "\"63ca6dcdf0eebad8-gz\"")
    #expect(article.seq > 0)
    // Fingerprints got their bands: the stored one is found by a hash 2 bits away.
    let stored = UInt64(bitPattern: 5_539_560_120_159_933_963)
    #expect(
      try frontier.nearDuplicate(of: stored ^ 0b11, threshold: 3, excluding: "x")
        == "http://127.0.0.1:18088/wszl/200901/t20090117_20024.htm")
    #expect(frontier.origins() == ["http://127.0.0.1:18088"])
    let run = try #require(try frontier.lastRun())
    #expect(run.outcome == .completed || run.outcome == .completedWithErrors)
    // Done URLs are not queued; a re-queued one is found in its origin's queue.
    #expect(
      try frontier.queued(run: run.id, origin: "http://127.0.0.1:18088", afterSeq: 0, limit: 10)
        .isEmpty)
    var requeued = article
    requeued.state = .queued
    requeued.runID = run.id
    var batch = CommitBatch()
    batch.urls.append(requeued)
    try frontier.commit(batch)
    #expect(
      try frontier.queued(run: run.id, origin: "http://127.0.0.1:18088", afterSeq: 0, limit: 10)
        .map(\.url) == [article.url])

    // Opening again changes nothing; the file now says the current schema.
    let again = try Frontier(path: path)
    #expect(try again.urlCount() == 97)
    let version = try DatabaseQueue(path: path).read {
      try Int64.fetchOne($0, sql: "PRAGMA user_version")
    }
    #expect(version == Frontier.schemaVersion)
  }

  /// A DB as schema 2 left it (the release before the covering band indexes) upgrades in place:
  /// its band indexes cover the hash and its fingerprints are still found.
  @Test func aSchema2DatabaseGetsCoveringBandIndexes() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/state.sqlite"
    let queue = try DatabaseQueue(path: path)
    try Frontier.migrator.migrate(queue, upTo: "v2-disk-frontier")
    let hash: UInt64 = 0x0123_4567_89AB_CDEF
    try queue.write { db in
      #expect(try Int64.fetchOne(db, sql: "PRAGMA user_version") == 2)
      for (url, h) in [("http://a/1", hash), ("http://a/2", ~hash)] {
        let b = Frontier.bands(h)
        try db.execute(
          sql: "INSERT INTO fingerprints(url, simhash, b0, b1, b2, b3) VALUES(?, ?, ?, ?, ?, ?)",
          arguments: [url, Int64(bitPattern: h), b[0], b[1], b[2], b[3]])
      }
    }
    try queue.close()

    let frontier = try Frontier(path: path)
    let near = { (h: UInt64, excluding: String) in
      try frontier.nearDuplicate(of: h, threshold: 3, excluding: excluding)
    }
    #expect(try near(hash ^ 0b111, "x") == "http://a/1")
    #expect(try near(hash ^ 0b1111, "x") == nil)
    #expect(try near(hash, "http://a/1") == nil)
    #expect(try near(~hash ^ 1, "x") == "http://a/2")
    try DatabaseQueue(path: path).read { db in
      for band in 0..<4 {
        let columns = try String.fetchAll(
          db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno",
          arguments: ["fingerprints_b\(band)"])
        #expect(columns == ["b\(band)", "simhash"])
      }
      #expect(try Int64.fetchOne(db, sql: "PRAGMA user_version") == Frontier.schemaVersion)
    }
  }

  @Test func aNewerSchemaIsRefusedNamingTheFile() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/state.sqlite"
    try DatabaseQueue(path: path).writeWithoutTransaction {
      try $0.execute(sql: "PRAGMA user_version = 99")
    }
    do {
      _ = try Frontier(path: path)
      Issue.record("expected an error")
    } catch let error as FrontierError {
      #expect(error.description.contains(path))
      #expect(error.description.contains("newer"))
    }
  }
}
