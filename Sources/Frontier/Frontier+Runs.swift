import Foundation
import GRDB

extension Frontier {
  private static let runColumns = "id, started, ended, outcome, counts, seeds, exit_code, verdict"

  /// The newest run that has not ended (it was interrupted or killed), if any.
  public func unfinishedRun() throws -> RunRecord? {
    try read("read runs") { db in
      try Row.fetchOne(
        db,
        sql:
          "SELECT \(Self.runColumns) FROM runs WHERE ended IS NULL OR outcome = 'interrupted' ORDER BY id DESC LIMIT 1"
      ).map(Self.run)
    }
  }

  /// The newest run, ended or not.
  public func lastRun() throws -> RunRecord? {
    try read("read runs") { db in
      try Row.fetchOne(db, sql: "SELECT \(Self.runColumns) FROM runs ORDER BY id DESC LIMIT 1")
        .map(Self.run)
    }
  }

  /// One run by its id.
  public func run(id: Int64) throws -> RunRecord? {
    try read("read run \(id)") { db in
      try Row.fetchOne(
        db, sql: "SELECT \(Self.runColumns) FROM runs WHERE id = ?", arguments: [id]
      ).map(Self.run)
    }
  }

  /// The newest runs, newest first.
  public func runs(limit: Int) throws -> [RunRecord] {
    try read("read runs") { db in
      try Row.fetchAll(
        db, sql: "SELECT \(Self.runColumns) FROM runs ORDER BY id DESC LIMIT ?",
        arguments: [limit]
      ).map(Self.run)
    }
  }

  /// Records the exit code a run's process ended with and its verdict in words.
  public func setVerdict(run id: Int64, exitCode: Int32, verdict: String) throws {
    try write("record the verdict of run \(id)") { db in
      try db.execute(
        sql: "UPDATE runs SET exit_code = ?, verdict = ? WHERE id = ?",
        arguments: [exitCode, verdict, id])
    }
  }

  /// Starts a new run and returns it.
  public func startRun(seeds: [String], at time: Double) throws -> RunRecord {
    let seedsJSON = String(decoding: try JSONEncoder().encode(seeds), as: UTF8.self)
    let counts = String(decoding: try JSONEncoder().encode(RunCounts()), as: UTF8.self)
    let id = try write("start run") { db in
      try db.execute(
        sql: "INSERT INTO runs(started, ended, outcome, counts, seeds) VALUES(?, NULL, 'running', ?, ?)",
        arguments: [time, counts, seedsJSON])
      return db.lastInsertedRowID
    }
    return RunRecord(id: id, started: time, outcome: .running, seeds: seeds)
  }

  /// Records a run's counters and, when `ended` is given, its end and outcome.
  public func updateRun(_ run: RunRecord) throws {
    try write("update run \(run.id)") { try Self.updateRun(run, db: $0) }
  }

  static func updateRun(_ run: RunRecord, db: Database) throws {
    let counts = String(decoding: try JSONEncoder().encode(run.counts), as: UTF8.self)
    try db.execute(
      sql: "UPDATE runs SET ended = ?, outcome = ?, counts = ? WHERE id = ?",
      arguments: [run.ended, run.outcome.rawValue, counts, run.id])
  }

  /// Marks an abandoned run as interrupted (it was killed before it could say so).
  public func markInterrupted(_ id: Int64, at time: Double) throws {
    try write("mark run \(id) interrupted") { db in
      try db.execute(
        sql: "UPDATE runs SET ended = ?, outcome = 'interrupted' WHERE id = ?",
        arguments: [time, id])
    }
  }

  private static func run(_ row: Row) throws -> RunRecord {
    let countsText: String = row[4] ?? "{}"
    let seedsText: String = row[5] ?? "[]"
    let counts = try JSONDecoder().decode(RunCounts.self, from: Data(countsText.utf8))
    let seeds = (try? JSONDecoder().decode([String].self, from: Data(seedsText.utf8))) ?? []
    let outcome: String = row[3] ?? ""
    return RunRecord(
      id: row[0], started: row[1], ended: row[2],
      outcome: RunOutcome(rawValue: outcome) ?? .failed, counts: counts, seeds: seeds,
      exitCode: row[6], verdict: row[7])
  }

  /// A run's page errors in the order they happened, a page at a time (`afterID` is the last
  /// id of the previous page; 0 first). For the run's report: bounded memory however many.
  public func errors(run: Int64, afterID: Int64, limit: Int) throws -> [(id: Int64, error: PageError)] {
    try read("read errors") { db in
      try Row.fetchAll(
        db,
        sql:
          "SELECT id, run_id, url, kind, message, at FROM errors WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?",
        arguments: [run, afterID, limit]
      ).map {
        (id: $0[0], error: PageError(runID: $0[1], url: $0[2], kind: $0[3], message: $0[4], at: $0[5]))
      }
    }
  }

  /// The newest page errors of a run.
  public func errors(run: Int64, limit: Int = 20) throws -> [PageError] {
    try read("read errors") { db in
      try Row.fetchAll(
        db,
        sql:
          "SELECT run_id, url, kind, message, at FROM errors WHERE run_id = ? ORDER BY id DESC LIMIT ?",
        arguments: [run, limit]
      ).map {
        PageError(runID: $0[0], url: $0[1], kind: $0[2], message: $0[3], at: $0[4])
      }
    }
  }

  /// Every stored site model, host → encoded model (one per host: grows with hosts only).
  public func siteModels() throws -> [String: [UInt8]] {
    try read("read site models") { db in
      var out: [String: [UInt8]] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT host, model FROM site_models") {
        let host: String = row[0]
        let model: Data = row[1]
        out[host] = Array(model)
      }
      return out
    }
  }
}
