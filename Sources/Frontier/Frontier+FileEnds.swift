import GRDB

/// A WARC file that is shorter than the state says it durably was: cut after it was written.
public struct CutFile: Sendable, Equatable {
  /// Path relative to the archive root.
  public var file: String
  /// Its durable end at the last commit that wrote to it (bytes).
  public var recorded: Int64
  /// Its size now (bytes; -1 when the file is gone).
  public var actual: Int64
}

extension Frontier {
  /// The WARC files shorter now than their durable end as committed (`warc_files`, else the
  /// end of their last capture), cheapest first check of a crawl's start: one row per file.
  public func cutFiles(size: (String) -> Int64?) throws -> [CutFile] {
    try read("find cut WARC files") { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT file, max(size) FROM (
            SELECT file, size FROM warc_files
            UNION ALL SELECT file, max(offset + length) FROM captures GROUP BY file)
          GROUP BY file ORDER BY file
          """)
      return rows.compactMap { row in
        let file: String = row[0]
        let recorded: Int64 = row[1]
        let actual = size(file) ?? -1
        return actual < recorded ? CutFile(file: file, recorded: recorded, actual: actual) : nil
      }
    }
  }

  /// Records a file's end after a repair cut or re-read it (replacing the larger one it had).
  public func setFileEnd(_ file: String, size: Int64) throws {
    try write("record a WARC file's end") { db in
      if size < 0 {
        try db.execute(sql: "DELETE FROM warc_files WHERE file = ?", arguments: [file])
      } else {
        try db.execute(
          sql: "INSERT OR REPLACE INTO warc_files(file, size) VALUES(?, ?)",
          arguments: [file, size])
      }
    }
  }

  /// Queues the article records of `urls` to be written again from their latest surviving
  /// response capture (their metadata and conversion records were lost); returns how many
  /// were queued. A URL without a response capture is left alone (a lost response is
  /// forgotten instead, and the URL fetched again).
  public func requeueArticleRecords(of urls: [String]) throws -> Int {
    guard !urls.isEmpty else { return 0 }
    return try write("queue lost article records") { db in
      let latest = try db.makeStatement(
        sql: """
          SELECT c.file, c.offset, c.length, u.host FROM captures c JOIN urls u ON u.url = c.url
          WHERE c.url = ? AND c.record_type = 'response' ORDER BY c.ts DESC, c.id DESC LIMIT 1
          """)
      let insert = try db.makeStatement(
        sql:
          "INSERT OR REPLACE INTO pending_articles(url, host, file, offset, length) VALUES(?,?,?,?,?)"
      )
      var n = 0
      for url in Set(urls).sorted() {
        guard let row = try Row.fetchOne(latest, arguments: [url]) else { continue }
        let file: String = row[0]
        let offset: Int64 = row[1]
        let length: Int64 = row[2]
        let host: String = row[3]
        try insert.execute(arguments: [url, host, file, offset, length])
        n += 1
      }
      return n
    }
  }

  /// The URLs whose article records wait to be written again from their response (queued by a
  /// reconcile or a cut-short run).
  public func pendingArticleURLs() throws -> Set<String> {
    try read("list pending article records") { db in
      Set(try String.fetchAll(db, sql: "SELECT url FROM pending_articles"))
    }
  }
}
