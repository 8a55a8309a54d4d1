import Foundation
import Installation

/// The word frequencies and confusion weights the stage learns from
/// (`Resources/`, see its README), found beside the binary.
enum RepairData {
    static let files = ["wordfreq-sv.txt", "confusions.tsv"]

    static func url(_ name: String) -> URL? {
        InstalledFiles.resource(name, module: "Repair", installedFolder: "repair")
    }

    /// Why the stage cannot run as trained, or nil: without these files it
    /// would still run, silently worse, so a broken install is an error.
    static var missing: String? {
        let absent = files.filter { url($0) == nil }
        guard !absent.isEmpty else { return nil }
        return "cannot find \(absent.joined(separator: " and ")) beside \(InstalledFiles.executableFolder.path) (in ../share/diarium/repair or Diarium_Repair.resources); install with scripts/install.sh --prefix DIR"
    }
}
