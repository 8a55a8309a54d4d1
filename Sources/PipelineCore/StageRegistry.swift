import DocumentModel
import Foundation

/// A configured stage with its type erased, so a pipeline is a plain list.
public struct ConfiguredStage: Sendable {
    public enum Work: Sendable {
        case source(@Sendable (SourceFile, StageContext) throws -> Document)
        case transform(@Sendable (Document, StageContext) throws -> Document)
        case output(@Sendable (Document, StageContext) throws -> [RenderedOutput])
    }

    public var id: String
    public var version: Int
    /// The effective settings (defaults merged with the file's), keys sorted:
    /// part of every cache key, so changing a setting re-runs this stage.
    public var settingsJSON: Data
    public var work: Work
    /// Applies the review page's decisions (`PipelineStage.takesReviewDecisions`).
    public var takesDecisions: Bool
    let warmUp: WarmUp

    public init(id: String, version: Int, settingsJSON: Data, work: Work, takesDecisions: Bool = false,
                warmUp: @escaping @Sendable () -> Void = {}) {
        self.id = id
        self.version = version
        self.settingsJSON = settingsJSON
        self.work = work
        self.takesDecisions = takesDecisions
        self.warmUp = WarmUp(warmUp)
    }

    /// Starts the stage's warm-up in the background, the first time only.
    public func warmUpOnce() {
        warmUp.start()
    }

    /// True for a stage that writes files rather than a document artifact.
    public var writesOutputs: Bool {
        if case .output = work { return true }
        return false
    }

    /// What identifies this stage's output given the key of its input, and for
    /// the stage that takes them the document's review decisions: a document
    /// without decisions keeps the key it always had.
    public func key(input: String, decisions: DocumentDecisions? = nil) -> String {
        let settings = String(decoding: settingsJSON, as: UTF8.self)
        guard takesDecisions, let decisions, !decisions.decisions.isEmpty else {
            return ContentHash.key(id, String(version), settings, input)
        }
        return ContentHash.key(id, String(version), settings, input, ReviewDecisionsStore.fingerprint(decisions))
    }

    /// The keys of a pipeline's stages for one source, each chained from the one before.
    public static func keys(_ stages: [ConfiguredStage], sourceSHA256: String, decisions: DocumentDecisions?) -> [String] {
        var keys: [String] = []
        for stage in stages { keys.append(stage.key(input: keys.last ?? sourceSHA256, decisions: decisions)) }
        return keys
    }
}

/// What a pipeline does, as one hash: its stages in order, their versions and
/// effective settings, chained as cache keys are. Two pipeline files that say
/// the same thing (comments, order of keys, defaults spelt out) share it, and a
/// stage version that changes its results changes it; the file's own bytes are
/// `report.json`'s `pipelineSHA256`.
public enum PipelineHash {
    public static func of(_ stages: [ConfiguredStage]) -> String {
        stages.reduce("pipeline") { $1.key(input: $0) }
    }
}

/// The one list of stages Diarium knows, by id.
public struct StageRegistry: Sendable {
    private var factories: [String: @Sendable (Data, String) throws -> ConfiguredStage] = [:]
    public private(set) var summaries: [(id: String, summary: String)] = []

    public init() {}

    public mutating func register<S: SourceStage>(_ type: S.Type) {
        add(type) { stage in .source { try stage.run($0, context: $1) } }
    }

    public mutating func register<S: DocumentStage>(_ type: S.Type) {
        add(type) { stage in .transform { try stage.run($0, context: $1) } }
    }

    public mutating func register<S: OutputStage>(_ type: S.Type) {
        add(type) { stage in .output { try stage.render($0, context: $1) } }
    }

    private mutating func add<S: PipelineStage>(_ type: S.Type, work: @escaping @Sendable (S) -> ConfiguredStage.Work) {
        summaries.append((S.id, S.summary))
        factories[S.id] = { json, origin in
            let settings: S.Settings = try StageSettingsDecoder.decode(json, stage: S.id, origin: origin)
            let stage = try S(settings: settings)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return ConfiguredStage(id: S.id, version: S.version, settingsJSON: try encoder.encode(settings),
                                   work: work(stage), takesDecisions: S.takesReviewDecisions, warmUp: { stage.warmUp() })
        }
    }

    /// One stage by id, with settings given as JSON (the worker process uses this).
    public func stage(_ id: String, settingsJSON: Data, origin: String) throws -> ConfiguredStage {
        guard let factory = factories[id] else {
            let known = summaries.map(\.id).joined(separator: ", ")
            throw PipelineError.pipelineFile(origin, "unknown stage `\(id)` (known: \(known))")
        }
        return try factory(settingsJSON, origin)
    }

    /// Builds the stages of a pipeline, checking ids, order and settings.
    /// With `isolation`, every stage but the output stage runs in a child process.
    public func configure(_ definition: PipelineDefinition, isolation: ProcessIsolation? = nil) throws -> [ConfiguredStage] {
        var stages: [ConfiguredStage] = []
        for entry in definition.stages {
            var stage = try stage(entry.id, settingsJSON: entry.settingsJSON, origin: definition.origin)
            if let isolation { stage = isolation.isolating(stage) }
            stages.append(stage)
        }
        for (index, stage) in stages.enumerated() {
            let isFirst = index == 0, isLast = index == stages.count - 1
            switch stage.work {
            case .source where !isFirst, .transform where isFirst, .output where isFirst:
                throw PipelineError.pipelineFile(definition.origin, "stage `\(stage.id)` cannot come \(isFirst ? "first" : "after `\(stages[index - 1].id)`"): the first stage must read the input (e.g. `extract`)")
            case .output where !isLast:
                throw PipelineError.pipelineFile(definition.origin, "stage `\(stage.id)` writes the outputs and must come last")
            default:
                break
            }
        }
        return stages
    }
}

/// Overlays the settings written in a pipeline file on a stage's defaults,
/// and rejects keys the stage does not have (a typo must not be ignored).
enum StageSettingsDecoder {
    static func decode<T: StageSettings>(_ json: Data, stage: String, origin: String) throws -> T {
        let defaults = try JSONSerialization.jsonObject(with: JSONEncoder().encode(T())) as? [String: Any] ?? [:]
        let given = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
        if let unknown = Set(given.keys).subtracting(defaults.keys).sorted().first {
            throw PipelineError.pipelineFile(origin, "stage `\(stage)`: unknown setting `\(unknown)` (known: \(defaults.keys.sorted().joined(separator: ", ")))")
        }
        let merged = defaults.merging(given) { _, new in new }
        do {
            return try JSONDecoder().decode(T.self, from: JSONSerialization.data(withJSONObject: merged))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw PipelineError.pipelineFile(origin, "stage `\(stage)`: setting `\(path)`: \(context.debugDescription)")
        }
    }
}

/// A stage's warm-up, run once. `@unchecked Sendable`: `started` is only
/// touched under `lock`.
final class WarmUp: @unchecked Sendable {
    private let lock = NSLock()
    private var started = false
    private let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }

    func start() {
        let first = lock.withLock {
            defer { started = true }
            return !started
        }
        if first { DispatchQueue.global(qos: .userInitiated).async(execute: body) }
    }
}
