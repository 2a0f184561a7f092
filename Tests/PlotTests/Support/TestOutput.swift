import Foundation
import XCTest
@testable import Plot

/// A fresh folder for a test's files. Set PLOT_KEEP_OUTPUT=/some/dir to keep them for viewing.
func outputFolder(_ name: String) throws -> URL {
    let root = ProcessInfo.processInfo.environment["PLOT_KEEP_OUTPUT"].map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("PlotTests-\(UUID().uuidString)")
    let folder = root.appendingPathComponent(name)
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// The gnuplot to test with, or an XCTSkip saying how to install it.
func requireGnuplot() throws -> Gnuplot {
    guard let gnuplot = try? Gnuplot() else {
        throw XCTSkip("gnuplot is not installed: `sudo apt-get install gnuplot-nox` (or run scripts/setup) to run the Plot rendering tests")
    }
    return gnuplot
}
