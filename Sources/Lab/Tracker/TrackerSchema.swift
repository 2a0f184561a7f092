import GRDB

/// The tracker's schema, as an ordered list of migrations.
///
/// A migration, once released, is never edited: change the schema by appending a new one, so
/// every tracker file ever written can be brought forward (`LabTests` keeps the v1 DDL verbatim
/// and migrates from it). Times are integer milliseconds since 1970 (as in MLflow's schema).
enum TrackerSchema {
    /// Identifiers of all migrations, oldest first; the last one is the current schema.
    static let versions = ["v1", "v2"]

    static var migrations: [(identifier: String, sql: String)] { [("v1", v1), ("v2", v2)] }

    /// Applies the missing migrations in ONE immediate transaction, so two processes opening a
    /// fresh tracker at once cannot both run `v1` (GRDB's `DatabaseMigrator` reads the applied
    /// list outside its per-migration transactions). The bookkeeping table keeps GRDB's name.
    ///
    /// - Throws: `TrackerError.foreignDatabase` for an SQLite file with other tables and no
    ///   migration record, `.newerSchema` when the file has migrations this build does not know.
    static func migrate(_ db: Database, path: String) throws {
        try db.inTransaction(.immediate) {
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            if !tables.isEmpty && !tables.contains("grdb_migrations") {
                throw TrackerError.foreignDatabase(path: path, tables: tables.sorted())
            }
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            let applied = try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
            if !applied.isSubset(of: versions) {
                throw TrackerError.newerSchema(path: path, knownVersions: versions)
            }
            for migration in migrations where !applied.contains(migration.identifier) {
                try db.execute(sql: migration.sql)
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.identifier])
            }
            return .commit
        }
    }

    /// The migrations applied to a database, in schema order.
    static func applied(_ db: Database) throws -> [String] {
        let applied = try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        return versions.filter(applied.contains)
    }

    /// The first schema: experiments, runs, immutable params, append-only metrics with their
    /// latest values, and tags.
    static let v1 = """
        CREATE TABLE experiments (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE runs (
            uuid TEXT PRIMARY KEY,
            short_id TEXT NOT NULL UNIQUE,
            experiment_id INTEGER NOT NULL REFERENCES experiments(id),
            parent_uuid TEXT REFERENCES runs(uuid),
            name TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED', 'KILLED')),
            start_time INTEGER NOT NULL,
            end_time INTEGER,
            heartbeat INTEGER NOT NULL
        );
        CREATE INDEX runs_by_experiment ON runs(experiment_id, start_time);
        CREATE INDEX runs_by_parent ON runs(parent_uuid);
        CREATE TABLE params (
            run_uuid TEXT NOT NULL REFERENCES runs(uuid) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (run_uuid, key)
        );
        CREATE TABLE metrics (
            id INTEGER PRIMARY KEY,
            run_uuid TEXT NOT NULL REFERENCES runs(uuid) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value REAL,
            step INTEGER NOT NULL,
            timestamp INTEGER NOT NULL
        );
        CREATE INDEX metrics_by_run_key ON metrics(run_uuid, key, step);
        CREATE TABLE latest_metrics (
            run_uuid TEXT NOT NULL REFERENCES runs(uuid) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value REAL,
            step INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            PRIMARY KEY (run_uuid, key)
        );
        CREATE TABLE tags (
            run_uuid TEXT NOT NULL REFERENCES runs(uuid) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (run_uuid, key)
        );
        """

    /// Reproducibility: which process owns a run (so a dead owner is noticed at once), the
    /// environment it ran in, and checksummed artifacts.
    static let v2 = """
        ALTER TABLE runs ADD COLUMN host TEXT;
        ALTER TABLE runs ADD COLUMN pid INTEGER;
        CREATE TABLE run_environment (
            run_uuid TEXT PRIMARY KEY REFERENCES runs(uuid) ON DELETE CASCADE,
            git_commit TEXT,
            git_dirty INTEGER,
            recipe_sha256 TEXT,
            seed INTEGER,
            cpu_model TEXT NOT NULL,
            cores INTEGER NOT NULL,
            swift_version TEXT NOT NULL,
            openblas_config TEXT NOT NULL,
            threads INTEGER NOT NULL
        );
        CREATE TABLE artifacts (
            run_uuid TEXT NOT NULL REFERENCES runs(uuid) ON DELETE CASCADE,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            PRIMARY KEY (run_uuid, path)
        );
        """
}
