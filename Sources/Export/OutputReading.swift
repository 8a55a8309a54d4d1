import Emit
import Foundation

/// Why an output file cannot be exported, in words that say what to do.
struct OutputReadingError: Error, CustomStringConvertible {
    var description: String
}

/// Decodes a document's JSON output with the published model (Emit's
/// `OutputDocument`), first checking that it is one this diarium reads.
enum OutputReading {
    /// The first minor version whose outputs carry `source.id`, the key of every table.
    private static let firstMinorWithDocumentID = 3

    static func document(from data: Data) throws(OutputReadingError) -> OutputDocument {
        // JSONSerialization says where the JSON breaks; JSONDecoder on Linux only that it does.
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw OutputReadingError(description: "not valid JSON: \(detail ?? error.localizedDescription)")
        }
        guard let members = object as? [String: Any] else {
            throw OutputReadingError(description: "not a diarium document output (not a JSON object)")
        }
        guard let version = members["schemaVersion"] as? String else {
            throw OutputReadingError(description: "not a diarium document output (no schemaVersion)")
        }
        let parts = version.split(separator: ".").map { Int($0) }
        guard parts.count == 2, let major = parts[0], let minor = parts[1], major == 1 else {
            throw OutputReadingError(description: "schema version \(version) is not one this diarium reads (1.x)")
        }
        guard minor >= firstMinorWithDocumentID else {
            throw OutputReadingError(description: "written with schema \(version), before outputs had a document id; convert the folder again (diarium convert … --from emit)")
        }
        do {
            return try JSONDecoder().decode(OutputDocument.self, from: data)
        } catch {
            throw OutputReadingError(description: "does not match the diarium schema: \(describe(error))")
        }
    }

    /// A decoding error as `metadata.title: expected a string`, not Foundation's debug dump.
    private static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : String(text.drop { $0 == "." })
        }
        guard let error = error as? DecodingError else { return error.localizedDescription }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
