import Foundation
import ZIPFoundation

/// NumPy's `.npz` format: a zip archive whose members `name.npy` are `.npy` files.
///
/// Reading (`ZipReader`) accepts stored and deflated members (`np.savez` and
/// `np.savez_compressed`) and checks each member's size and CRC; writing (ZIPFoundation) stores
/// members uncompressed, sorted by name, with a fixed timestamp so that the same arrays always
/// give the same bytes.
public struct NPZFile: Sendable {
    /// The numeric arrays by name (the member name without `.npy`).
    public var arrays: [String: NDArray]
    /// The text arrays (numpy `<U…`/`|S…` members) by name.
    public var texts: [String: TextArray]
    /// Members that are valid but hold a dtype this reader does not support (e.g. pickled
    /// object arrays), with the reason; reading the others is not blocked by them.
    public private(set) var unsupported: [String: String]
    /// The name used in error messages (the file's last path component when read from disk).
    public var fileName: String

    /// Creates an archive's content in memory, for writing.
    public init(arrays: [String: NDArray] = [:], texts: [String: TextArray] = [:], fileName: String = "<npz>") {
        self.arrays = arrays
        self.texts = texts
        self.unsupported = [:]
        self.fileName = fileName
    }

    /// The numeric array names, sorted.
    public var names: [String] { arrays.keys.sorted() }

    /// The numeric array called `name`; throws naming the file (and close matches) when it is
    /// missing, and saying so when `name` is a text or unsupported member.
    public func array(_ name: String) throws -> NDArray {
        if let array = arrays[name] { return array }
        throw missing(name, kind: "array")
    }

    /// The text array called `name`; throws naming the file when it is missing or numeric.
    public func text(_ name: String) throws -> TextArray {
        if let text = texts[name] { return text }
        throw missing(name, kind: "text")
    }

    private func missing(_ name: String, kind: String) -> ArrayFileError {
        let field = "\(kind) '\(name)'"
        if let reason = unsupported[name] { return ArrayFileError(file: fileName, field: field, problem: reason) }
        if arrays[name] != nil {
            return ArrayFileError(file: fileName, field: field, problem: "is a numeric array; read it with array(_:)")
        }
        if texts[name] != nil {
            return ArrayFileError(file: fileName, field: field, problem: "is a text array; read it with text(_:)")
        }
        let keys = Array(arrays.keys) + Array(texts.keys) + Array(unsupported.keys)
        return ArrayFileError(file: fileName, field: field, problem: MissingKey.problem(for: name, among: keys, noun: "member"))
    }

    /// Reads the `.npz` file at `url`.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ArrayFileError(file: url.lastPathComponent, field: "file", problem: "cannot read \(url.path): \(error.localizedDescription)")
        }
        try self.init(data: data, fileName: url.lastPathComponent)
    }

    /// Decodes `.npz` bytes held in memory; `fileName` names them in error messages.
    public init(data: Data, fileName: String = "<npz>") throws {
        func fail(_ field: String, _ problem: String) -> ArrayFileError {
            ArrayFileError(file: fileName, field: field, problem: problem)
        }
        let zip: ZipReader
        do {
            zip = try ZipReader(data)
        } catch let problem as ZipProblem {
            throw fail("zip archive", problem.message)
        }
        var arrays: [String: NDArray] = [:]
        var texts: [String: TextArray] = [:]
        var unsupported: [String: String] = [:]
        for member in zip.members {
            let name = member.path.hasSuffix(".npy") ? String(member.path.dropLast(4)) : member.path
            let contents: Data
            do {
                contents = try zip.contents(of: member)
            } catch let problem as ZipProblem {
                throw fail("member '\(member.path)'", problem.message)
            }
            guard arrays[name] == nil, texts[name] == nil, unsupported[name] == nil else {
                throw fail("member '\(member.path)'", "the archive holds two members named '\(name)'")
            }
            do {
                let content = try contents.withUnsafeBytes { raw in
                    try NPY.decodeContent(bytes: raw, fileName: member.path, makeData: { Data(raw[$0]) })
                }
                switch content {
                case .numeric(let array): arrays[name] = array
                case .text(let text): texts[name] = text
                }
            } catch let error as ArrayFileError where error.field == "descr" {
                // A well-framed member of a type we cannot hold: keep going, report on access.
                unsupported[name] = "member '\(member.path)': \(error.problem)"
            } catch let error as ArrayFileError {
                throw fail("member '\(member.path)': \(error.field)", error.problem)
            }
        }
        self.init(arrays: arrays, texts: texts, fileName: fileName)
        self.unsupported = unsupported
    }

    /// The archive's bytes (members stored, sorted by name).
    public func encoded() throws -> Data {
        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
        } catch {
            throw ArrayFileError(file: fileName, field: "zip archive", problem: "cannot create an in-memory archive: \(error)")
        }
        if let clash = arrays.keys.first(where: { texts[$0] != nil }) {
            throw ArrayFileError(file: fileName, field: "member '\(clash).npy'", problem: "is both a numeric and a text array; rename one")
        }
        let members = try arrays.map { ($0.key, try NPY.encode($0.value)) }
            + texts.map { ($0.key, NPY.encodeText($0.value)) }
        for (name, npy) in members.sorted(by: { $0.0 < $1.0 }) {
            do {
                try archive.addEntry(with: name + ".npy", type: .file, uncompressedSize: Int64(npy.count),
                                     modificationDate: Self.fixedTimestamp, compressionMethod: .none,
                                     provider: { position, size in npy.subdata(in: Int(position)..<(Int(position) + size)) })
            } catch {
                throw ArrayFileError(file: fileName, field: "member '\(name).npy'", problem: "cannot be added: \(error)")
            }
        }
        guard let data = archive.data else {
            throw ArrayFileError(file: fileName, field: "zip archive", problem: "the in-memory archive has no data")
        }
        return data
    }

    /// Writes the archive to `url` (atomically).
    public func write(to url: URL) throws {
        try encoded().write(to: url, options: .atomic)
    }

    /// 1980-01-01 00:00 local time, the earliest zip timestamp: reproducible output.
    private static let fixedTimestamp: Date = {
        var components = DateComponents()
        (components.year, components.month, components.day) = (1980, 1, 1)
        return Calendar(identifier: .gregorian).date(from: components) ?? Date(timeIntervalSince1970: 315_532_800)
    }()
}
