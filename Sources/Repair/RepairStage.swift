import DocumentModel
import Foundation
import PipelineCore
import Spelling

/// Restores Swedish text damaged by OCR. (Being built: see issue 7.)
public struct RepairStage: DocumentStage {
    public static let id = "repair"
    public static let version = 1
    public static let summary = "restores Swedish text damaged by OCR (lost å/ä/ö, é/6/&/| confusions), every change recorded"

    public struct Settings: StageSettings {
        public init() {}
    }

    let settings: Settings

    public init(settings: Settings) throws {
        self.settings = settings
    }

    public func run(_ document: Document, context: StageContext) throws -> Document {
        var repaired = document
        for index in repaired.blocks.indices where repaired.blocks[index].original == nil {
            repaired.blocks[index].original = repaired.blocks[index].text
        }
        return repaired
    }
}
