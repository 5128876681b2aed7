import Foundation
import GRDB
import Index

/// The crawl's durable state in one SQLite database (WAL, through a GRDB `DatabasePool`): URLs
/// (queue, seen set and per-URL records), runs, captures (the digest and URL index of the
/// archive), site models, pending article extractions, text fingerprints and page errors.
///
/// Ownership: GRDB's pool owns the connections. Every write goes through its one writer
/// connection, serialised on the pool's writer queue; during a crawl only `ArchiveSink`'s queue
/// commits crawl results (`commit(_:)`), after the batch's WARC records were fsync'd, so a URL
/// is never marked done before its records are durably in the archive. Reads (`read`) run on the
/// pool's reader connections from any thread and see the last committed state. Nothing here is
/// kept in memory that grows with the number of URLs; `originIDs` grows with the number of
/// origins and is guarded by its lock.
public final class Frontier: Sendable {
  public let path: String
  let pool: DatabasePool
  let originIDs = OriginTable()

  /// The schema version written to `PRAGMA user_version`: a binary that knows an older version
  /// refuses the file instead of misreading it.
  public static let schemaVersion: Int64 = 4

  /// Opens (creating if needed) the state DB at `path` and migrates it to this schema.
  public init(path: String) throws {
    self.path = path
    var config = Configuration()
    config.busyMode = .timeout(10)
    config.publicStatementArguments = true
    // Two readers: during a crawl only the engine queue (seen tests, queue refills) and the
    // sink's queue (digest index, fingerprints) read, so more would only hold more copies of the
    // same hot pages.
    config.maximumReaderCount = 2
    config.prepareDatabase { db in
      // NORMAL in WAL mode loses nothing on a process crash (kill -9); only an OS crash may lose
      // the last transactions, which the crawl repairs from the archive on resume.
      try db.execute(sql: "PRAGMA synchronous=NORMAL")
      // A bounded page cache per connection (KiB): memory stays flat however big the DB grows.
      // The writer's is the one that pays (upserts walk the URL indexes); each reader's serves
      // point lookups, which the OS page cache answers almost as fast (the 60 K-article scale
      // crawl filled 4 MiB in all five connections it had then: 20 MiB of its peak).
      try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size=-1024" : "PRAGMA cache_size=-4096")
    }
    do {
      pool = try DatabasePool(path: path, configuration: config)
    } catch {
      throw FrontierError(path: path, operation: "open", error: error)
    }
    let version = try read("read schema version") {
      try Int64.fetchOne($0, sql: "PRAGMA user_version") ?? 0
    }
    if version > Self.schemaVersion {
      throw FrontierError(
        path: path, operation: "open",
        message: "state schema \(version) is newer than this program's \(Self.schemaVersion)")
    }
    do {
      try Self.migrator.migrate(pool)
    } catch {
      throw FrontierError(path: path, operation: "migrate", error: error)
    }
    // The search index's tables (module Index), outside the migrator: idempotent.
    try write("create the search index") { try SearchIndex.createSchema($0) }
    try loadOrigins()
  }

  /// Runs `body` on a reader connection; errors name the file and `operation`.
  func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.read(body)
    } catch {
      throw FrontierError(path: path, operation: operation, error: error)
    }
  }

  /// Runs `body` in one transaction on the writer connection; errors name the file and
  /// `operation`.
  func write<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.write(body)
    } catch {
      throw FrontierError(path: path, operation: operation, error: error)
    }
  }

  /// Runs SQL that returns no rows (for tests and maintenance), in one transaction.
  public func execute(_ sql: String, arguments: [String] = []) throws {
    try write("execute") { try $0.execute(sql: sql, arguments: StatementArguments(arguments)) }
  }
}

/// Origin ("scheme://host:port") ↔ small integer id, as stored in `urls.origin`.
///
/// The id keeps the queue index compact. Grows with the number of origins a crawl has met
/// (hosts, not URLs). Guarded by a lock: the engine reads it, the writer adds to it.
final class OriginTable: @unchecked Sendable {
  private let lock = NSLock()
  private var ids: [String: Int64] = [:]

  func id(_ origin: String) -> Int64? {
    lock.lock()
    defer { lock.unlock() }
    return ids[origin]
  }

  func set(_ origin: String, _ id: Int64) {
    lock.lock()
    ids[origin] = id
    lock.unlock()
  }

  func removeAll() {
    lock.lock()
    ids.removeAll()
    lock.unlock()
  }

  var all: [String: Int64] {
    lock.lock()
    defer { lock.unlock() }
    return ids
  }
}

extension Frontier {
  /// The origin of a canonical URL: everything before the first "/" or "?" after "://".
  /// Scans UTF-8 bytes (called for every URL the engine writes; `Character` iteration cost
  /// the 60 K-article crawl 0.6% of its CPU).
  public static func origin(of url: String) -> Substring {
    let bytes = url.utf8
    var i = bytes.startIndex
    var afterScheme: String.Index?
    while i < bytes.endIndex {
      if bytes[i] == UInt8(ascii: ":") {
        let j = bytes.index(after: i)
        if j < bytes.endIndex, bytes[j] == UInt8(ascii: "/") {
          let k = bytes.index(after: j)
          if k < bytes.endIndex, bytes[k] == UInt8(ascii: "/") {
            afterScheme = bytes.index(after: k)
            break
          }
        }
      }
      i = bytes.index(after: i)
    }
    guard let start = afterScheme else { return url[...] }
    var end = start
    while end < bytes.endIndex, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?") {
      end = bytes.index(after: end)
    }
    return url[url.startIndex..<end]
  }

  func loadOrigins() throws {
    let rows = try read("read origins") { db in
      try Row.fetchAll(db, sql: "SELECT id, origin FROM origins")
    }
    for row in rows {
      let id: Int64 = row[0]
      let origin: String = row[1]
      originIDs.set(origin, id)
    }
  }

  /// The id of `origin`, added to the origins table when new (writer connection, inside a
  /// transaction).
  func originID(_ origin: String, db: Database) throws -> Int64 {
    if let id = originIDs.id(origin) { return id }
    try db.execute(sql: "INSERT OR IGNORE INTO origins(origin) VALUES(?)", arguments: [origin])
    let id =
      try Int64.fetchOne(db, sql: "SELECT id FROM origins WHERE origin = ?", arguments: [origin])
      ?? 0
    originIDs.set(origin, id)
    return id
  }

  /// Every origin the state knows.
  public func origins() -> [String] { originIDs.all.keys.sorted() }
}
