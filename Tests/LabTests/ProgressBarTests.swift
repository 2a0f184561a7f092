import Foundation
import XCTest
@testable import Lab

final class ProgressBarTests: XCTestCase {
    func testStatusLineShowsCountRateAndTimeLeft() {
        let line = ProgressBar.line(label: "train", completed: 50, total: 200, unit: "steps", elapsed: 10,
                                    withBar: true, barWidth: 8)
        XCTAssertEqual(line, "train  [##------]  50/200 steps (25%)  5.00 steps/s  0:30 left")
        let open = ProgressBar.line(label: "scan", completed: 30, total: nil, unit: "files", elapsed: 3725, withBar: false)
        XCTAssertEqual(open, "scan  30 files  0.01 files/s  1:02:05 elapsed")
    }

    func testPlainStylePrintsPeriodicLinesForLogs() {
        var now = Date(timeIntervalSince1970: 0)
        var written: [String] = []
        let bar = ProgressBar("curate", total: 100, unit: "clips", style: .plain, plainInterval: 10,
                              write: { written.append($0) }, clock: { now })
        for _ in 0..<100 {
            now += 0.5  // 2 clips per second: a line every 20 clips
            bar.advance()
        }
        bar.finish()
        bar.finish()
        XCTAssertEqual(written.count, 6)
        XCTAssertEqual(written[0], "curate  20/100 clips (20%)  2.00 clips/s  0:40 left\n")
        XCTAssertEqual(written.last, "curate: 100/100 clips in 0:50 (2.00 clips/s)\n")
        XCTAssertTrue(written.allSatisfy { !$0.contains("\r") })
    }

    func testRateAndTimeLeftCountFromTheFirstUnit() {
        // 100 s of set-up, then 4 steps per second: the rate is 4, not 40/110, and a resumed
        // run's earlier steps do not count either.
        var now = Date(timeIntervalSince1970: 0)
        var written: [String] = []
        let bar = ProgressBar("judge", total: 400, unit: "steps", style: .plain, plainInterval: 10,
                              write: { written.append($0) }, clock: { now })
        now += 100
        bar.advance()
        for _ in 0..<40 { now += 0.25; bar.advance() }
        XCTAssertEqual(written, ["judge  1/400 steps (0%)  – steps/s  time left unknown\n",
                                 "judge  41/400 steps (10%)  4.00 steps/s  1:30 left\n"])
        written = []
        let resumed = ProgressBar("train", total: 600, unit: "steps", style: .plain, plainInterval: 10,
                                  write: { written.append($0) }, clock: { now })
        now += 11
        resumed.progress(completed: 300, total: nil)
        now += 10
        resumed.progress(completed: 320, total: nil)
        XCTAssertEqual(written.last, "train  320/600 steps (53%)  2.00 steps/s  2:20 left\n")
    }

    func testRedrawStyleOverwritesOneLine() {
        var now = Date(timeIntervalSince1970: 0)
        var written: [String] = []
        let bar = ProgressBar("t", total: 4, style: .redraw, write: { written.append($0) }, clock: { now })
        bar.progress(completed: 1, total: nil)  // too soon after the start: not drawn
        now += 1
        bar.progress(completed: 2, total: nil)
        XCTAssertEqual(written.count, 1)
        XCTAssertTrue(written[0].hasPrefix("\r\u{1B}[2Kt  ["))
        XCTAssertFalse(written[0].hasSuffix("\n"))
    }
}
