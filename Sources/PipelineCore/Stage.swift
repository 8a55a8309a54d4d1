import DocumentModel
import Dispatch
import Foundation
import Logging

/// Settings of one stage, as written in a pipeline file. `init()` gives the
/// defaults; a pipeline file overrides any subset of the encoded keys.
public protocol StageSettings: Codable, Sendable, Equatable {
    init()
}

/// What every stage shares: a stable id, a version to bump whenever the same
/// input and settings would produce different output, and its settings.
public protocol PipelineStage: Sendable {
    associatedtype Settings: StageSettings
    static var id: String { get }
    static var version: Int { get }
    /// One line for `diarium stages` and error messages.
    static var summary: String { get }
    init(settings: Settings) throws

    /// Loads what the stage needs before its first document (dictionaries,
    /// word lists), so that loading overlaps other work. Called at most
    /// once per run, on a background queue, and only when a document will
    /// run this stage: a re-run with nothing to do loads nothing.
    func warmUp()

    /// True for the stage that applies the review page's decisions
    /// (`StageContext.decisions`): a document's decisions are then part of
    /// this stage's cache key for that document alone.
    static var takesReviewDecisions: Bool { get }
}

extension PipelineStage {
    public func warmUp() {}
    public static var takesReviewDecisions: Bool { false }
}

/// The first stage: reads the input file.
public protocol SourceStage: PipelineStage {
    func run(_ source: SourceFile, context: StageContext) throws -> Document
}

/// A stage that takes the document as the previous stage left it.
public protocol DocumentStage: PipelineStage {
    func run(_ document: Document, context: StageContext) throws -> Document
}

/// The last stage: turns the document into output files.
public protocol OutputStage: PipelineStage {
    func render(_ document: Document, context: StageContext) throws -> [RenderedOutput]
}

/// An input PDF and where its outputs go.
public struct SourceFile: Sendable, Hashable {
    public var url: URL
    /// Output name without extension, relative to the output folder (`sub/dir/name`).
    public var name: String
    /// As shown to the user and recorded in the output (`samples/x.pdf`).
    public var displayPath: String
    public var sha256: String
    public var byteCount: Int

    public init(url: URL, name: String, displayPath: String, sha256: String, byteCount: Int) {
        self.url = url
        self.name = name
        self.displayPath = displayPath
        self.sha256 = sha256
        self.byteCount = byteCount
    }
}

/// One output file of a document, by extension (`txt`, `xml`, `json`).
/// Codable: an output stage run in a child process (`--isolate`) sends its
/// files back to the parent, which writes them.
public struct RenderedOutput: Sendable, Equatable, Codable {
    public var fileExtension: String
    public var data: Data

    public init(fileExtension: String, data: Data) {
        self.fileExtension = fileExtension
        self.data = data
    }
}

/// Passed to every stage run. Dispatch work items do not inherit task-locals,
/// so the logger travels here.
public struct StageContext: Sendable {
    public var documentName: String
    public var logger: Logger
    /// Where the source PDF is on this machine; outputs record only its path
    /// relative to what was given, so a stage that reads the PDF again asks here.
    public var sourceURL: URL?
    /// When the document's time (`--timeout`, counted from its first stage) is up,
    /// and the limit it was given: a stage that can stop early (OCR, page by page)
    /// gives up then, and a child process is killed then. Nil inside a child, which its parent kills.
    public var deadline: (at: DispatchTime, seconds: Double)?
    /// The reviewer's decisions on this document, for the stage that takes them; nil when there are none.
    public var decisions: DocumentDecisions?
    /// The pipeline the document goes through (`PipelineHash`), for the outputs to
    /// name; nil when a stage is run outside a pipeline (tests, evaluations).
    public var pipelineHash: String?

    public init(documentName: String, logger: Logger, sourceURL: URL? = nil, deadline: (at: DispatchTime, seconds: Double)? = nil,
                decisions: DocumentDecisions? = nil, pipelineHash: String? = nil) {
        self.documentName = documentName
        self.logger = logger
        self.sourceURL = sourceURL
        self.deadline = deadline
        self.decisions = decisions
        self.pipelineHash = pipelineHash
    }

    /// The deadline `seconds` from now. A limit of years is held at about thirty:
    /// nanoseconds since boot must stay within 64 bits.
    public static func deadline(after seconds: Double) -> (at: DispatchTime, seconds: Double) {
        let nanoseconds = UInt64(min(max(seconds, 0), 1e9) * 1e9)
        return (DispatchTime(uptimeNanoseconds: DispatchTime.now().uptimeNanoseconds + nanoseconds), seconds)
    }

    /// Milliseconds left before the deadline (0 once passed), nil without one.
    public var millisecondsLeft: Int? {
        guard let deadline else { return nil }
        let now = DispatchTime.now().uptimeNanoseconds
        return deadline.at.uptimeNanoseconds > now ? Int((deadline.at.uptimeNanoseconds - now) / 1_000_000) : 0
    }

    /// The failure a stage throws when its time is up: worded as a child's
    /// timeout is, so the journal treats both alike (not retried on the same file).
    public func timedOut(stage: String) -> StageError {
        StageError(stage: stage, document: documentName,
                   message: "\(ProcessIsolation.timedOutPhrase) after \(String(format: "%g", deadline?.seconds ?? 0)) s (--timeout)")
    }
}

/// A failure of a stage on one document; the batch goes on.
public struct StageError: Error, Sendable, CustomStringConvertible {
    public var stage: String
    public var document: String
    public var message: String

    public init(stage: String, document: String, message: String) {
        self.stage = stage
        self.document = document
        self.message = message
    }

    public var description: String { document.isEmpty ? "\(stage): \(message)" : "\(document): \(stage): \(message)" }
}
