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

  /// The WARC files the captures name (relative paths), sorted.
  public func captureFiles() throws -> [String] {
    try read("list capture files") { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT file FROM captures ORDER BY file")
    }
  }

  /// The captures recorded in one WARC file, by offset.
  public func captures(inFile file: String) throws -> [Capture] {
    try read("read captures of a file") { db in
      try Row.fetchAll(
        db, sql: "SELECT \(Self.captureColumns) FROM captures WHERE file = ? ORDER BY offset",
        arguments: [file]
      ).map(Self.capture)
    }
  }

  /// The revisit captures that lose their payload with `lost`: those of a digest whose every
  /// response capture is lost. (A revisit record carries headers only; its body is the
  /// response it refers to.)
  public func dependentRevisits(of lost: [Capture]) throws -> [Capture] {
    let lostKeys = Set(lost.map { "\($0.file):\($0.offset)" })
    let digests = Set(lost.filter { $0.recordType == "response" }.compactMap(\.digest))
    guard !digests.isEmpty else { return [] }
    return try read("find revisits of lost captures") { db in
      var revisits: [Capture] = []
      for digest in digests.sorted() {
        let responses = try Row.fetchAll(
          db,
          sql: "SELECT file, offset FROM captures WHERE digest = ? AND record_type = 'response'",
          arguments: [digest])
        let survives = responses.contains { row in
          let file: String = row[0]
          let offset: Int64 = row[1]
          return !lostKeys.contains("\(file):\(offset)")
        }
        guard !survives else { continue }
        revisits += try Row.fetchAll(
          db,
          sql: "SELECT \(Self.captureColumns) FROM captures WHERE digest = ? AND record_type = 'revisit' ORDER BY id",
          arguments: [digest]
        ).map(Self.capture).filter { !lostKeys.contains("\($0.file):\($0.offset)") }
      }
      return revisits
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
