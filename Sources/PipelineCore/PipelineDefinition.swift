import Foundation
import Yams

/// A pipeline file: which stages run, in order, with which settings.
///
/// ```yaml
/// name: council
/// version: 1
/// stages:
///   - id: extract
///     settings:
///       furnitureZone: 0.1
///   - id: emit
/// ```
public struct PipelineDefinition: Sendable, Equatable {
    public struct StageEntry: Sendable, Equatable {
        public var id: String
        /// The settings as JSON, with keys sorted, after YAML parsing.
        public var settingsJSON: Data
    }

    public var name: String
    public var version: Int
    public var stages: [StageEntry]
    /// Where it was read from, for messages.
    public var origin: String

    public init(name: String, version: Int, stages: [StageEntry], origin: String) {
        self.name = name
        self.version = version
        self.stages = stages
        self.origin = origin
    }

    public static func load(from url: URL) throws -> PipelineDefinition {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PipelineError.pipelineFile(url.path, "cannot read it: \(error.localizedDescription)")
        }
        return try parse(text, origin: url.path)
    }

    public static func parse(_ yaml: String, origin: String) throws -> PipelineDefinition {
        let root: Any?
        do {
            root = try Yams.load(yaml: yaml)
        } catch {
            throw PipelineError.pipelineFile(origin, "not valid YAML: \(error)")
        }
        guard let mapping = root as? [String: Any] else {
            throw PipelineError.pipelineFile(origin, "expected a mapping with `name`, `version` and `stages`")
        }
        let known: Set<String> = ["name", "version", "stages", "description"]
        if let unknown = Set(mapping.keys).subtracting(known).sorted().first {
            throw PipelineError.pipelineFile(origin, "unknown key `\(unknown)` (known: \(known.sorted().joined(separator: ", ")))")
        }
        guard let name = mapping["name"] as? String else {
            throw PipelineError.pipelineFile(origin, "`name` is missing or not a string")
        }
        guard let version = mapping["version"] as? Int else {
            throw PipelineError.pipelineFile(origin, "`version` is missing or not an integer")
        }
        guard let rawStages = mapping["stages"] as? [Any], !rawStages.isEmpty else {
            throw PipelineError.pipelineFile(origin, "`stages` must be a non-empty list")
        }
        var stages: [StageEntry] = []
        for (index, raw) in rawStages.enumerated() {
            guard let entry = raw as? [String: Any], let id = entry["id"] as? String else {
                throw PipelineError.pipelineFile(origin, "stage #\(index + 1) needs an `id`")
            }
            if let unknown = Set(entry.keys).subtracting(["id", "settings"]).sorted().first {
                throw PipelineError.pipelineFile(origin, "stage `\(id)`: unknown key `\(unknown)` (use `settings:`)")
            }
            let settings = entry["settings"] ?? [String: Any]()
            guard settings is [String: Any] else {
                throw PipelineError.pipelineFile(origin, "stage `\(id)`: `settings` must be a mapping")
            }
            let json = try JSONSerialization.data(withJSONObject: settings, options: [.sortedKeys])
            stages.append(StageEntry(id: id, settingsJSON: json))
        }
        return PipelineDefinition(name: name, version: version, stages: stages, origin: origin)
    }
}

/// Errors in setting up a run: bad pipeline files, unknown stages, bad inputs.
public enum PipelineError: Error, Equatable, CustomStringConvertible {
    case pipelineFile(String, String)
    case input(String, String)
    case output(String, String)
    /// Another process holds the output folder's run lock.
    case outputInUse(String)

    public var description: String {
        switch self {
        case .pipelineFile(let file, let message): "pipeline \(file): \(message)"
        case .input(let path, let message): "\(path): \(message)"
        case .output(let path, let message): "\(path): \(message)"
        case .outputInUse(let folder): "another diarium convert is using \(folder); wait for it or use another -o"
        }
    }
}
