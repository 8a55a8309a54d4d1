import Foundation
import Validate
import XCTest

/// Known-good outputs: the Emit snapshots, which EmitTests keeps equal to
/// what the emitter writes and valid under xmllint and Python's jsonschema.
enum Good {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardizedFileURL
    static let xml = root.appendingPathComponent("Tests/EmitTests/Snapshots/utlatande.xml")
    static let json = root.appendingPathComponent("Tests/EmitTests/Snapshots/utlatande.json")
    /// A protocol: bookmarks, letterhead, the meeting, numbered items with Dnr and a vote.
    static let protocolXML = root.appendingPathComponent("Tests/EmitTests/Snapshots/protokoll.xml")
    static let protocolJSON = root.appendingPathComponent("Tests/EmitTests/Snapshots/protokoll.json")
    /// Akoma Ntoso of the same two documents: a `doc` with a dissenting opinion, a `debate` with items.
    static let akn = root.appendingPathComponent("Tests/EmitTests/Snapshots/utlatande.akn.xml")
    static let protocolAKN = root.appendingPathComponent("Tests/EmitTests/Snapshots/protokoll.akn.xml")

    static func text(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// The good text with the first `old` replaced by `new`.
    static func edited(_ url: URL, _ old: String, _ new: String, file: StaticString = #filePath, line: UInt = #line) throws -> Data {
        let text = try text(url)
        guard let range = text.range(of: old) else {
            XCTFail("'\(old)' not in \(url.lastPathComponent)", file: file, line: line)
            return Data(text.utf8)
        }
        return Data(text.replacingCharacters(in: range, with: new).utf8)
    }

    static func folder(_ files: [String: Data]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("validate-tests-\(UUID().uuidString)")
        for (path, data) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return folder
    }
}
