import Foundation
import PipelineCore

/// One file to validate.
public struct InputFile: Sendable, Equatable {
    public var url: URL
    /// As the user named it, or the folder they named joined with the path below it.
    public var displayPath: String
    public var format: OutputFormat

    public init(url: URL, displayPath: String, format: OutputFormat) {
        self.url = url
        self.displayPath = displayPath
        self.format = format
    }

    /// Files named on the command line are taken as they are (by extension);
    /// folders are walked for `*.xml` (`*.akn.xml` being Akoma Ntoso) and `*.json`, in path order, skipping
    /// hidden folders (the `.diarium` cache) and the run reports `convert`
    /// writes beside the outputs.
    public static func collect(_ paths: [String]) throws(ValidateError) -> [InputFile] {
        var files: [InputFile] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ValidateError("\(path): no such file or folder")
            }
            let url = URL(fileURLWithPath: path)
            if !isFolder.boolValue {
                guard let format = format(of: url) else {
                    throw ValidateError("\(path): not an .xml, .akn.xml or .json file")
                }
                files.append(InputFile(url: url, displayPath: path, format: format))
                continue
            }
            let found = try walk(url, displayPrefix: path)
            guard !found.isEmpty else {
                throw ValidateError("\(path): no .xml, .akn.xml or .json files in this folder")
            }
            files += found
        }
        return files
    }

    private static func format(of url: URL) -> OutputFormat? {
        if url.lastPathComponent.lowercased().hasSuffix(".\(OutputFormat.akn.fileExtension)") { return .akn }
        return OutputFormat(rawValue: url.pathExtension.lowercased()).flatMap { $0 == .akn ? nil : $0 }
    }

    private static func walk(_ folder: URL, displayPrefix: String) throws(ValidateError) -> [InputFile] {
        guard let listed = OutputFolderFiles.list(in: folder, extensions: ["xml", "json"]) else {
            throw ValidateError("\(displayPrefix): cannot read the folder")
        }
        return listed.compactMap { file in
            guard let format = format(of: file.url) else { return nil }
            if format == .json, isRunReport(file.url, relative: file.relative) { return nil }
            return InputFile(url: file.url, displayPath: (displayPrefix as NSString).appendingPathComponent(file.relative), format: format)
        }
    }

    /// `report.json` / `report-shard-K-of-N.json` at the top of an output
    /// folder summarise a run. A document named `report` also gives a
    /// `report.json` there, but it has a `schemaVersion` and is validated.
    private static func isRunReport(_ url: URL, relative: String) -> Bool {
        let name = relative
        guard name == "report.json" || (name.hasPrefix("report-shard-") && name.hasSuffix(".json")) else { return false }
        guard let data = FileManager.default.contents(atPath: url.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["schemaVersion"] == nil
    }
}
