import Emit
import Extract
import ArgumentParser
import Foundation
import Installation
import OCR
import PipelineCore
import Repair
import Segment

/// Every stage Diarium knows, in pipeline order.
public enum Stages {
    public static let registry: StageRegistry = {
        var registry = StageRegistry()
        registry.register(ExtractStage.self)
        registry.register(OCRStage.self)
        registry.register(RepairStage.self)
        registry.register(SegmentStage.self)
        registry.register(EmitStage.self)
        return registry
    }()
}

/// The pipeline a command uses: the one named with `--pipeline`; else the one
/// the output folder's last `convert` recorded, so a folder made with a custom
/// pipeline is judged and continued with it; else the installed or
/// checked-out default (never one in the working directory).
enum DefaultPipeline {
    static func path(named given: String?, output: String? = nil) throws -> String {
        if let given { return given }
        if let output, FileManager.default.isReadableFile(atPath: recorded(in: output).path) {
            return recorded(in: output).path
        }
        guard let url = InstalledFiles.defaultPipeline else {
            throw RunError("no --pipeline given and no default pipeline found at \(InstalledFiles.defaultPipelinePlaces)")
        }
        return url.path
    }

    /// The copy of the pipeline file a run keeps in its output folder.
    static func recorded(in output: String) -> URL {
        URL(fileURLWithPath: output).appendingPathComponent(".diarium/pipeline.yaml")
    }

    /// Keeps the pipeline file a run used beside its cache (the bytes, not the
    /// path: the file may be edited or gone by the next run).
    static func record(_ path: String, in output: String) throws {
        let target = recorded(in: output)
        guard target.standardizedFileURL.path != URL(fileURLWithPath: path).standardizedFileURL.path else { return }
        guard let bytes = FileManager.default.contents(atPath: path) else { return }
        if FileManager.default.contents(atPath: target.path) == bytes { return }
        try AtomicFile.write(bytes, to: target)
    }
}
