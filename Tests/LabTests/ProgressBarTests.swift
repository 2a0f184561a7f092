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
