import Foundation
import Installation

/// Where the published schemas are read from at run time.
///
/// The files users read are `Schemas/` at the top of the repository; the
/// Validate module carries a byte-identical copy as a SwiftPM resource
/// (`Sources/Validate/Resources/`, a test keeps the two equal), which
/// SwiftPM installs next to the executable as `Diarium_Validate.resources`.
public enum SchemaLocation: Sendable, Equatable {
    /// The copy bundled with the executable.
    case bundled
    /// A folder holding `diarium-1.xsd` and `diarium-1.schema.json`, and for
    /// Akoma Ntoso `akomantoso30.xsd` with the `xml.xsd` it imports
    /// (`diarium validate --schemas Schemas`).
    case folder(URL)

    public static let xsdName = "diarium-1.xsd"
    public static let jsonSchemaName = "diarium-1.schema.json"
    /// The official OASIS schema, unchanged (Schemas/akoma-ntoso-NOTICE.md).
    public static let aknSchemaName = "akomantoso30.xsd"
    /// The W3C schema of the `xml:` attributes, which `akomantoso30.xsd` imports as `./xml.xsd`.
    public static let aknImportNames = ["xml.xsd"]

    func data(_ name: String) throws(ValidateError) -> Data {
        let url: URL?
        switch self {
        case .bundled:
            url = InstalledFiles.resource(name, module: "Validate", installedFolder: "schemas")
        case .folder(let folder):
            url = folder.appendingPathComponent(name)
        }
        guard let url, let data = FileManager.default.contents(atPath: url.path) else {
            throw ValidateError("cannot read the schema \(name)\(url.map { " at \($0.path)" } ?? " in the bundled resources"); pass --schemas <folder> with \(Self.xsdName) and \(Self.jsonSchemaName)")
        }
        return data
    }
}
