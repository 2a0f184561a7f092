import Foundation
import ZIPFoundation

/// NumPy's `.npz` format: a zip archive whose members `name.npy` are `.npy` files.
///
/// Reading (`ZipReader`) accepts stored and deflated members (`np.savez` and
/// `np.savez_compressed`) and checks each member's size and CRC; writing (ZIPFoundation) stores
/// members uncompressed, sorted by name, with a fixed timestamp so that the same arrays always
/// give the same bytes.
public struct NPZFile: Sendable {
    /// The arrays by name (the member name without `.npy`).
    public var arrays: [String: NDArray]
    /// The name used in error messages (the file's last path component when read from disk).
    public var fileName: String

    /// Creates an archive's content in memory, for writing.
    public init(arrays: [String: NDArray] = [:], fileName: String = "<npz>") {
        self.arrays = arrays
        self.fileName = fileName
    }

    /// The array names, sorted.
    public var names: [String] { arrays.keys.sorted() }

    /// The array called `name`; throws naming the file (and close matches) when it is missing.
    public func array(_ name: String) throws -> NDArray {
        if let array = arrays[name] { return array }
        throw ArrayFileError(file: fileName, field: "array '\(name)'",
                             problem: MissingKey.problem(for: name, among: Array(arrays.keys), noun: "array"))
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
        for member in zip.members {
            let name = member.path.hasSuffix(".npy") ? String(member.path.dropLast(4)) : member.path
            let contents: Data
            do {
                contents = try zip.contents(of: member)
            } catch let problem as ZipProblem {
                throw fail("member '\(member.path)'", problem.message)
            }
            let array: NDArray
            do {
                array = try NPY.decode(contents, fileName: member.path)
            } catch let error as ArrayFileError {
                throw fail("member '\(member.path)': \(error.field)", error.problem)
            }
            guard arrays.updateValue(array, forKey: name) == nil else {
                throw fail("member '\(member.path)'", "the archive holds two arrays named '\(name)'")
            }
        }
        self.init(arrays: arrays, fileName: fileName)
    }

    /// The archive's bytes (members stored, sorted by name).
    public func encoded() throws -> Data {
        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
        } catch {
            throw ArrayFileError(file: fileName, field: "zip archive", problem: "cannot create an in-memory archive: \(error)")
        }
        for name in names {
            let npy = try NPY.encode(arrays[name]!)
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
