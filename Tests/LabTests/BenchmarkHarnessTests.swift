import Foundation
import XCTest
@testable import Lab

final class BenchmarkHarnessTests: XCTestCase {
    /// A peer that "works" for a fixed time per iteration and follows the line protocol.
    private let sleepingPeer = """
        import json, sys, time, resource, os
        delay = float(sys.argv[1])
        threads = os.environ.get("MOGENLAB_THREADS")
        print("warming up (not JSON)")
        print(json.dumps({"ready": True, "threads": threads}))
        for line in sys.stdin:
            words = line.split()
            if words[0] == "run":
                times = []
                for _ in range(int(words[1])):
                    start = time.perf_counter()
                    time.sleep(delay)
                    times.append((time.perf_counter() - start) * 1000)
                print(json.dumps({"ms": times}))
            elif words[0] == "quit":
                print(json.dumps({"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
                break
        """

    private func script(_ text: String) throws -> URL {
        guard ExecutableSearch.find("python3") != nil else { throw XCTSkip("python3 is not installed (needed only for peers)") }
        let url = try makeTemporaryFolder(self).appendingPathComponent("peer.py")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testAlternatingRoundsProduceTheReport() throws {
        let peer = PeerSpec(name: "python-sleep", script: try script(sleepingPeer), arguments: ["0.004"])
        var oursCalls = 0
        var rounds: [String] = []
        let spec = BenchmarkSpec(name: "sleep", peer: peer, iterationsPerRound: 3, rounds: 2, warmupIterations: 1,
                                 extras: { ours, _ in ["ours_per_second": 1000 / ours] }) {
            oursCalls += 1
            Thread.sleep(forTimeInterval: 0.002)
        }
        let report = try BenchmarkHarness(threads: 1, log: { rounds.append($0) }).run(spec)
        XCTAssertEqual(oursCalls, 7, "1 warm-up + 2 rounds × 3")
        XCTAssertEqual(rounds, ["sleep: round 1/2", "sleep: round 2/2"])
        XCTAssertEqual(report.runs, 6)
        XCTAssertEqual(report.peerMs.count, 6)
        // Sleeps never end early; a loaded machine can only make them longer.
        XCTAssertGreaterThanOrEqual(report.oursMedianMs, 2)
        XCTAssertLessThan(report.oursMedianMs, 200)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(report.peerMedianMs), 4)
        XCTAssertLessThan(try XCTUnwrap(report.peerMedianMs), 200)
        XCTAssertEqual(try XCTUnwrap(report.ratio), report.oursMedianMs / report.peerMedianMs!, accuracy: 1e-12)
        XCTAssertGreaterThan(try XCTUnwrap(report.peerPeakRSSMB), 1)
        XCTAssertGreaterThan(report.oursPeakRSSMB, 1)
        XCTAssertEqual(report.threads, 1)

        let json = try JSONSerialization.jsonObject(with: Data(try report.jsonLine().utf8)) as? [String: Any]
        for key in ["name", "ours_median_ms", "peer", "peer_median_ms", "ratio", "ours_peak_rss_mb", "peer_peak_rss_mb",
                    "threads", "runs", "ours_per_second"] {
            XCTAssertNotNil(json?[key], "missing \(key)")
        }
        XCTAssertEqual(json?["peer"] as? String, "python-sleep")
    }

    func testOursOnlyReportsNullPeerFields() throws {
        let report = try BenchmarkHarness(threads: 1).run(BenchmarkSpec(name: "alone", peer: nil, iterationsPerRound: 2, rounds: 1) {})
        XCTAssertNil(report.ratio)
        let line = try report.jsonLine()
        XCTAssertTrue(line.contains("\"peer\":null"), line)
        XCTAssertTrue(line.contains("\"ratio\":null"), line)
    }

    func testMissingModuleGivesInstallHint() throws {
        let peer = PeerSpec(name: "pytorch", script: try script(sleepingPeer), requiredModules: ["no_such_module_xyz"])
        XCTAssertThrowsError(try BenchmarkHarness().run(BenchmarkSpec(name: "x", peer: peer) {})) { error in
            XCTAssertTrue("\(error)".contains("pip install no_such_module_xyz"), "\(error)")
        }
        XCTAssertTrue(BenchmarkError.installHint(module: "torch").contains("pip install /opt/wheels/torch-2.13.0+cpu-*.whl"))
    }

    func testPeerDyingBeforeReadyShowsItsStderr() throws {
        let peer = PeerSpec(name: "broken", script: try script("import no_such_module_abc\n"))
        XCTAssertThrowsError(try BenchmarkHarness().run(BenchmarkSpec(name: "x", peer: peer) {})) { error in
            guard case let BenchmarkError.peerDied(_, stage, stderr, hint) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(stage, "set-up")
            XCTAssertTrue(stderr.contains("ModuleNotFoundError"), stderr)
            XCTAssertEqual(hint, BenchmarkError.installHint(module: "no_such_module_abc"))
        }
    }

    func testPeerBreakingTheProtocolIsReported() throws {
        let peer = PeerSpec(name: "liar", script: try script("""
            import json, sys
            print(json.dumps({"ready": True}))
            for line in sys.stdin:
                print(json.dumps({"ms": [1.0]}))
            """))
        XCTAssertThrowsError(try BenchmarkHarness().run(BenchmarkSpec(name: "x", peer: peer, iterationsPerRound: 3,
                                                                      warmupIterations: 0) {})) { error in
            XCTAssertEqual(error as? BenchmarkError, .peerProtocol(script: peer.script.path, expected: "3 timings", received: "1 values"))
        }
    }

    func testMedian() {
        XCTAssertEqual(BenchmarkReport.median([3, 1, 2]), 2)
        XCTAssertEqual(BenchmarkReport.median([4, 1, 2, 3]), 2.5)
    }
}
