import Emit
import Extract
import Foundation
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

/// Finds the default pipeline file: next to the working directory, then next
/// to the executable's package checkout.
enum DefaultPipeline {
    static let relativePath = "Pipelines/council.yaml"

    static func locate() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder.path)
            folder = folder.deletingLastPathComponent()
        }
        return candidates.map { ($0 as NSString).appendingPathComponent(relativePath) }
            .first { FileManager.default.fileExists(atPath: $0) }
    }
}
