import GRDB

extension Frontier {
  /// The schema's history. "v1" is the schema of the first release (a state.sqlite it wrote has
  /// no `grdb_migrations` table, so "v1" runs on it and changes nothing: every statement is
  /// `IF NOT EXISTS`); later migrations upgrade such a file in place.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1", migrate: createV1)
    migrator.registerMigration("v2-disk-frontier", migrate: upgradeToV2)
    migrator.registerMigration("v3-covering-bands", migrate: upgradeToV3)
    migrator.registerMigration("v4-run-verdicts", migrate: upgradeToV4)
    migrator.registerMigration("v5-warc-file-ends", migrate: upgradeToV5)
    migrator.registerMigration("v6-sitemap-lastmods", migrate: createSitemapLastmods)
    return migrator
  }

  /// The first release's schema, verbatim.
  private static func createV1(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE IF NOT EXISTS urls(
          url TEXT PRIMARY KEY, host TEXT NOT NULL, state INTEGER NOT NULL, reason TEXT,
          depth INTEGER NOT NULL, parent TEXT, kind INTEGER NOT NULL, attempts INTEGER NOT NULL,
          last_status INTEGER, etag TEXT, last_modified TEXT, digest TEXT, fetched_at REAL,
          run_id INTEGER NOT NULL, not_before REAL, redirect_chain TEXT, outlinks TEXT
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS urls_state ON urls(run_id, state);
        CREATE TABLE IF NOT EXISTS runs(
          id INTEGER PRIMARY KEY, started REAL NOT NULL, ended REAL, outcome TEXT NOT NULL,
          counts TEXT NOT NULL, seeds TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS captures(
          id INTEGER PRIMARY KEY, url TEXT NOT NULL, ts TEXT NOT NULL, warc_date TEXT NOT NULL,
          record_id TEXT NOT NULL, status INTEGER NOT NULL, mime TEXT NOT NULL, digest TEXT,
          record_type TEXT NOT NULL, file TEXT NOT NULL, offset INTEGER NOT NULL,
          length INTEGER NOT NULL, run_id INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS captures_url ON captures(url, ts);
        CREATE INDEX IF NOT EXISTS captures_digest ON captures(digest);
        CREATE TABLE IF NOT EXISTS site_models(host TEXT PRIMARY KEY, model BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS pending_articles(
          url TEXT PRIMARY KEY, host TEXT NOT NULL, file TEXT NOT NULL, offset INTEGER NOT NULL,
          length INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS fingerprints(url TEXT PRIMARY KEY, simhash INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS errors(
          id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, url TEXT NOT NULL, kind TEXT NOT NULL,
          message TEXT NOT NULL, at REAL NOT NULL
        );
        CREATE INDEX IF NOT EXISTS errors_run ON errors(run_id);
        PRAGMA user_version = 1;
        """)
  }

  /// The frontier on disk: a queue order (`seq`) and origin per URL with one index serving the
  /// per-origin ready queues and the state counts; fingerprints split into four 16-bit bands,
  /// each indexed, for sub-linear near-duplicate lookup; pending articles by host.
  private static func upgradeToV2(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE origins(id INTEGER PRIMARY KEY, origin TEXT NOT NULL UNIQUE);
        ALTER TABLE urls ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE urls ADD COLUMN origin INTEGER NOT NULL DEFAULT 0;
        """)
    try assignOriginsAndOrder(db)
    try db.execute(
      sql: """
        DROP INDEX IF EXISTS urls_state;
        CREATE INDEX urls_queue ON urls(run_id, state, origin, seq);
        ALTER TABLE fingerprints ADD COLUMN b0 INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE fingerprints ADD COLUMN b1 INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE fingerprints ADD COLUMN b2 INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE fingerprints ADD COLUMN b3 INTEGER NOT NULL DEFAULT 0;
        UPDATE fingerprints SET b0 = simhash & 65535, b1 = (simhash >> 16) & 65535,
          b2 = (simhash >> 32) & 65535, b3 = (simhash >> 48) & 65535;
        CREATE INDEX fingerprints_b0 ON fingerprints(b0);
        CREATE INDEX fingerprints_b1 ON fingerprints(b1);
        CREATE INDEX fingerprints_b2 ON fingerprints(b2);
        CREATE INDEX fingerprints_b3 ON fingerprints(b3);
        CREATE INDEX IF NOT EXISTS pending_host ON pending_articles(host);
        UPDATE urls SET state = 0 WHERE state = 1;
        PRAGMA user_version = 2;
        """)
  }

  /// Band indexes that cover the fingerprint: a near-duplicate lookup compares the candidates of
  /// a band from the index's adjacent entries and reads a table row only for a match (with plain
  /// band indexes every candidate cost a table row read, and the candidates of the simulator's
  /// articles, which share phrases, grew with the archive: 88 per article at 60 K articles).
  private static func upgradeToV3(_ db: Database) throws {
    try db.execute(
      sql: """
        DROP INDEX IF EXISTS fingerprints_b0;
        DROP INDEX IF EXISTS fingerprints_b1;
        DROP INDEX IF EXISTS fingerprints_b2;
        DROP INDEX IF EXISTS fingerprints_b3;
        CREATE INDEX fingerprints_b0 ON fingerprints(b0, simhash);
        CREATE INDEX fingerprints_b1 ON fingerprints(b1, simhash);
        CREATE INDEX fingerprints_b2 ON fingerprints(b2, simhash);
        CREATE INDEX fingerprints_b3 ON fingerprints(b3, simhash);
        PRAGMA user_version = 3;
        """)
  }

  /// Gives every URL of a first-release DB its origin id and a queue position (URL order).
  /// Runs keep the exit code and verdict their process ended with (`status --runs`).
  private static func upgradeToV4(_ db: Database) throws {
    try db.execute(
      sql: """
        ALTER TABLE runs ADD COLUMN exit_code INTEGER;
        ALTER TABLE runs ADD COLUMN verdict TEXT;
        PRAGMA user_version = 4;
        """)
  }

  /// The durable end of every WARC file as of the last commit (bytes), so that a file cut
  /// later is noticed even where the cut lost only article records (which `captures` does not
  /// list). Seeded from the captures' ends.
  private static func upgradeToV5(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE warc_files(file TEXT PRIMARY KEY, size INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO warc_files(file, size)
          SELECT file, max(offset + length) FROM captures GROUP BY file;
        """)
  }

  private static func assignOriginsAndOrder(_ db: Database) throws {
    var ids: [String: Int64] = [:]
    var seq: Int64 = 0
    let update = try db.makeStatement(sql: "UPDATE urls SET origin = ?, seq = ? WHERE url = ?")
    let urls = try String.fetchCursor(db, sql: "SELECT url FROM urls ORDER BY url")
    var pending: [(String, Int64, Int64)] = []
    while let url = try urls.next() {
      let origin = String(origin(of: url))
      let id: Int64
      if let known = ids[origin] {
        id = known
      } else {
        try db.execute(sql: "INSERT INTO origins(origin) VALUES(?)", arguments: [origin])
        id = db.lastInsertedRowID
        ids[origin] = id
      }
      seq += 1
      pending.append((url, id, seq))
      if pending.count >= 4096 {
        for (u, o, s) in pending { try update.execute(arguments: [o, s, u]) }
        pending.removeAll(keepingCapacity: true)
      }
    }
    for (u, o, s) in pending { try update.execute(arguments: [o, s, u]) }
  }
}
