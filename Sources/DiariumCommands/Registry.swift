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

/// The pipeline a command uses: the one named with `--pipeline`, else the
/// installed or checked-out default (never one in the working directory).
enum DefaultPipeline {
    static func path(named given: String?) throws -> String {
        if let given { return given }
        guard let url = InstalledFiles.defaultPipeline else {
            throw ValidationError("no --pipeline given and no default pipeline found at \(InstalledFiles.defaultPipelinePlaces)")
        }
        return url.path
    }
}
