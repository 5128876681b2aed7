import GRDB

extension Frontier {
  /// The captures whose record no longer lies within its WARC file: the file is shorter than
  /// the record's end (a truncated copy, a bad disk) or gone (`size` nil). Cheap: one grouped
  /// scan of the captures for each file's indexed end, then the lost rows of damaged files only.
  public func lostCaptures(size: (String) -> Int64?) throws -> [Capture] {
    try read("reconcile captures") { db in
      let ends = try Row.fetchAll(
        db, sql: "SELECT file, max(offset + length) FROM captures GROUP BY file")
      var lost: [Capture] = []
      for row in ends {
        let file: String = row[0]
        let end: Int64 = row[1]
        let actual = size(file) ?? -1
        guard actual < end else { continue }
        lost += try Row.fetchAll(
          db,
          sql: "SELECT \(Self.captureColumns) FROM captures WHERE file = ? AND offset + length > ? ORDER BY id",
          arguments: [file, max(actual, 0)]
        ).map(Self.capture)
      }
      return lost
    }
  }

  /// Forgets lost captures in one transaction: their rows leave the digest index (no revisit
  /// will refer to them), pending article records pointing at them go, and their URLs are
  /// marked failed ("archived record lost"), without validators, so the next run that meets
  /// them fetches them again in full.
  public func forget(_ lost: [Capture]) throws {
    guard !lost.isEmpty else { return }
    try write("forget lost captures") { db in
      let delete = try db.makeStatement(
        sql: "DELETE FROM captures WHERE file = ? AND offset = ?")
      let pending = try db.makeStatement(
        sql: "DELETE FROM pending_articles WHERE file = ? AND offset = ?")
      let url = try db.makeStatement(
        sql: """
          UPDATE urls SET state = ?, reason = 'archived record lost', etag = NULL,
            last_modified = NULL, fetched_at = NULL,
            digest = (SELECT digest FROM captures c WHERE c.url = urls.url ORDER BY id DESC LIMIT 1)
          WHERE url = ?
          """)
      for c in lost {
        try delete.execute(arguments: [c.file, c.offset])
        try pending.execute(arguments: [c.file, c.offset])
      }
      for u in Set(lost.map(\.url)) {
        try url.execute(arguments: [URLState.failed.rawValue, u])
      }
    }
  }
}
