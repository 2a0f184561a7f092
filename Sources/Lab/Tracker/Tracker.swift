import Foundation
import GRDB

/// The experiment tracker: one SQLite file (WAL) shared by every process that runs experiments.
///
/// Schema in the spirit of MLflow's: experiments, runs (uuid + short id, parent, status, heartbeat),
/// immutable params, append-only step metrics with a latest-value table kept in the same
/// transaction, tags, artifacts, and the environment of each run. Opening a tracker migrates it to
/// the current schema and marks runs whose owner died as KILLED (their metrics stay).
///
/// ```swift
/// let tracker = try Tracker(path: ProjectLocations().tracker)
/// let run = try tracker.startRun(name: "train", environment: .capture(seed: 0))
/// try run.logParams(["width": "128"])
/// try run.logMetric("loss", 0.42, step: 10)
/// try run.finish()
/// ```
public final class Tracker: @unchecked Sendable {
    /// Timing of liveness and locking.
    public struct Options: Sendable {
        /// A RUNNING run whose heartbeat is older than this is KILLED at the next open.
        public var staleAfter: TimeInterval
        /// How often a live run's heartbeat is written.
        public var heartbeatInterval: TimeInterval
        /// How long a writer waits for another process's transaction before failing.
        public var busyTimeout: TimeInterval

        public init(staleAfter: TimeInterval = 90, heartbeatInterval: TimeInterval = 15, busyTimeout: TimeInterval = 30) {
            self.staleAfter = staleAfter
            self.heartbeatInterval = heartbeatInterval
            self.busyTimeout = busyTimeout
        }
    }

    /// The tracker file.
    public let path: URL
    public let options: Options
    let pool: DatabasePool

    /// Opens (creating if absent) the tracker at `path`, migrates it and sweeps dead runs.
    ///
    /// - Throws: `TrackerError.notATracker` for a file that is not SQLite (never overwritten),
    ///   `.foreignDatabase` for someone else's SQLite file, `.newerSchema` for a file from a
    ///   newer MoGenLab.
    public init(path: URL, options: Options = Options()) throws {
        self.path = path
        self.options = options
        try Tracker.checkFile(at: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(options.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "MoGenLab tracker"
        configuration.prepareDatabase { db in
            // WAL commits need no fsync at NORMAL; a power cut may lose the last commits, never consistency.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try Tracker.openPool(path: path, configuration: configuration, patience: options.busyTimeout)
        try migrate()
        try sweepDeadRuns()
    }

    /// Opens the tracker named by `--tracker`, `MOGENLAB_TRACKER`, or `Results/tracker.sqlite`.
    public convenience init(locations: ProjectLocations, options: Options = Options()) throws {
        try self.init(path: locations.tracker, options: options)
    }

    // MARK: - Opening

    /// Opens the WAL pool. Switching a new file to WAL can report SQLITE_BUSY without consulting
    /// the busy handler when another process is doing the same, so that case is retried here,
    /// with a short back-off, for as long as the busy timeout allows.
    private static func openPool(path: URL, configuration: Configuration, patience: TimeInterval) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(patience)
        var pause: TimeInterval = 0.005
        while true {
            do {
                return try DatabasePool(path: path.path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                guard Date() < deadline else { throw Tracker.translate(error, path: path.path) }
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 0.2)
            } catch {
                throw Tracker.translate(error, path: path.path)
            }
        }
    }

    /// Refuses anything but an absent file, an empty file, or an SQLite database, before SQLite touches it.
    private static func checkFile(at path: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path.path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw TrackerError.unusablePath(path: path.path, reason: "it is a folder") }
            guard let handle = FileHandle(forReadingAtPath: path.path) else {
                throw TrackerError.unusablePath(path: path.path, reason: "it cannot be read")
            }
            defer { try? handle.close() }
            let header = (try? handle.read(upToCount: 16)) ?? Data()
            let magic = Data("SQLite format 3\0".utf8)
            if !header.isEmpty && header != magic {
                throw TrackerError.notATracker(path: path.path, reason: "no SQLite header")
            }
        } else {
            let folder = path.deletingLastPathComponent()
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw TrackerError.unusablePath(path: path.path, reason: "cannot create \(folder.path): \(error.localizedDescription)")
            }
        }
    }

    private func migrate() throws {
        do {
            try pool.writeWithoutTransaction { db in try TrackerSchema.migrate(db, path: path.path) }
        } catch {
            throw Tracker.translate(error, path: path.path)
        }
    }

    /// The migrations applied to this file, oldest first.
    public func schemaVersions() throws -> [String] {
        try read { db in try TrackerSchema.applied(db) }
    }

    // MARK: - Liveness

    /// Marks RUNNING runs whose owner is gone as KILLED: the owning process on this host no
    /// longer exists, or the heartbeat is older than `options.staleAfter`. Metrics are kept;
    /// the end time becomes the last heartbeat. Runs at every open; returns the short ids swept.
    @discardableResult
    public func sweepDeadRuns(now: Date = Date()) throws -> [String] {
        let host = ProcessLiveness.hostName
        let staleBefore = TrackerTime.millis(now.addingTimeInterval(-options.staleAfter))
        return try write { db in
            var swept: [String] = []
            let rows = try Row.fetchAll(db, sql: "SELECT uuid, short_id, host, pid, heartbeat FROM runs WHERE status = 'RUNNING'")
            for row in rows {
                let heartbeat: Int64 = row["heartbeat"]
                let owner: Int? = row["pid"]
                let ownerHost: String? = row["host"]
                let reason: String
                if ownerHost == host, let owner, !ProcessLiveness.isAlive(pid: owner) {
                    reason = "owner process \(owner) on \(host) exited without finishing the run"
                } else if heartbeat < staleBefore {
                    reason = "no heartbeat since \(ISO8601DateFormatter().string(from: TrackerTime.date(heartbeat)))"
                } else {
                    continue
                }
                let uuid: String = row["uuid"]
                try db.execute(sql: "UPDATE runs SET status = 'KILLED', end_time = heartbeat WHERE uuid = ?", arguments: [uuid])
                try db.execute(sql: "INSERT OR REPLACE INTO tags (run_uuid, key, value) VALUES (?, 'mogenlab.killed_reason', ?)",
                               arguments: [uuid, reason])
                swept.append(row["short_id"])
            }
            return swept
        }
    }

    // MARK: - Database access with errors that name the file

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw Tracker.translate(error, path: path.path) }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw Tracker.translate(error, path: path.path) }
    }

    static func translate(_ error: Error, path: String) -> Error {
        if error is TrackerError { return error }
        if let databaseError = error as? DatabaseError {
            switch databaseError.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return TrackerError.notATracker(path: path, reason: databaseError.message ?? "damaged database")
            default:
                return TrackerError.database(path: path, message: databaseError.message ?? "\(databaseError)")
            }
        }
        return TrackerError.database(path: path, message: "\(error)")
    }
}

/// Whether a process id is still in use on this host.
enum ProcessLiveness {
    /// `gethostname`, without the DNS look-up `ProcessInfo.hostName` may do.
    static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return String(cString: buffer)
    }()

    static func isAlive(pid: Int) -> Bool {
        guard pid > 0, let pid32 = Int32(exactly: pid) else { return false }
        return kill(pid32, 0) == 0 || errno == EPERM
    }
}
