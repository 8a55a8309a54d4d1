import DiariumCommands
import DocumentModel
import Foundation
import JSONSchema
import Logging
import PipelineCore
import XCTest

/// How a batch behaves when things go wrong or change: killed runs, stage
/// re-runs, hostile PDFs, shards, and the run report.
final class BatchBehaviourTests: XCTestCase {
    static let root = CouncilPipelineTests.root
    static let pipelineFile = root.appendingPathComponent("Pipelines/council.yaml")

    /// The `diarium` executable built beside this test bundle.
    static var executable: URL {
        get throws {
            let candidates = [Bundle.main.bundleURL.deletingLastPathComponent(),
                              URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            for folder in candidates {
                let url = folder.appendingPathComponent("diarium")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
            throw XCTSkip("the diarium executable is not built; run `swift build --build-tests` first")
        }
    }

    private func temporary(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("diarium-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A folder with `good.pdf` (born-digital, seconds of work) and `scan.pdf` (the same
    /// document scanned: five pages of OCR, the larger file, so the first on one job).
    private func scanBesideAGoodDocument(_ label: String) throws -> URL {
        let folder = try temporary(label)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/born-digital/tjansteutlatande-2017-54.pdf"),
                                         to: folder.appendingPathComponent("good.pdf"))
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/image-only/tjansteutlatande-2017-54.pdf"),
                                         to: folder.appendingPathComponent("scan.pdf"))
        return folder
    }

    /// Converts `good.pdf` of `scanBesideAGoodDocument` without a time limit (the scan set
    /// aside meanwhile), so a run with a short `--timeout` finds it up to date: the limit
    /// bounds a whole document, and a good one's seconds on a busy machine are no test of it.
    private func convertTheGoodDocumentAlone(in folder: URL, into output: URL) throws {
        let scan = folder.appendingPathComponent("scan.pdf")
        let aside = folder.deletingLastPathComponent().appendingPathComponent("\(folder.lastPathComponent)-scan.pdf")
        try FileManager.default.moveItem(at: scan, to: aside)
        let result = try run(["convert", folder.path, "-o", output.path, "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(result.status, 0, result.output)
        try FileManager.default.moveItem(at: aside, to: scan)
    }

    /// `copies` copies of each born-digital sample, with distinct names.
    private func corpus(copies: Int) throws -> URL {
        let folder = try temporary("corpus")
        for name in CouncilPipelineTests.names {
            let sample = Self.root.appendingPathComponent("samples/born-digital/\(name).pdf")
            for copy in 1...copies {
                try FileManager.default.copyItem(at: sample, to: folder.appendingPathComponent("\(name)-\(copy).pdf"))
            }
        }
        return folder
    }

    private func run(_ arguments: [String], standardInput: String? = nil) throws -> (status: Int32, output: String) {
        try Self.run(Self.executable, arguments, standardInput: standardInput)
    }

    /// Runs `executable` to its end (in `folder` when given), its output and errors together.
    static func run(_ executable: URL, _ arguments: [String], in folder: URL? = nil,
                    standardInput: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let input = Pipe()
        if standardInput != nil { process.standardInput = input }
        try process.run()
        if let standardInput {
            input.fileHandleForWriting.write(Data(standardInput.utf8))
            try input.fileHandleForWriting.close()
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Every output file (not the cache) with its bytes.
    private func outputs(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        while let url = walker?.nextObject() as? URL {
            guard ["txt", "xml", "json"].contains(url.pathExtension), !url.lastPathComponent.hasPrefix("report") else { continue }
            files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    private func batch(_ inputs: URL, _ output: URL, mode: RunMode = .incremental, pipeline: PipelineDefinition? = nil) throws -> Batch.Summary {
        try Batch(inputs: [inputs.path], outputFolder: output, pipeline: pipeline ?? PipelineDefinition.load(from: Self.pipelineFile),
                  jobs: 2, mode: mode).run(registry: Stages.registry, logger: Logger(label: "test"))
    }

    /// `convert` started in the background on two jobs, returned once `count` outputs are written
    /// (or it ended, or a minute passed); its standard error goes to `messages`.
    private func convertInBackground(_ inputs: URL, into output: URL, untilOutputs count: Int, messages: Pipe?) throws -> Process {
        let process = try startConvert(inputs, into: output, messages: messages)
        let deadline = Date().addingTimeInterval(60)
        while try outputs(output).count < count, process.isRunning, Date() < deadline { usleep(5000) }
        return process
    }

    /// `process` killed with SIGKILL once the journal shows `document` in flight (or a minute passed).
    private func killOnceInFlight(_ process: Process, document: String, output: URL, signal: Int32 = SIGKILL) throws {
        let deadline = Date().addingTimeInterval(60)
        func inFlight() -> Bool { ((try? Journal(outputFolder: output))?.inFlight() ?? []).contains(document) }
        while !inFlight(), process.isRunning, Date() < deadline { usleep(20_000) }
        XCTAssertTrue(process.isRunning, "the run should still be going when it is killed")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }

    /// `convert` started in the background (on two jobs unless told), as `convertInBackground`,
    /// the resuming runs and the runs killed on purpose call it.
    private func startConvert(_ inputs: URL, into output: URL, jobs: Int = 2, options: [String] = [],
                              messages: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = try Self.executable
        process.arguments = ["convert", inputs.path, "-o", output.path, "-q", "--jobs", String(jobs)] + options
            + ["--pipeline", Self.pipelineFile.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = messages ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    func testKilledRunResumesWithTheSameCommandAndIdenticalOutputs() throws {
        let inputs = try corpus(copies: 12)
        let reference = try temporary("reference"), killed = try temporary("killed")
        XCTAssertEqual(try run(["convert", inputs.path, "-o", reference.path, "-q", "--pipeline", Self.pipelineFile.path]).status, 0)

        let process = try convertInBackground(inputs, into: killed, untilOutputs: 4, messages: nil)
        XCTAssertTrue(process.isRunning, "the run should still be going when it is killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = try outputs(killed).count
        XCTAssertLessThan(before, try outputs(reference).count)

        let resumed = try run(["convert", inputs.path, "-o", killed.path, "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(resumed.status, 0, resumed.output)
        XCTAssertEqual(try outputs(killed), try outputs(reference))
        XCTAssertTrue(resumed.output.contains("up to date"), "documents finished before the kill are not redone")
        let leftovers = FileManager.default.enumerator(atPath: killed.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".tmp") } ?? []
        XCTAssertEqual(leftovers, [], "no temporary files survive the resumed run")
    }

    /// `scripts/kill-resume.sh` in small: kill -9 at three moments drawn from a fixed seed over the
    /// length of an uninterrupted run (so early moments, before anything is written, are hit as
    /// well as late ones), each followed by the same command once: every output is byte-identical
    /// to the uninterrupted run's and no temporary file is left.
    func testRunsKilledAtSeededRandomMomentsResumeToIdenticalOutputs() throws {
        let inputs = try corpus(copies: 3)
        let reference = try temporary("reference")
        let began = Date()
        let uninterrupted = try run(["convert", inputs.path, "-o", reference.path, "-q", "--jobs", "2", "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(uninterrupted.status, 0, uninterrupted.output)
        let length = Date().timeIntervalSince(began)
        let expected = try outputs(reference)
        XCTAssertEqual(expected.count, 18, "txt, xml and json of six documents")

        var generator = SeededGenerator(seed: 15)
        var killedRounds = 0
        for round in 1...3 {
            let killed = try temporary("killed-\(round)")
            let delay = Double.random(in: 0.05...max(0.1, length), using: &generator)
            let process = try startConvert(inputs, into: killed, messages: nil)
            usleep(useconds_t(delay * 1e6))
            // A run that ended before its moment is not killed; the round then checks a plain rerun.
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedRounds += 1 }

            let resumed = try run(["convert", inputs.path, "-o", killed.path, "-q", "--jobs", "2", "--pipeline", Self.pipelineFile.path])
            let moment = "round \(round), killed after \(String(format: "%.2f", delay)) s of \(String(format: "%.2f", length)) s"
            XCTAssertEqual(resumed.status, 0, "\(moment): \(resumed.output)")
            XCTAssertEqual(try outputs(killed), expected, moment)
            let leftovers = FileManager.default.enumerator(atPath: killed.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".tmp") } ?? []
            XCTAssertEqual(leftovers, [], moment)
        }
        XCTAssertGreaterThan(killedRounds, 0, "no moment fell inside a run: the test checked reruns only")
    }

    /// SIGTERM (an operator, a scheduler's time limit): the documents in flight finish,
    /// the report says the run stopped and how many documents it never started, and
    /// the same command goes on to the outputs of an uninterrupted run.
    func testSIGTERMFinishesTheDocumentsInFlightWritesTheReportAndTheRunResumes() throws {
        let inputs = try corpus(copies: 12)
        let reference = try temporary("reference"), stopped = try temporary("stopped")
        XCTAssertEqual(try run(["convert", inputs.path, "-o", reference.path, "-q", "--pipeline", Self.pipelineFile.path]).status, 0)

        let pipe = Pipe()
        let process = try convertInBackground(inputs, into: stopped, untilOutputs: 3, messages: pipe)
        XCTAssertTrue(process.isRunning, "the run should still be going when it is stopped")
        kill(process.processIdentifier, SIGTERM)
        let messages = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 128 + SIGTERM, messages)
        XCTAssertTrue(messages.contains("stopped by SIGTERM"), messages)

        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: stopped.appendingPathComponent("report.json")))
        XCTAssertEqual(report.stopped, "SIGTERM")
        XCTAssertEqual(report.documents.total, 24)
        XCTAssertGreaterThan(report.documents.notStarted ?? 0, 0)
        XCTAssertEqual(report.documents.converted + (report.documents.notStarted ?? 0), 24, "every started document finished")
        let written = try outputs(stopped)
        XCTAssertEqual(written.count, 3 * report.documents.converted, "each finished document has all its outputs")

        let resumed = try run(["convert", inputs.path, "-o", stopped.path, "-q", "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(resumed.status, 0, resumed.output)
        XCTAssertEqual(try outputs(stopped), try outputs(reference))
    }

    func testOnlyFromAndSettingChangesRerunExactlyTheirStages() throws {
        let inputs = try corpus(copies: 1), output = try temporary("stages")
        let stageIDs = try PipelineDefinition.load(from: Self.pipelineFile).stages.map(\.id)
        let first = try batch(inputs, output)
        XCTAssertEqual(first.converted, 2)
        XCTAssertEqual(Set(first.outcomes.flatMap(\.stageSeconds.keys)), Set(stageIDs))

        let again = try batch(inputs, output)
        XCTAssertEqual(again.upToDate, 2)
        XCTAssertTrue(again.outcomes.allSatisfy(\.stageSeconds.isEmpty))

        let only = try batch(inputs, output, mode: .only("segment"))
        XCTAssertEqual(only.outcomes.map { Set($0.stageSeconds.keys) }, [["segment"], ["segment"]])

        let from = try batch(inputs, output, mode: .from("segment"))
        let fromIndex = stageIDs.firstIndex(of: "segment")!
        XCTAssertEqual(Set(from.outcomes[0].stageSeconds.keys), Set(stageIDs[fromIndex...]))

        // A changed setting of the segment stage re-runs segment and what follows, not extract.
        var yaml = try String(contentsOf: Self.pipelineFile, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "emphasisRatio: 1.08", with: "emphasisRatio: 1.09")
        let changed = try batch(inputs, output, pipeline: PipelineDefinition.parse(yaml, origin: "changed.yaml"))
        XCTAssertEqual(Set(changed.outcomes[0].stageSeconds.keys), Set(stageIDs[fromIndex...]))

        let forced = try batch(inputs, output, mode: .force)
        XCTAssertEqual(Set(forced.outcomes[0].stageSeconds.keys), Set(stageIDs))

        let fresh = try temporary("fresh")
        // Nothing cached: the stages before segment run too, and only up to segment.
        let missing = try batch(inputs, fresh, mode: .only("segment"))
        XCTAssertEqual(missing.failures.count, 0)
        let segmentIndex = try XCTUnwrap(stageIDs.firstIndex(of: "segment"))
        XCTAssertEqual(Set(missing.outcomes[0].stageSeconds.keys), Set(stageIDs[...segmentIndex]))
    }

    /// A process that dies mid-document (here kill -9 during OCR, as a crash
    /// would) costs that document alone: the next run converts it in a child
    /// process; when the child fails for its time too, the document is
    /// reported as such and skipped on later runs until `--retry-failed`.
    func testADocumentInFlightWhenTheProcessDiedRunsInAChildAndIsNotRetriedAfterItsChildFails() throws {
        let folder = try scanBesideAGoodDocument("in-flight")
        let output = try temporary("in-flight-out")
        try convertTheGoodDocumentAlone(in: folder, into: output)
        let process = try startConvert(folder, into: output, jobs: 1)
        // Killed once the scan is under way: its OCR takes seconds.
        try killOnceInFlight(process, document: "scan", output: output)

        let second = try run(["convert", folder.path, "-o", output.path, "--timeout", "1", "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(second.status, 1, second.output)
        // The document's second may go to the child's start and extraction: the stage varies.
        XCTAssertTrue(second.output.contains("crashed in an earlier run, and in a child process it timed out"), second.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("good.json").path))

        let third = try run(["convert", folder.path, "-o", output.path, "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(third.status, 1, third.output)
        XCTAssertTrue(third.output.contains("not tried again on the same file"), third.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("scan.json").path))

        let retried = try run(["convert", folder.path, "-o", output.path, "--retry-failed", "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(retried.status, 0, retried.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("scan.json").path))
        XCTAssertEqual(try Journal(outputFolder: output).inFlight(), [])
    }

    /// With --isolate as without it, a document the process died converting (here the parent,
    /// killed with kill -9 while the scan was in flight) starts before every other on the next
    /// run, though a larger file would otherwise go first; when its child then fails for its
    /// time, it is reported as having crashed in an earlier run and is not tried again on the same file.
    func testAnIsolatedRunsDocumentInFlightGoesFirstAndIsNotRetriedAfterItsChildFails() throws {
        let folder = try temporary("isolated-in-flight")
        let good = Self.root.appendingPathComponent("samples/born-digital/tjansteutlatande-2017-54.pdf")
        try FileManager.default.copyItem(at: good, to: folder.appendingPathComponent("good.pdf"))
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/image-only/tjansteutlatande-2017-54.pdf"),
                                         to: folder.appendingPathComponent("scan.pdf"))
        let output = try temporary("isolated-in-flight-out")
        let process = try startConvert(folder, into: output, jobs: 1, options: ["--isolate", "--timeout", "600"])
        // The scan is the larger file, so it is the first in flight; its OCR child takes seconds.
        try killOnceInFlight(process, document: "scan", output: output)
        XCTAssertTrue(try Journal(outputFolder: output).inFlight().contains("scan"))
        // Larger than the scan: by size alone it would be converted first.
        let scanSize = try XCTUnwrap(FileStamp(path: folder.appendingPathComponent("scan.pdf").path)).size
        try padded(Data(contentsOf: good), by: Int(scanSize)).write(to: folder.appendingPathComponent("large.pdf"))

        let second = try run(["convert", folder.path, "-o", output.path, "--jobs", "1", "--isolate", "--timeout", "6",
                              "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(second.status, 1, second.output)
        XCTAssertTrue(second.output.contains("[1/3] FAILED scan.pdf [ocr]: crashed in an earlier run, and in a child process it timed out"),
                      second.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("good.json").path), second.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("large.json").path), second.output)
        XCTAssertEqual(try Journal(outputFolder: output).inFlight(), [], "the failure settles the document")

        let third = try run(["convert", folder.path, "-o", output.path, "--isolate", "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(third.status, 1, third.output)
        XCTAssertTrue(third.output.contains("not tried again on the same file"), third.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("scan.json").path))
    }

    /// A process that dies of a crash signal (here SIGABRT, as a trap in the batch process
    /// would send) with a document in flight recovers it in a child first on the next run;
    /// when that process dies of a crash again while the document is in flight, the run after
    /// fails the document, `crashed in an earlier run`, instead of trying it every night, and
    /// converts the rest. (A kill -9 is no crash: its documents are simply converted again.)
    func testADocumentInFlightAtASecondCrashFailsInsteadOfBeingTriedAgain() throws {
        let folder = try scanBesideAGoodDocument("crashed-twice")
        let output = try temporary("crashed-twice-out")
        func journal() -> Journal? { try? Journal(outputFolder: output) }
        let first = try startConvert(folder, into: output, jobs: 1, options: ["--timeout", "600"])
        try killOnceInFlight(first, document: "scan", output: output, signal: SIGABRT)
        XCTAssertEqual(first.terminationReason, .uncaughtSignal)

        // The scan, in flight, goes first, in a child; the process crashes again meanwhile.
        let second = try startConvert(folder, into: output, jobs: 1, options: ["--timeout", "600"])
        let deadline = Date().addingTimeInterval(60)
        while journal()?.inFlightRecoveries()["scan"] == nil, second.isRunning, Date() < deadline { usleep(20_000) }
        XCTAssertNotNil(journal()?.inFlightRecoveries()["scan"], "the scan should be recovering")
        XCTAssertTrue(second.isRunning, "the second run should still be going when it crashes")
        kill(second.processIdentifier, SIGABRT)
        second.waitUntilExit()

        let third = try run(["convert", folder.path, "-o", output.path, "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(third.status, 1, third.output)
        XCTAssertTrue(third.output.contains("FAILED scan.pdf [extract]: crashed in an earlier run, twice"), third.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("good.json").path), third.output)
        XCTAssertEqual(journal()?.inFlight(), [], "the failure settles the document")
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: output.appendingPathComponent("report.json")))
        XCTAssertEqual(report.failures.map(\.errorCode), [.crash])

        let fourth = try run(["convert", folder.path, "-o", output.path, "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(fourth.status, 1, fourth.output)
        XCTAssertTrue(fourth.output.contains("not tried again on the same file"), fourth.output)
    }

    /// Every output names the pipeline it came from, as the run's report does: the same
    /// in and out of child processes, and for two pipeline files that say the same thing.
    func testOutputsNameTheirPipelineAsTheReportDoes() throws {
        let folder = try temporary("pipeline-hash")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/born-digital/tjansteutlatande-2017-54.pdf"),
                                         to: folder.appendingPathComponent("good.pdf"))
        let commented = try temporary("pipeline-hash-file").appendingPathComponent("same.yaml")
        try ("# the default pipeline, with a comment\n" + String(contentsOf: Self.pipelineFile, encoding: .utf8))
            .write(to: commented, atomically: true, encoding: .utf8)
        var hashes: [String] = []
        var jsons: [Data] = []
        for (label, pipeline, extra) in [("plain", Self.pipelineFile, [String]()), ("isolated", Self.pipelineFile, ["--isolate"]),
                                         ("commented", commented, [])] {
            let output = try temporary("pipeline-hash-\(label)")
            let result = try run(["convert", folder.path, "-o", output.path, "--pipeline", pipeline.path] + extra)
            XCTAssertEqual(result.status, 0, result.output)
            let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: output.appendingPathComponent("report.json")))
            let hash = try XCTUnwrap(report.pipelineHash)
            let json = try Data(contentsOf: output.appendingPathComponent("good.json"))
            let source = try XCTUnwrap((JSONSerialization.jsonObject(with: json) as? [String: Any])?["source"] as? [String: Any])
            XCTAssertEqual(source["pipelineHash"] as? String, hash, label)
            let xml = try String(contentsOf: output.appendingPathComponent("good.xml"), encoding: .utf8)
            XCTAssertTrue(xml.contains(" pipelineHash=\"\(hash)\""), label)
            hashes.append(hash)
            jsons.append(json)
        }
        XCTAssertEqual(Set(hashes).count, 1, "\(hashes)")
        XCTAssertEqual(Set(jsons).count, 1, "the outputs differ between the runs")
    }

    /// The PDF with a comment of `bytes` bytes after its end, then its cross-reference pointer
    /// again: a reader finds the same document in a larger file.
    private func padded(_ pdf: Data, by bytes: Int) throws -> Data {
        let tail = String(decoding: pdf.suffix(64), as: UTF8.self)
        let pointer = try XCTUnwrap(tail.range(of: "startxref", options: .backwards), "no startxref at the PDF's end")
        let offset = try XCTUnwrap(tail[pointer.upperBound...].split(whereSeparator: \.isWhitespace).first, "no offset after startxref")
        return pdf + Data("\n%".utf8) + Data(repeating: UInt8(ascii: "x"), count: bytes) + Data("\nstartxref\n\(offset)\n%%EOF\n".utf8)
    }

    /// With --isolate every stage before the outputs runs in a child: OCR (5 scanned pages, several
    /// seconds each) stopped for its time fails that document, the other (seconds of work on a busy machine) converts.
    func testIsolatedOCRIsBoundedByTheTimeout() throws {
        let folder = try scanBesideAGoodDocument("isolated-ocr")
        let output = try temporary("isolated-ocr-out")
        try convertTheGoodDocumentAlone(in: folder, into: output)
        let result = try run(["convert", folder.path, "-o", output.path, "--isolate", "--timeout", "6",
                              "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(result.status, 1, result.output)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: output.appendingPathComponent("report.json")))
        XCTAssertEqual(report.failures.map(\.stage), ["ocr"])
        XCTAssertTrue(report.failures.first?.message.hasPrefix("timed out after 6 s") ?? false, "\(report.failures)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("good.json").path))
    }

    /// With --isolate the output stage renders in a child too: the files it sends back are
    /// byte for byte those this process renders, and a child that cannot run fails the
    /// stage with its cause instead of the process.
    func testTheOutputStageRendersInAChildWithTheSameBytes() throws {
        let definition = try PipelineDefinition.load(from: Self.pipelineFile)
        let scratch = try temporary("emit-child")
        let children = ProcessIsolation(executable: try Self.executable, timeout: 60, scratchFolder: scratch)
        let inProcess = try Stages.registry.configure(definition, isolation: nil)
        let url = Self.root.appendingPathComponent("samples/born-digital/tjansteutlatande-2017-54.pdf")
        let bytes = try Data(contentsOf: url)
        let source = SourceFile(url: url, name: "good", displayPath: "good.pdf", sha256: ContentHash.sha256(bytes), byteCount: bytes.count)
        let context = StageContext(documentName: "good.pdf", logger: Logger(label: "test"), sourceURL: url)
        var document: Document?
        var rendered: [RenderedOutput] = []
        var emit: ConfiguredStage?
        for stage in inProcess {
            switch stage.work {
            case .source(let run): document = try run(source, context)
            case .transform(let run): document = try run(try XCTUnwrap(document), context)
            case .output(let render):
                rendered = try render(try XCTUnwrap(document), context)
                emit = stage
            }
        }
        XCTAssertEqual(rendered.map(\.fileExtension).sorted(), ["json", "txt", "xml"])
        let stage = try XCTUnwrap(emit)

        guard case .output(let renderInAChild) = children.isolating(stage).work else { return XCTFail("the stage is no longer an output stage") }
        XCTAssertEqual(try renderInAChild(try XCTUnwrap(document), context), rendered)

        let broken = ProcessIsolation(executable: URL(fileURLWithPath: "/bin/false"), timeout: 60, scratchFolder: scratch)
        guard case .output(let renderInABrokenChild) = broken.isolating(stage).work else { return XCTFail("the stage is no longer an output stage") }
        XCTAssertThrowsError(try renderInABrokenChild(try XCTUnwrap(document), context)) { error in
            XCTAssertEqual((error as? StageError)?.message, "failed with exit status 1", "\(error)")
        }
    }

    /// A file named like an option (`-x.pdf`) reaches the child process as a
    /// name, not as an option it does not know.
    func testAFileNamedLikeAnOptionConvertsInAChild() throws {
        let folder = try temporary("dash")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/born-digital/tjansteutlatande-2017-54.pdf"),
                                         to: folder.appendingPathComponent("-x.pdf"))
        let output = try temporary("dash-out")
        let result = try run(["convert", folder.path, "-o", output.path, "--isolate", "--formats", "json",
                              "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("-x.json").path), result.output)
    }

    /// A name with a newline converts and is printed on one line, escaped; a
    /// dangling link and a missing path fail alone, with stage `scan`, and the
    /// batch ends with status 1 and a report that accounts for them.
    func testHostileNamesAndPathsAreReportedPerFile() throws {
        let folder = try temporary("names")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/born-digital/tjansteutlatande-2017-54.pdf"),
                                         to: folder.appendingPathComponent("new\nline.pdf"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("gone.pdf"),
                                                   withDestinationURL: folder.appendingPathComponent("nowhere.pdf"))
        let output = try temporary("names-out")
        let missing = folder.appendingPathComponent("missing.pdf").path
        let result = try run(["convert", folder.path, missing, "-o", output.path, "--formats", "json",
                              "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("new\\nline.pdf: "), result.output)
        XCTAssertFalse(result.output.split(separator: "\n").contains { $0.hasPrefix("line.pdf") }, result.output)
        XCTAssertTrue(result.output.contains("FAILED gone.pdf [scan]: a dangling symbolic link"), result.output)
        XCTAssertTrue(result.output.contains("FAILED \(missing) [scan]: no such file or folder"), result.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("new\nline.json").path))
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: output.appendingPathComponent("report.json")))
        XCTAssertEqual(report.documents.total, 3)
        XCTAssertEqual(report.documents.converted, 1)
    }

    /// A parent killed with `kill -9` runs no code to stop its children: each worker
    /// watches its parent and ends with it, so no OCR goes on for nobody.
    func testChildrenDieWithAnIsolatingParentKilledWithKill9() throws {
        let folder = try temporary("orphans")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/image-only/tjansteutlatande-2017-54.pdf"),
                                         to: folder.appendingPathComponent("scan.pdf"))
        let output = try temporary("orphans-out")
        let process = try startConvert(folder, into: output, jobs: 1, options: ["--isolate", "--timeout", "600"])
        // The worker takes seconds on the scan's OCR: killed while it works.
        var workers: [Int32] = []
        let deadline = Date().addingTimeInterval(60)
        while workers.isEmpty, process.isRunning, Date() < deadline {
            workers = ChildProcesses.of(process.processIdentifier).filter { ChildProcesses.arguments($0).contains("stage-worker") }
            usleep(20_000)
        }
        XCTAssertFalse(workers.isEmpty, "a worker should be running")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let gone = Date().addingTimeInterval(10)
        while workers.contains(where: ChildProcesses.isAlive), Date() < gone { usleep(20_000) }
        XCTAssertEqual(workers.filter(ChildProcesses.isAlive), [], "the children outlived their parent")
    }

    /// With --isolate one worker process serves document after document, and one that
    /// dies (here killed while it reads the scan) is replaced: the scan fails with the
    /// signal, the three documents after it convert in one new worker.
    func testIsolatedWorkersServeManyDocumentsAndAreReplacedWhenOneDies() throws {
        let folder = try temporary("reused-workers")
        let good = Self.root.appendingPathComponent("samples/born-digital/tjansteutlatande-2017-54.pdf")
        for copy in 1...3 { try FileManager.default.copyItem(at: good, to: folder.appendingPathComponent("good-\(copy).pdf")) }
        // The largest file, so the first on one job.
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/image-only/tjansteutlatande-2017-54.pdf"),
                                         to: folder.appendingPathComponent("scan.pdf"))
        let output = try temporary("reused-workers-out")
        let process = try startConvert(folder, into: output, jobs: 1, options: ["--isolate", "--timeout", "600"])
        var seen: Set<Int32> = []
        var killed = false
        let deadline = Date().addingTimeInterval(300)
        while process.isRunning, Date() < deadline {
            let workers = ChildProcesses.of(process.processIdentifier).filter { ChildProcesses.arguments($0).contains("stage-worker") }
            seen.formUnion(workers)
            if !killed, let worker = workers.first {
                kill(worker, SIGKILL)
                killed = true
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        XCTAssertTrue(killed, "a worker should have been seen")
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: output.appendingPathComponent("report.json")))
        XCTAssertEqual(report.failures.map(\.file), ["scan.pdf"])
        XCTAssertTrue(report.failures.first?.message.hasPrefix("crashed with signal 9") ?? false, "\(report.failures)")
        XCTAssertEqual(report.documents.converted, 3)
        XCTAssertEqual(seen.count, 2, "one worker for the scan, one for the three documents after it")
    }

    /// Two runs into one folder would convert the same documents twice and
    /// hide one report: the second is refused at once, the first goes on.
    func testASecondConvertIntoTheSameFolderIsRefusedWhileTheFirstRuns() throws {
        let inputs = try corpus(copies: 6)
        let output = try temporary("locked")
        let first = try convertInBackground(inputs, into: output, untilOutputs: 1, messages: nil)
        XCTAssertTrue(first.isRunning, "the first run should still be going")
        let second = try run(["convert", inputs.path, "-o", output.path, "-q", "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(second.status, 2, second.output)
        XCTAssertTrue(second.output.contains("another diarium convert is using \(output.path); wait for it or use another -o"), second.output)
        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: output.appendingPathComponent("report.json")))
        XCTAssertEqual(report.documents.converted, 12, "the first run converted everything")
        XCTAssertEqual(try run(["convert", inputs.path, "-o", output.path, "-q", "--pipeline", Self.pipelineFile.path]).status, 0,
                       "the folder is free once the first run ended")
    }

    /// Without `--isolate` the same limit holds for OCR, page by page and inside
    /// Tesseract (its deadline), and the document is not tried again on the same file.
    func testOCRInProcessIsBoundedByTheTimeoutToo() throws {
        let folder = try scanBesideAGoodDocument("inprocess-ocr")
        let output = try temporary("inprocess-ocr-out")
        try convertTheGoodDocumentAlone(in: folder, into: output)
        let began = Date()
        let result = try run(["convert", folder.path, "-o", output.path, "--timeout", "1.5", "--pipeline", Self.pipelineFile.path])
        XCTAssertLessThan(Date().timeIntervalSince(began), 20, "five OCR pages take longer than the whole run may")
        XCTAssertEqual(result.status, 1, result.output)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: output.appendingPathComponent("report.json")))
        XCTAssertEqual(report.failures.map(\.stage), ["ocr"])
        XCTAssertTrue(report.failures.first?.message.hasPrefix("timed out after 1.5 s") ?? false, "\(report.failures)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("good.json").path))

        let again = try run(["convert", folder.path, "-o", output.path, "--timeout", "1.5", "--pipeline", Self.pipelineFile.path])
        XCTAssertTrue(again.output.contains("not tried again on the same file"), again.output)
    }

    /// A truncated file, one with mutated bytes, and one whose page tree
    /// claims 200 000 pages: each fails alone, in a child process with a
    /// time limit, while the good document converts.
    func testHostilePDFsDoNotStopTheBatch() throws {
        let folder = try temporary("hostile")
        let good = try Data(contentsOf: Self.root.appendingPathComponent("samples/born-digital/tjansteutlatande-2017-54.pdf"))
        try good.write(to: folder.appendingPathComponent("good.pdf"))
        try good.prefix(good.count / 3).write(to: folder.appendingPathComponent("truncated.pdf"))
        var mutated = good
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<400 {
            let index = Int.random(in: 200..<mutated.count, using: &generator)
            mutated[index] = UInt8.random(in: 0...255, using: &generator)
        }
        try mutated.write(to: folder.appendingPathComponent("mutated.pdf"))
        try HostilePDF.manyPages(200_000).write(to: folder.appendingPathComponent("huge.pdf"))

        let output = try temporary("hostile-out")
        let result = try run(["convert", folder.path, "-o", output.path, "--isolate", "--timeout", "20",
                              "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("good.txt").path), result.output)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: output.appendingPathComponent("report.json")))
        XCTAssertEqual(report.documents.total, 4)
        XCTAssertTrue(report.failures.contains { $0.file.hasSuffix("truncated.pdf") }, "\(report.failures)")
        XCTAssertGreaterThanOrEqual(report.documents.converted, 1)
        XCTAssertEqual(report.documents.converted + report.documents.failed, 4)
    }

    /// Pages without text go to OCR, which renders them: a crafted MediaBox
    /// must neither trap nor ask for gigabytes, in process and without `--isolate`.
    /// A page far too large is reported; a merely large one is read at a lower resolution.
    func testAbsurdPageBoxesAreReportedNotFatal() throws {
        let folder = try temporary("boxes")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/born-digital/tjansteutlatande-2017-54.pdf"),
                                         to: folder.appendingPathComponent("good.pdf"))
        try HostilePDF.manyPages(1, mediaBox: "0 0 100000000000000000000 100000000000000000000").write(to: folder.appendingPathComponent("vast.pdf"))
        try HostilePDF.manyPages(1, mediaBox: "0 0 7200 7200").write(to: folder.appendingPathComponent("large.pdf"))
        try HostilePDF.manyPages(1, mediaBox: "0 0 0 0").write(to: folder.appendingPathComponent("empty.pdf"))

        let output = try temporary("boxes-out")
        let result = try run(["convert", folder.path, "-o", output.path, "--pipeline", Self.pipelineFile.path])
        XCTAssertTrue([0, 1].contains(result.status), result.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("good.json").path), result.output)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: output.appendingPathComponent("report.json")))
        XCTAssertEqual(report.documents.total, 4)
        XCTAssertEqual(report.documents.converted + report.documents.failed, 4)

        let vast = try String(contentsOf: output.appendingPathComponent("vast.json"), encoding: .utf8)
        XCTAssertTrue(vast.contains("ocr.page.unrendered"), vast)
        let large = try String(contentsOf: output.appendingPathComponent("large.json"), encoding: .utf8)
        XCTAssertFalse(large.contains("ocr.page.unrendered"), large)
    }

    /// A bounded slice of `scripts/fuzz.sh`: hostile PDFs from a fixed seed beside a good one,
    /// converted in process and then isolated, each twice into the same folder (the second run
    /// meets the journal's failures and the cache). Every run ends with status 0 or 1, never a
    /// signal, and a report that accounts for every file, the good document's outputs are the
    /// same as when it is converted alone, and what was written validates.
    func testAFixedSeedOfHostilePDFsNeverStopsTheBatch() throws {
        let folder = try temporary("fuzz")
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", Self.root.appendingPathComponent("scripts/fuzz_corpus.py").path,
                               "--out", folder.path, "--count", "24", "--seed", "7", "--no-large"]
        do { try generator.run() } catch { throw XCTSkip("python3 is needed to write the hostile PDFs: \(error)") }
        generator.waitUntilExit()
        guard generator.terminationStatus == 0 else { throw XCTSkip("scripts/fuzz_corpus.py failed (python3 missing?)") }
        let good = Self.root.appendingPathComponent("samples/born-digital/utlatande-ks-2025-364.pdf")
        try FileManager.default.copyItem(at: good, to: folder.appendingPathComponent("good.pdf"))
        let alone = try temporary("fuzz-alone")
        try FileManager.default.copyItem(at: good, to: alone.appendingPathComponent("good.pdf"))
        let aloneOutput = try temporary("fuzz-alone-out")
        XCTAssertEqual(try run(["convert", alone.path, "-o", aloneOutput.path, "-q", "--pipeline", Self.pipelineFile.path]).status, 0)
        let expected = try outputs(aloneOutput)
        XCTAssertEqual(expected.count, 3, "txt, xml and json of the good document")

        for extra in [[], ["--isolate", "--timeout", "60"]] {
            let output = try temporary("fuzz-out")
            for pass in 1...2 {
                let label = "\(extra), run \(pass)"
                let result = try run(["convert", folder.path, "-o", output.path, "-q", "--pipeline", Self.pipelineFile.path] + extra)
                XCTAssertTrue([0, 1].contains(result.status), "\(label): \(result.output)")
                let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: output.appendingPathComponent("report.json")))
                XCTAssertEqual(report.documents.total, 25, label)
                XCTAssertEqual(report.documents.converted + report.documents.upToDate + report.documents.failed, 25, label)
                XCTAssertGreaterThan(report.documents.failed, 0, "\(label): the slice holds files no reader can convert")
                XCTAssertEqual(report.failures.count, report.documents.failed, "\(label): every failure is reported with its cause")
                XCTAssertTrue(report.failures.allSatisfy { !$0.message.isEmpty && !$0.file.isEmpty }, label)
                if pass == 2 { XCTAssertEqual(report.documents.converted, 0, "\(label): nothing is converted twice") }
                let written = try outputs(output)
                for (name, bytes) in expected { XCTAssertEqual(written[name], bytes, "\(label): \(name) differs beside hostile files") }
                let validation = try run(["validate", output.path])
                XCTAssertEqual(validation.status, 0, "\(label): \(validation.output)")
            }
        }
    }

    /// `convert --pipeline custom.yaml` records the pipeline beside the cache: a later
    /// `status` or `convert` without `--pipeline` judges the folder by it, not by the default.
    func testAFolderMadeWithACustomPipelineIsJudgedAndContinuedWithIt() throws {
        let custom = try temporary("custom").appendingPathComponent("custom.yaml")
        let text = try String(contentsOf: Self.pipelineFile, encoding: .utf8)
        XCTAssertTrue(text.contains("threshold: 0.7 "))
        try Data(text.replacingOccurrences(of: "threshold: 0.7 ", with: "threshold: 0.8 ").utf8).write(to: custom)
        let output = try temporary("custom-out")
        let samples = Self.root.appendingPathComponent("samples/born-digital").path
        XCTAssertEqual(try run(["convert", samples, "-o", output.path, "-q", "--pipeline", custom.path]).status, 0)
        try FileManager.default.removeItem(at: custom)

        let status = try run(["status", output.path])
        XCTAssertEqual(status.status, 0, status.output)
        XCTAssertTrue(status.output.contains(".diarium/pipeline.yaml"), status.output)
        XCTAssertTrue(status.output.contains("repair           2       0"), status.output)
        let again = try run(["convert", samples, "-o", output.path, "-q"])
        XCTAssertTrue(again.output.contains("0 converted, 2 up to date"), again.output)
        let judgedByDefault = try run(["status", output.path, "--pipeline", Self.pipelineFile.path])
        XCTAssertTrue(judgedByDefault.output.contains("repair           0       2"), judgedByDefault.output)
    }

    /// `status --documents` says per document which stages are done, stale (and why) or failed,
    /// what the next convert would redo (the dry run's words), and what the last run ran and reused.
    func testStatusListsEachDocumentsStagesNextWorkAndLastRun() throws {
        let inputs = try temporary("status-documents")
        for path in ["born-digital/utlatande-ks-2025-364.pdf", "bad/encrypted.pdf"] {
            try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/\(path)"),
                                             to: inputs.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent))
        }
        let output = try temporary("status-documents-out")
        XCTAssertEqual(try run(["convert", inputs.path, "-o", output.path, "-q", "--pipeline", Self.pipelineFile.path]).status, 1)
        let changed = try temporary("status-pipeline").appendingPathComponent("changed.yaml")
        try Data(try String(contentsOf: Self.pipelineFile, encoding: .utf8)
            .replacingOccurrences(of: "threshold: 0.7 ", with: "threshold: 0.8 ").utf8).write(to: changed)

        let status = try run(["status", output.path, "--documents", "--pipeline", changed.path])
        XCTAssertEqual(status.status, 0, status.output)
        let lines = status.output.components(separatedBy: "\n")
        let converted = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("utlatande-ks-2025-364 (") }, status.output)
        XCTAssertEqual(lines[converted + 1], "  stages: extract done, ocr done, repair stale (its settings or version changed), "
                       + "segment stale (its input changed), emit stale (its input changed)")
        XCTAssertTrue(lines[converted + 2].hasPrefix("  next convert: would redo repair and after (the cached result of ocr is reused)"),
                      lines[converted + 2])
        XCTAssertEqual(lines[converted + 3], "  last run (report.json): converted; ran extract, ocr, repair, segment, emit; reused nothing")
        let failed = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("encrypted (") }, status.output)
        XCTAssertTrue(lines[failed + 1].hasPrefix("  stages: extract failed: encrypted"), lines[failed + 1])
        XCTAssertTrue(lines[failed + 1].hasSuffix("ocr not run, repair not run, segment not run, emit not run"), lines[failed + 1])
        XCTAssertTrue(lines[failed + 2].hasPrefix("  next convert: would skip: encrypted"), lines[failed + 2])

        // Judged by the pipeline it was made with, the converted document is current everywhere.
        let current = try run(["status", output.path, "--documents", "--pipeline", Self.pipelineFile.path])
        XCTAssertTrue(current.output.contains("  stages: extract done, ocr done, repair done, segment done, emit done\n  next convert: up to date"),
                      current.output)
        XCTAssertFalse(try run(["status", output.path]).output.contains("next convert"), "the listing is asked for")
    }

    /// A document's id in report.json is the one its JSON and XML outputs carry.
    func testTheReportAndTheOutputsCarryTheSameDocumentID() throws {
        let output = try temporary("document-id")
        let source = Self.root.appendingPathComponent("samples/born-digital/tjansteutlatande-2017-54.pdf")
        XCTAssertEqual(try run(["convert", source.path, "-o", output.path, "-q", "--pipeline", Self.pipelineFile.path]).status, 0)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: output.appendingPathComponent("report.json")))
        let entry = try XCTUnwrap(report.files.first)
        let id = try XCTUnwrap(entry.id)
        XCTAssertEqual(id, ContentHash.documentID(relativePath: entry.file, sourceSHA256: try XCTUnwrap(entry.sha256)))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("tjansteutlatande-2017-54.json")))
                                 as? [String: Any])
        XCTAssertEqual((json["source"] as? [String: Any])?["id"] as? String, id)
        let xml = try String(contentsOf: output.appendingPathComponent("tjansteutlatande-2017-54.xml"), encoding: .utf8)
        XCTAssertTrue(xml.contains("<source id=\"\(id)\""), xml.prefix(300).description)
    }

    /// `a/x.pdf` converted in one run, then another `b/x.pdf` into the same folder: the second
    /// fails naming both files and leaves the first one's outputs alone; the first one changed,
    /// or given by another spelling of its path, still converts.
    func testAnotherSourceOfTheSameNameInALaterRunFailsInsteadOfOverwriting() throws {
        let work = try temporary("collision")
        for (folder, sample) in [("a", "utlatande-ks-2025-364"), ("b", "tjansteutlatande-2017-54")] {
            try FileManager.default.createDirectory(at: work.appendingPathComponent(folder), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/born-digital/\(sample).pdf"),
                                             to: work.appendingPathComponent("\(folder)/x.pdf"))
        }
        let pipeline = Self.pipelineFile.path
        XCTAssertEqual(try Self.run(Self.executable, ["convert", "a/x.pdf", "-o", "out", "-q", "--pipeline", pipeline], in: work).status, 0)
        let first = try Data(contentsOf: work.appendingPathComponent("out/x.json"))

        let dry = try Self.run(Self.executable, ["convert", "b/x.pdf", "-o", "out", "--dry-run", "--pipeline", pipeline], in: work)
        XCTAssertTrue(dry.output.contains("b/x.pdf: would fail: its outputs (x.*) hold a/x.pdf"), dry.output)
        let second = try Self.run(Self.executable, ["convert", "b/x.pdf", "-o", "out", "-q", "--pipeline", pipeline], in: work)
        XCTAssertEqual(second.status, 1, second.output)
        XCTAssertTrue(second.output.contains("b/x.pdf [output]: its outputs (x.*) hold a/x.pdf"), second.output)
        XCTAssertEqual(try Data(contentsOf: work.appendingPathComponent("out/x.json")), first, "the first source's outputs stay")
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: work.appendingPathComponent("out/report.json")))
        XCTAssertEqual(report.files.map(\.status), ["failed"])
        XCTAssertEqual(try Journal(outputFolder: work.appendingPathComponent("out")).documentSources()["x"]?.path, "a/x.pdf",
                       "the journal still says whose the name is")

        // The first source changed, and given by its absolute path (shown as x.pdf): the same file, converted again.
        try FileManager.default.removeItem(at: work.appendingPathComponent("a/x.pdf"))
        try FileManager.default.copyItem(at: work.appendingPathComponent("b/x.pdf"), to: work.appendingPathComponent("a/x.pdf"))
        let changed = try Self.run(Self.executable, ["convert", work.appendingPathComponent("a/x.pdf").path, "-o", "out", "-q",
                                                     "--pipeline", pipeline], in: work)
        XCTAssertEqual(changed.status, 0, changed.output)
    }

    func testFilesFromStandardInputConvertsExactlyTheListedFiles() throws {
        let output = try temporary("files-from")
        let listed = Self.root.appendingPathComponent("samples/born-digital/tjansteutlatande-2017-54.pdf").path
        let result = try run(["convert", "--files-from", "-", "-o", output.path, "-q", "--pipeline", Self.pipelineFile.path],
                             standardInput: "# tonight's list\n\n\(listed)\n")
        XCTAssertEqual(result.status, 0, result.output)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: output.appendingPathComponent("report.json")))
        XCTAssertEqual(report.documents.total, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("tjansteutlatande-2017-54.json").path))
        let empty = try run(["convert", "--files-from", "-", "-o", output.path], standardInput: "# nothing\n")
        XCTAssertEqual(empty.status, 2, empty.output)
        XCTAssertTrue(empty.output.contains("lists no files"), empty.output)
    }

    /// `--from`/`--only` run the stages before the named one where nothing is cached,
    /// a document that failed keeps its own cause, and the report lists per document
    /// which stages ran and which were reused; OCR read in an earlier run is not claimed again.
    func testFromAndOnlyRunWhatIsMissingKeepFailuresAndSayWhatRan() throws {
        let inputs = try temporary("partial")
        for path in ["born-digital/utlatande-ks-2025-364.pdf", "image-only/tjansteutlatande-2017-54.pdf", "bad/encrypted.pdf"] {
            try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/\(path)"),
                                             to: inputs.appendingPathComponent(path.replacingOccurrences(of: "/", with: "-")))
        }
        let stageIDs = try PipelineDefinition.load(from: Self.pipelineFile).stages.map(\.id)
        let output = try temporary("partial-out")
        let fresh = try batch(inputs, output, mode: .from("repair"))
        XCTAssertEqual(fresh.converted, 2, "\(fresh.failures)")
        let encrypted = try XCTUnwrap(fresh.report.files.first { $0.file.hasSuffix("encrypted.pdf") })
        XCTAssertEqual(encrypted.status, "failed")
        XCTAssertEqual(encrypted.stage, "extract")
        XCTAssertFalse(encrypted.message?.contains("cached") ?? true, encrypted.message ?? "")
        XCTAssertEqual(fresh.report.files.filter { $0.status == "converted" }.map(\.ran), [stageIDs, stageIDs])
        XCTAssertEqual(fresh.report.ocrPages.count, 5)

        let again = try batch(inputs, output, mode: .only("repair"))
        let converted = again.report.files.filter { $0.status == "converted" }
        XCTAssertEqual(converted.map(\.ran), [["repair"], ["repair"]])
        XCTAssertEqual(converted.map(\.reused), [["extract", "ocr"], ["extract", "ocr"]])
        XCTAssertTrue(again.report.ocrPages.isEmpty, "no page was read by OCR in this run")
        XCTAssertEqual(again.report.failures.first?.stage, "extract", "the failure keeps its cause: \(again.report.failures)")
        XCTAssertTrue(again.report.failures.first?.message.contains("encrypt") ?? false, "\(again.report.failures)")
        let upToDate = try batch(inputs, output)
        XCTAssertEqual(upToDate.report.files.filter { $0.status == "up to date" }.map(\.reused), [stageIDs, stageIDs])
        XCTAssertEqual(upToDate.report.files.first?.sha256?.count, 64)
    }

    /// `prune` removes the outputs, cache and journal rows of a source that is gone and
    /// the outputs of a dropped format; `--dry-run` only lists them; the rest stays current.
    func testPruneRemovesOutputsOfGoneSourcesAndDroppedFormats() throws {
        let inputs = try corpus(copies: 1)
        try FileManager.default.createDirectory(at: inputs.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let extra = inputs.appendingPathComponent("sub/extra.pdf")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/born-digital/utlatande-ks-2025-364.pdf"), to: extra)
        let output = try temporary("prune")
        XCTAssertEqual(try run(["convert", inputs.path, "-o", output.path, "-q", "--pipeline", Self.pipelineFile.path]).status, 0)
        try FileManager.default.removeItem(at: extra)
        let before = try outputs(output)

        let dry = try run(["prune", inputs.path, "-o", output.path, "--formats", "xml,json", "--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.output)
        XCTAssertTrue(dry.output.contains("would remove sub/extra.json (source gone)"), dry.output)
        XCTAssertEqual(try outputs(output), before, "a dry run removes nothing")

        let pruned = try run(["prune", inputs.path, "-o", output.path, "--formats", "xml,json"])
        XCTAssertEqual(pruned.status, 0, pruned.output)
        let after = try outputs(output)
        XCTAssertEqual(Set(after.keys), Set(before.keys.filter { !$0.hasPrefix("/sub/") && !$0.hasSuffix(".txt") }))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("sub").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent(".diarium/artifacts/sub/extra").path))
        XCTAssertFalse(try Journal(outputFolder: output).entries().contains { $0.document == "sub/extra" })
        let status = try run(["status", output.path])
        XCTAssertTrue(status.output.hasPrefix("2 documents"), status.output)
        let again = try run(["convert", inputs.path, "-o", output.path, "-q", "--formats", "xml,json"])
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertEqual(Set(try outputs(output).keys), Set(after.keys), "the kept documents in the kept formats, nothing else")
    }

    /// `--dry-run` says per document what a run would do and why, and creates nothing.
    func testDryRunSaysWhatWouldBeDoneAndWritesNothing() throws {
        let inputs = try corpus(copies: 1)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("diarium-dry-\(UUID().uuidString)")
        let fresh = try run(["convert", inputs.path, "-o", output.path, "--dry-run", "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(fresh.status, 0, fresh.output)
        XCTAssertEqual(fresh.output.components(separatedBy: "would convert (new)").count - 1, 2, fresh.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "a dry run creates nothing")

        XCTAssertEqual(try run(["convert", inputs.path, "-o", output.path, "-q", "--pipeline", Self.pipelineFile.path]).status, 0)
        let before = try outputs(output)
        let current = try run(["convert", inputs.path, "-o", output.path, "--dry-run"])
        XCTAssertTrue(current.output.contains("0 with work to do, 2 up to date"), current.output)
        let changed = try temporary("dry-pipeline").appendingPathComponent("changed.yaml")
        try Data(try String(contentsOf: Self.pipelineFile, encoding: .utf8)
            .replacingOccurrences(of: "emphasisRatio: 1.08", with: "emphasisRatio: 1.09").utf8).write(to: changed)
        let redo = try run(["convert", inputs.path, "-o", output.path, "--dry-run", "--pipeline", changed.path])
        XCTAssertTrue(redo.output.contains("would redo segment and after (the cached result of repair is reused)"), redo.output)
        XCTAssertEqual(try outputs(output), before)
    }

    /// `--log-format json`: every line is a JSON object; each document and the summary are events.
    func testJSONLogLinesParse() throws {
        let inputs = try corpus(copies: 1)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/bad/encrypted.pdf"),
                                         to: inputs.appendingPathComponent("encrypted.pdf"))
        let result = try run(["convert", inputs.path, "-o", try temporary("json-log").path, "--log-format", "json",
                              "--pipeline", Self.pipelineFile.path])
        XCTAssertEqual(result.status, 1, result.output)
        let lines = result.output.split(separator: "\n")
        let events = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], String($0)) }
        XCTAssertEqual(events.filter { $0["event"] as? String == "document" }.count, 3)
        let failed = try XCTUnwrap(events.first { $0["status"] as? String == "failed" })
        XCTAssertEqual(failed["stage"] as? String, "extract")
        XCTAssertEqual(events.last?["event"] as? String, "summary")
        XCTAssertEqual(events.last?["converted"] as? Int, 2)
    }

    /// A file that failed is not tried again each night: the same bytes with the same settings
    /// fail the same way. A changed file, or `--retry-failed`, is tried again.
    func testAFailedFileIsNotTriedAgainUntilItChanges() throws {
        let inputs = try temporary("failed-again")
        let file = inputs.appendingPathComponent("truncated.pdf")
        let good = try Data(contentsOf: Self.root.appendingPathComponent("samples/born-digital/tjansteutlatande-2017-54.pdf"))
        try good.prefix(good.count / 3).write(to: file)
        let output = try temporary("failed-again-out")
        let first = try batch(inputs, output)
        XCTAssertEqual(first.failures.count, 1)
        guard case .failed(let stage, let cause) = first.failures[0].status else { return XCTFail("expected a failure") }
        let second = try batch(inputs, output)
        guard case .failed(let againStage, let again) = second.failures.first?.status else { return XCTFail("expected a failure") }
        XCTAssertEqual(againStage, stage)
        XCTAssertEqual(again, cause + " (not tried again on the same file with the same settings; --retry-failed tries it)")
        XCTAssertTrue(second.outcomes[0].stageSeconds.isEmpty, "nothing ran")

        let retried = try Batch(inputs: [inputs.path], outputFolder: output, pipeline: PipelineDefinition.load(from: Self.pipelineFile),
                                jobs: 1, retryFailed: true).run(registry: Stages.registry, logger: Logger(label: "test"))
        XCTAssertFalse(retried.outcomes[0].stageSeconds.isEmpty, "--retry-failed tries it")
        try good.write(to: file)
        XCTAssertEqual(try batch(inputs, output).converted, 1, "a changed file is tried again")
    }

    /// report.json follows Schemas/diarium-report-1.schema.json, with failures, their error codes, stops and sha256s in it.
    func testTheRunReportFollowsItsSchema() throws {
        let inputs = try corpus(copies: 1)
        let badSamples = ["encrypted": "encrypted", "truncated": "damaged", "garbage": "damaged", "empty": "empty",
                          "not-a-pdf": "notPDF"]
        for name in badSamples.keys {
            try FileManager.default.copyItem(at: Self.root.appendingPathComponent("samples/bad/\(name).pdf"),
                                             to: inputs.appendingPathComponent("\(name).pdf"))
        }
        let output = try temporary("report-schema")
        _ = try batch(inputs, output)
        let validator = try JSONSchemaValidator(schemaData: Data(contentsOf: Self.root.appendingPathComponent("Schemas/diarium-report-1.schema.json")))
        let report = try Data(contentsOf: output.appendingPathComponent("report.json"))
        XCTAssertEqual(try validator.validate(data: report).map { "\($0)" }, [])

        // Each bad sample's failure carries its cause's code, in failures and in files; converted files carry none.
        let decoded = try JSONDecoder().decode(RunReport.self, from: report)
        let expected = Dictionary(uniqueKeysWithValues: badSamples.map { ("\($0.key).pdf", $0.value) })
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: decoded.failures.map { ($0.file, $0.errorCode.rawValue) }), expected)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: decoded.files.compactMap { file in file.errorCode.map { (file.file, $0.rawValue) } }),
                       expected)
        var unknownCode = try XCTUnwrap(JSONSerialization.jsonObject(with: report) as? [String: Any])
        var failures = try XCTUnwrap(unknownCode["failures"] as? [[String: Any]])
        failures[0]["errorCode"] = "oops"
        unknownCode["failures"] = failures
        XCTAssertFalse(try validator.validate(data: JSONSerialization.data(withJSONObject: unknownCode)).isEmpty,
                       "only the documented codes")
        var broken = try XCTUnwrap(JSONSerialization.jsonObject(with: report) as? [String: Any])
        broken["documents"] = ["total": -1]
        XCTAssertFalse(try validator.validate(data: JSONSerialization.data(withJSONObject: broken)).isEmpty, "the schema checks something")
    }

    func testThreeShardsInSeparateProcessesGiveTheSameOutputsAsOneRun() throws {
        let inputs = try corpus(copies: 4)
        let single = try temporary("single"), sharded = try temporary("sharded")
        XCTAssertEqual(try run(["convert", inputs.path, "-o", single.path, "-q", "--pipeline", Self.pipelineFile.path]).status, 0)
        let processes = try (1...3).map { shard -> Process in
            let process = Process()
            process.executableURL = try Self.executable
            process.arguments = ["convert", inputs.path, "-o", sharded.path, "-q", "--jobs", "1", "--shard", "\(shard)/3",
                                 "--pipeline", Self.pipelineFile.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        processes.forEach { $0.waitUntilExit() }
        XCTAssertEqual(processes.map(\.terminationStatus), [0, 0, 0])
        XCTAssertEqual(try outputs(sharded), try outputs(single))
        var converted = 0
        for shard in 1...3 {
            let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: sharded.appendingPathComponent("report-shard-\(shard)-of-3.json")))
            converted += report.documents.converted
        }
        XCTAssertEqual(converted, 8, "every document converted exactly once over the shards")
        let merged = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: sharded.appendingPathComponent("report.json")))
        XCTAssertEqual(merged.documents.total, 8, "the last shard to finish leaves the whole run's report")
        XCTAssertEqual(merged.documents.converted, 8)
        XCTAssertEqual(Set(merged.files.map(\.file)).count, 8)
        XCTAssertEqual(merged.shard, "merged from 3 shards")
    }

    func testReportCountsWhatHappened() throws {
        let output = try temporary("report")
        let summary = try batch(Self.root.appendingPathComponent("samples"), output)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: output.appendingPathComponent("report.json")))
        XCTAssertEqual(report.documents.total, 10)
        XCTAssertEqual(report.documents.converted, 5)
        XCTAssertEqual(report.documents.failed, 5)
        XCTAssertEqual(report.pages, summary.pages)
        XCTAssertEqual(report.pages, 9 + 5 + 9 + 5 + 5)
        // The image-only sample's five pages have no text layer: the OCR stage reads them.
        XCTAssertEqual(report.diagnostics["ocr.page.read"], 5)
        XCTAssertEqual(report.ocrPages.filter { $0.file.hasSuffix("image-only/tjansteutlatande-2017-54.pdf") }.map(\.page), [1, 2, 3, 4, 5])
        XCTAssertTrue(report.ocrPages.allSatisfy { $0.seconds > 0 })
        XCTAssertNil(report.diagnostics["extract.page.no-text"])
        XCTAssertGreaterThan(report.corrections, 0, "the scanned samples are repaired")
        XCTAssertEqual(Set(report.failures.map(\.stage)), ["extract"])
        XCTAssertGreaterThan(report.pagesPerSecond, 0)
        XCTAssertEqual(Set(report.stageSeconds.keys), Set(report.stages))

        let status = try StatusReport(outputFolder: output, stages: Stages.registry.configure(PipelineDefinition.load(from: Self.pipelineFile)))
        XCTAssertEqual(status.rows.first?.done, 5)
        XCTAssertEqual(status.rows.first?.failed, 5)
    }
}

/// A deterministic random source, so a mutated PDF is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Small PDFs written by hand to stress the reader.
enum HostilePDF {
    /// A valid PDF whose page tree lists the same empty page `count` times.
    static func manyPages(_ count: Int, mediaBox: String = "0 0 595 842") -> Data {
        var objects: [String] = []
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Count \(count) /Kids [\(String(repeating: "3 0 R ", count: count))] >>")
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [\(mediaBox)] >>")
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }
}

/// Processes as /proc shows them (Linux).
enum ChildProcesses {
    /// The live processes whose parent is `parent`.
    static func of(_ parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { status($0)?.parent == parent && isAlive($0) }
    }

    /// Running or sleeping, not gone and not a zombie waiting to be reaped.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let state = status(pid)?.state else { return false }
        return state != "Z" && state != "X"
    }

    static func arguments(_ pid: Int32) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// From /proc/<pid>/stat: the fields after the command name, which is in
    /// parentheses and may itself hold spaces and parentheses.
    private static func status(_ pid: Int32) -> (state: String, parent: Int32)? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 1, let parent = Int32(fields[1]) else { return nil }
        return (String(fields[0]), parent)
    }
}
