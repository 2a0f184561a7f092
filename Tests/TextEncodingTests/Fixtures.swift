import Foundation
import XCTest
import Autograd
@testable import TextEncoding

/// Access to the files in Fixtures/ (see its README).
enum Fixtures {
    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
            throw XCTSkip("fixture \(name) is missing from the test bundle")
        }
        return url
    }

    static func vocabulary() throws -> Vocabulary {
        try Vocabulary(contentsOf: url("minilm_vocab.txt"))
    }

    static func sentences() throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(contentsOf: url("minilm_sentences.json")))
    }

    /// The reference token ids of every sentence, without padding.
    static func tokenIDs() throws -> [[Int32]] {
        let ids = try NPY.read(contentsOf: url("minilm_token_ids.npy"))
        let lengths = try NPY.read(contentsOf: url("minilm_lengths.npy")).int32s()
        let flat = try ids.int32s()
        let width = ids.shape[1]
        return lengths.enumerated().map { row, length in
            Array(flat[(row * width)..<(row * width + Int(length))])
        }
    }

    static func floats(_ name: String) throws -> (values: [Float], shape: [Int]) {
        let array = try NPY.read(contentsOf: url(name))
        return (try array.floats(), array.shape)
    }
}
