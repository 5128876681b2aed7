import GRDB

extension SearchIndex {
  /// Creates the index tables in `db` if they are missing (idempotent; any transaction).
  ///
  /// `search_articles` holds one row per article URL (its latest capture) with the folded
  /// title and text; `search_fts` is an external-content FTS5 table over its title and body
  /// with the trigram tokenizer (ASCII and Unicode case folded) and `detail=none`: the index
  /// keeps which rows hold each trigram, not where. Positions are not needed because every
  /// candidate is checked against its stored text (`LIKE`), which also makes phrases exact;
  /// measured on 6,000 simulator articles (24 MB of text): detail=full costs 2.05× the text in
  /// index pages, detail=none 0.37×, and the check keeps a 6-character query at 2–15 ms.
  /// `search_articles_published` serves the newest-first order of queries the trigrams cannot
  /// answer (1–2 character terms): a term most articles hold stops after the first `limit`
  /// rows it finds instead of checking and sorting every row.
  public static func createSchema(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE IF NOT EXISTS search_articles(
          id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, host TEXT NOT NULL,
          title TEXT NOT NULL, published TEXT NOT NULL, source TEXT NOT NULL,
          author TEXT NOT NULL, fetched TEXT NOT NULL, warc_file TEXT NOT NULL,
          warc_offset INTEGER NOT NULL, body TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS search_articles_published
          ON search_articles(published DESC, url);
        """)
    try createFTS(db)
  }

  static func createFTS(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
          title, body, content='search_articles', content_rowid='id',
          tokenize='trigram case_sensitive 0', detail=none
        );
        """)
  }

  /// Adds `article`, or replaces the entry of its URL (an older capture), in the current
  /// transaction of `db`. Called by the crawl's commit inside the transaction that marks the
  /// URL done, so an article is indexed exactly when its records are committed.
  public static func upsert(_ article: IndexedArticle, db: Database) throws {
    let a = article
    if let old = try Row.fetchOne(
      db.cachedStatement(sql: "SELECT id, title, body FROM search_articles WHERE url = ?"),
      arguments: [a.url])
    {
      let id: Int64 = old[0]
      let oldTitle: String = old[1]
      let oldBody: String = old[2]
      try db.cachedStatement(
        sql: "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES('delete', ?, ?, ?)"
      ).execute(arguments: [id, oldTitle, oldBody])
      try db.cachedStatement(
        sql: """
          UPDATE search_articles SET host = ?, title = ?, published = ?, source = ?, author = ?,
            fetched = ?, warc_file = ?, warc_offset = ?, body = ? WHERE id = ?
          """
      ).execute(arguments: [
        a.host, a.title, a.published, a.source, a.author, a.fetched, a.warcFile, a.warcOffset,
        a.text, id,
      ])
      try insertFTS(id: id, a, db: db)
    } else {
      try insertRow(a, db: db)
      try insertFTS(id: db.lastInsertedRowID, a, db: db)
    }
  }

  static func insertRow(_ a: IndexedArticle, db: Database) throws {
    try db.cachedStatement(
      sql: """
        INSERT INTO search_articles(url, host, title, published, source, author, fetched,
          warc_file, warc_offset, body) VALUES(?,?,?,?,?,?,?,?,?,?)
        """
    ).execute(arguments: [
      a.url, a.host, a.title, a.published, a.source, a.author, a.fetched, a.warcFile,
      a.warcOffset, a.text,
    ])
  }

  private static func insertFTS(id: Int64, _ a: IndexedArticle, db: Database) throws {
    try db.cachedStatement(sql: "INSERT INTO search_fts(rowid, title, body) VALUES(?, ?, ?)")
      .execute(arguments: [id, a.title, a.text])
  }

  /// Whether `db` has the index tables.
  static func hasSchema(_ db: Database) throws -> Bool {
    try Int.fetchOne(
      db,
      sql: "SELECT count(*) FROM sqlite_master WHERE name IN ('search_articles', 'search_fts')")
      == 2
  }
}
