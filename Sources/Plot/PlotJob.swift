import Foundation

/// One render to a file: saves `<stem>.dat` and `<stem>.gp` beside the image, runs gnuplot on
/// the saved script (so the file on disk is exactly what ran), and publishes the image by
/// renaming a temporary file, so a failed or killed render never leaves a partial image.
struct PlotJob {
    let imageURL: URL
    let data: String
    let terminal: String
    let commands: String

    var directory: URL { imageURL.deletingLastPathComponent() }
    var stem: String { imageURL.deletingPathExtension().lastPathComponent }
    var scriptURL: URL { directory.appendingPathComponent(stem + ".gp") }
    var dataURL: URL { directory.appendingPathComponent(stem + ".dat") }

    /// The saved script. File names are relative to the script's folder; the caller may
    /// predefine `datafile` and `outfile` (as `run` does) to redirect them.
    var savedScript: String {
        """
        # Written by MoGenLab (module Plot). Re-draw from this folder with: gnuplot \(stem).gp
        if (!exists("datafile")) datafile = \(GnuplotSyntax.quote(stem + ".dat"))
        if (!exists("outfile")) outfile = \(GnuplotSyntax.quote(imageURL.lastPathComponent))
        \(terminal)
        set output outfile
        \(commands)
        unset output

        """
    }

    func run(gnuplot: Gnuplot) throws -> PlotFiles {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw PlotError.io(path: directory.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        try AtomicFile.write(data, to: dataURL)
        try AtomicFile.write(savedScript, to: scriptURL)
        let temporary = directory.appendingPathComponent(".\(stem).\(UUID().uuidString).tmp.\(imageURL.pathExtension)")
        defer { try? fm.removeItem(at: temporary) }
        try gnuplot.run("outfile = \(GnuplotSyntax.quote(temporary.lastPathComponent))\nload \(GnuplotSyntax.quote(stem + ".gp"))",
                        in: directory, scriptName: scriptURL.path)
        let size = (try? fm.attributesOfItem(atPath: temporary.path)[.size] as? Int) ?? 0
        guard size > 0 else {
            throw PlotError.gnuplotFailed(script: scriptURL.path, message: "gnuplot wrote no image", status: 0)
        }
        try AtomicFile.publish(temporary, as: imageURL)
        return PlotFiles(image: imageURL, script: scriptURL, data: dataURL)
    }

    /// A self-contained script (data inline as a datablock) for output captured from stdout.
    static func inlineScript(data: String, commands: String, terminal: String) -> String {
        // A datablock ends at a line reading exactly EOD; data lines never do (numbers, quotes).
        """
        $chartdata << EOD
        \(data)
        EOD
        datafile = '$chartdata'
        \(terminal)
        set output
        \(commands)

        """
    }
}

/// Atomic file writes: write a temporary file in the same folder, then rename over the target.
enum AtomicFile {
    static func write(_ text: String, to url: URL) throws {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw PlotError.io(path: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Moves `temporary` onto `target` with rename(2), which replaces an existing file atomically.
    static func publish(_ temporary: URL, as target: URL) throws {
        guard rename(temporary.path, target.path) == 0 else {
            throw PlotError.io(path: target.path, reason: "cannot move the rendered image into place: \(String(cString: strerror(errno)))")
        }
    }
}
