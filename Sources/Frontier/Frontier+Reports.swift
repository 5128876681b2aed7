import GRDB

extension Frontier {
  /// Calls `body` with each URL a run skipped (state skipped: robots, scope, depth, query
  /// variants, URL length), ordered by reason then URL. Streams through one read transaction:
  /// memory stays flat however many.
  public func forEachSkipped(run: Int64, _ body: (URLRecord) throws -> Void) throws {
    try read("read skipped urls") { db in
      let rows = try Row.fetchCursor(
        db,
        sql:
          "SELECT \(Self.urlColumns) FROM urls WHERE run_id = ? AND state = ? ORDER BY reason, url",
        arguments: [run, URLState.skipped.rawValue])
      while let row = try rows.next() { try body(Self.url(row)) }
    }
  }

  /// Calls `body` with each page error of a run (failed for good: retried ones are not stored),
  /// ordered by kind then URL; streamed like `forEachSkipped`.
  public func forEachError(run: Int64, _ body: (PageError) throws -> Void) throws {
    try read("read errors") { db in
      let rows = try Row.fetchCursor(
        db,
        sql: "SELECT run_id, url, kind, message, at FROM errors WHERE run_id = ? ORDER BY kind, url",
        arguments: [run])
      while let row = try rows.next() {
        try body(PageError(runID: row[0], url: row[1], kind: row[2], message: row[3], at: row[4]))
      }
    }
  }

  /// Calls `body` with each capture a run archived as a revisit (a payload identical to an
  /// earlier capture, or a 304), with the URL of the capture it refers to when the digest index
  /// has one; streamed like `forEachSkipped`.
  public func forEachRevisit(run: Int64, _ body: (Capture, String?) throws -> Void) throws {
    try read("read revisits") { db in
      let first = try db.cachedStatement(
        sql:
          "SELECT url FROM captures WHERE digest = ? AND record_type = 'response' ORDER BY id LIMIT 1"
      )
      let rows = try Row.fetchCursor(
        db,
        sql: "SELECT \(Self.captureColumns) FROM captures WHERE run_id = ? AND record_type = 'revisit' ORDER BY url",
        arguments: [run])
      while let row = try rows.next() {
        let capture = Self.capture(row)
        let original = try capture.digest.flatMap { try String.fetchOne(first, arguments: [$0]) }
        try body(capture, original)
      }
    }
  }
}

extension Frontier {
  /// What is durable of a run's fetches: URLs done or failed in it (robots.txt files among
  /// them), and its page errors. Unlike the run's counters, which a process stores when it
  /// ends, these survive a kill -9 of an earlier process of the run.
  public func fetchTotals(run: Int64) throws -> (urls: Int, robots: Int, errors: Int) {
    try read("count fetches") { db in
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT count(*), coalesce(sum(url LIKE '%/robots.txt'), 0) FROM urls
          WHERE run_id = ? AND state IN (?, ?)
          """, arguments: [run, URLState.done.rawValue, URLState.failed.rawValue])
      let errors =
        try Int.fetchOne(db, sql: "SELECT count(*) FROM errors WHERE run_id = ?", arguments: [run])
        ?? 0
      return (row?[0] ?? 0, row?[1] ?? 0, errors)
    }
  }
}
