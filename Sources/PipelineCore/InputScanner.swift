import Foundation

/// Turns the paths given on the command line into the list of PDFs to
/// convert, each with a unique output name.
public enum InputScanner {
    public typealias Input = (url: URL, name: String, displayPath: String)

    /// An input that cannot be converted for what it is, not for its content:
    /// a path that does not exist, a dangling link, a link loop, a folder that cannot be listed.
    public struct Problem: Sendable, Equatable {
        public var displayPath: String
        public var cause: String
        /// A folder that could not be listed: the sources in it are unknown, not gone.
        public var hidesSources: Bool
    }

    /// Folders are walked for `*.pdf` (any case, symbolic links to files included); sub-folders are mirrored in
    /// the output names. Files are taken as given, whatever their extension.
    /// Two inputs that would get the same output name are told apart by a
    /// short hash of their path, so nothing is overwritten. Every path that
    /// cannot be taken is returned as a problem; the others are still found.
    public static func scanReportingProblems(_ paths: [String]) -> (inputs: [Input], problems: [Problem]) {
        var found: [Input] = []
        var problems: [Problem] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                problems.append(Problem(displayPath: path, cause: unreachable(path) ?? "no such file or folder", hidesSources: false))
                continue
            }
            let url = URL(fileURLWithPath: path).standardizedFileURL
            // Outputs record where a source sits relative to what was given, never
            // the converting machine's absolute path: a path given as absolute is cut to its folder.
            let absolute = path.hasPrefix("/")
            if !isFolder.boolValue {
                found.append((url, stem(url.lastPathComponent), absolute ? url.lastPathComponent : path))
                continue
            }
            var inFolder: [Input] = []
            walk(url, relative: "") { relative, problem in
                let display = absolute ? relative : (path as NSString).appendingPathComponent(relative)
                if let problem {
                    problems.append(Problem(displayPath: relative.isEmpty ? path : display, cause: problem.cause, hidesSources: problem.hidesSources))
                } else {
                    inFolder.append((url.appendingPathComponent(relative).standardizedFileURL, stem(relative), display))
                }
            }
            found += inFolder.sorted { $0.name < $1.name }
        }
        return (disambiguate(found), problems)
    }

    /// The inputs, for commands that must not go on with part of them
    /// (`prune` would take the sources of a folder it cannot list for gone):
    /// a missing path or an unlistable folder throws; a bad link in a folder is left out.
    public static func scan(_ paths: [String]) throws -> [Input] {
        let scanned = scanReportingProblems(paths)
        if let problem = scanned.problems.first(where: { $0.hidesSources || paths.contains($0.displayPath) }) {
            throw PipelineError.input(problem.displayPath, problem.cause)
        }
        return scanned.inputs
    }

    /// Calls `found` with each PDF's path relative to `root`, or with a problem
    /// for an entry that cannot be taken. Hidden entries are skipped; a link
    /// to a PDF is taken like the PDF (folders of links are common in
    /// archives); a link to a folder is not followed, so no loop is walked.
    private static func walk(_ root: URL, relative: String,
                             _ found: (String, (cause: String, hidesSources: Bool)?) -> Void) {
        let folder = relative.isEmpty ? root : root.appendingPathComponent(relative)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            found(relative, ("cannot list the folder: \(FileErrorCause.describe(error))", true))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let entry = relative.isEmpty ? name : "\(relative)/\(name)"
            let path = root.appendingPathComponent(entry).path
            var link = stat()
            guard lstat(path, &link) == 0 else { continue } // gone since the listing
            let isPDF = (name as NSString).pathExtension.lowercased() == "pdf"
            if link.st_mode & S_IFMT == S_IFLNK {
                var target = stat()
                if stat(path, &target) != 0 {
                    // A loop is reported whatever its name: it can be neither file nor folder.
                    if isPDF || errno == ELOOP { found(entry, (unreachable(path) ?? "cannot follow the link", false)) }
                } else if target.st_mode & S_IFMT == S_IFREG, isPDF {
                    found(entry, nil)
                } else if isPDF, target.st_mode & S_IFMT != S_IFDIR {
                    found(entry, ("not a regular file (a device, pipe or socket)", false))
                }
                continue
            }
            switch link.st_mode & S_IFMT {
            case S_IFDIR: walk(root, relative: entry, found)
            case S_IFREG where isPDF: found(entry, nil)
            // A pipe named .pdf would block the read that hashes it, and the batch with it.
            case _ where isPDF: found(entry, ("not a regular file (a device, pipe or socket)", false))
            default: break
            }
        }
    }

    /// Why a path that `lstat` may see cannot be followed, if it is a link.
    private static func unreachable(_ path: String) -> String? {
        var link = stat()
        guard lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK else { return nil }
        var target = stat()
        if stat(path, &target) == 0 { return nil }
        let code = errno
        if code == ELOOP { return "a symbolic link loop (too many levels of links)" }
        let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
        return "a dangling symbolic link (to \(destination), which \(code == ENOENT ? "does not exist" : String(cString: strerror(code))))"
    }

    /// A top-level source named `report.pdf` would write the run report's
    /// `report.json`: such names get the hash suffix too.
    private static func isRunFile(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "report" || lower.hasPrefix("report-shard-")
    }

    private static func stem(_ relative: String) -> String {
        let ext = (relative as NSString).pathExtension
        return ext.isEmpty ? relative : String(relative.dropLast(ext.count + 1))
    }

    private static func disambiguate(_ inputs: [Input]) -> [Input] {
        var seenURLs = Set<URL>()
        let unique = inputs.filter { seenURLs.insert($0.url).inserted }
        let counts = Dictionary(grouping: unique, by: { $0.name.lowercased() }).mapValues(\.count)
        return unique.map { input in
            guard counts[input.name.lowercased(), default: 0] > 1 || isRunFile(input.name) else { return input }
            let suffix = ContentHash.sha256(input.url.path).prefix(8)
            return (input.url, "\(input.name)-\(suffix)", input.displayPath)
        }
    }
}
