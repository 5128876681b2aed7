import GRDB

extension Frontier {
  /// The `<lastmod>` each URL had in the sitemap that listed it when the crawl last acted on it
  /// (unix seconds): a later value means the page changed since.
  static func createSitemapLastmods(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE sitemap_lastmods(url TEXT PRIMARY KEY, lastmod INTEGER NOT NULL) WITHOUT ROWID;
        """)
  }

  /// The stored sitemap `<lastmod>` of those of `urls` that have one (one read).
  public func sitemapLastmods(for urls: [String]) throws -> [String: Int64] {
    if urls.isEmpty { return [:] }
    return try read("read sitemap lastmods") { db in
      let statement = try db.cachedStatement(
        sql: "SELECT lastmod FROM sitemap_lastmods WHERE url = ?")
      var out: [String: Int64] = [:]
      for url in urls {
        if let value = try Int64.fetchOne(statement, arguments: [url]) { out[url] = value }
      }
      return out
    }
  }

  /// Upserts sitemap `<lastmod>` values (writer connection, inside the commit's transaction).
  static func storeSitemapLastmods(_ values: [String: Int64], db: Database) throws {
    if values.isEmpty { return }
    let statement = try db.cachedStatement(
      sql: """
        INSERT INTO sitemap_lastmods(url, lastmod) VALUES(?, ?)
          ON CONFLICT(url) DO UPDATE SET lastmod = excluded.lastmod
        """)
    for (url, lastmod) in values { try statement.execute(arguments: [url, lastmod]) }
  }
}
