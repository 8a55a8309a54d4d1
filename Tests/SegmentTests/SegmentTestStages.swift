import Extract
import PipelineCore
import Segment

/// The stages these tests run, without the command-line module.
enum SegmentTestStages {
    static func register(_ registry: inout StageRegistry) {
        registry.register(ExtractStage.self)
        registry.register(SegmentStage.self)
    }
}
