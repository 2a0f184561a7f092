import Foundation

/// The image files Plot writes, chosen by the output file's extension.
enum ImageFormat: String, CaseIterable {
    case png, svg, gif

    init(path: URL, allowed: [ImageFormat]) throws {
        guard let format = ImageFormat(rawValue: path.pathExtension.lowercased()), allowed.contains(format) else {
            throw PlotError.unsupportedFormat(path: path.path, expected: allowed.map(\.rawValue))
        }
        self = format
    }

    /// The `set terminal` line for a still image of this format.
    func terminal(size: PlotSize) -> String {
        switch self {
        case .png:
            return "set terminal pngcairo size \(size.width),\(size.height) noenhanced font 'DejaVu Sans,11' linewidth 1.2"
        case .svg:
            return "set terminal svg size \(size.width),\(size.height) noenhanced font 'DejaVu Sans,11' linewidth 1.2 background '#ffffff'"
        case .gif:
            return "set terminal gif size \(size.width),\(size.height) noenhanced font 'DejaVu Sans,10'"
        }
    }
}
