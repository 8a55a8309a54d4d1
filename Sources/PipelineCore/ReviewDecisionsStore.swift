import DocumentModel
import Foundation

/// Reads and writes the review page's decisions file, `<out>/review/decisions.json`.
public enum ReviewDecisionsStore {
    public static func file(in outputFolder: URL) -> URL {
        outputFolder.appendingPathComponent(ReviewDecisionsFile.relativePath)
    }

    /// The folder's decisions; none when there is no file. A file that cannot
    /// be read is an error: converting without it would undo the reviewer's work.
    public static func load(outputFolder: URL) throws -> ReviewDecisionsFile {
        let url = file(in: outputFolder)
        guard FileManager.default.fileExists(atPath: url.path) else { return ReviewDecisionsFile() }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PipelineError.output(url.path, "cannot read the review decisions: \(error.localizedDescription)")
        }
        let decoded: ReviewDecisionsFile
        do {
            decoded = try JSONDecoder().decode(ReviewDecisionsFile.self, from: data)
        } catch {
            throw PipelineError.output(url.path, "the review decisions file is not one this diarium reads (\(error)); fix it or move it away")
        }
        guard decoded.version == ReviewDecisionsFile.currentVersion else {
            throw PipelineError.output(url.path, "review decisions version \(decoded.version); this diarium reads version \(ReviewDecisionsFile.currentVersion)")
        }
        return decoded
    }

    /// Writes the file atomically, keys sorted, so it diffs well under version control.
    public static func save(_ decisions: ReviewDecisionsFile, outputFolder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(decisions), to: file(in: outputFolder))
    }

    /// What the decisions change, as part of a cache key.
    public static func fingerprint(_ decisions: DocumentDecisions) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain strings, numbers and enums cannot fail; an empty key would only re-run the stage.
        let data = (try? encoder.encode(decisions.effective)) ?? Data()
        return ContentHash.sha256(data)
    }
}
