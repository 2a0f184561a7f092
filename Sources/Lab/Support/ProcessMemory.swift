import Foundation

/// Memory use of this process.
public enum ProcessMemory {
    /// The peak resident set size so far, in MiB (`VmHWM` of /proc/self/status; `getrusage` elsewhere).
    public static func peakResidentMB() -> Double {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
            for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
                let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
                return kilobytes / 1024
            }
        }
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_maxrss) / 1024
    }
}
