import Foundation

/// Turns the paths given on the command line into the list of PDFs to
/// convert, each with a unique output name.
public enum InputScanner {
    /// Folders are walked for `*.pdf` (any case, symbolic links to files included); sub-folders are mirrored in
    /// the output names. Files are taken as given, whatever their extension.
    /// Two inputs that would get the same output name are told apart by a
    /// short hash of their path, so nothing is overwritten.
    public static func scan(_ paths: [String]) throws -> [(url: URL, name: String, displayPath: String)] {
        var found: [(url: URL, name: String, displayPath: String)] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw PipelineError.input(path, "no such file or folder")
            }
            let url = URL(fileURLWithPath: path).standardizedFileURL
            // Outputs record where a source sits relative to what was given, never
            // the converting machine's absolute path: a path given as absolute is cut to its folder.
            let absolute = path.hasPrefix("/")
            if !isFolder.boolValue {
                found.append((url, stem(url.lastPathComponent), absolute ? url.lastPathComponent : path))
                continue
            }
            guard let walker = manager.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey],
                                                  options: [.skipsHiddenFiles]) else {
                throw PipelineError.input(path, "cannot list the folder")
            }
            var inFolder: [(URL, String, String)] = []
            for case let file as URL in walker where file.pathExtension.lowercased() == "pdf" {
                // A link to a PDF is converted like the PDF (folders of links are common in
                // archives); a link to a folder is not followed, so a loop cannot be walked.
                var isLinkedFolder: ObjCBool = false
                guard manager.fileExists(atPath: file.path, isDirectory: &isLinkedFolder), !isLinkedFolder.boolValue else { continue }
                let relative = String(file.standardizedFileURL.path.dropFirst(url.path.count).drop { $0 == "/" })
                let display = absolute ? relative : (path as NSString).appendingPathComponent(relative)
                inFolder.append((file.standardizedFileURL, stem(relative), display))
            }
            found += inFolder.sorted { $0.1 < $1.1 }
        }
        return disambiguate(found)
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

    private static func disambiguate(_ inputs: [(url: URL, name: String, displayPath: String)]) -> [(url: URL, name: String, displayPath: String)] {
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
