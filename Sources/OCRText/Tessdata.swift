import Foundation

/// Where Tesseract's language models (`<lang>.traineddata`) live, and which
/// Debian package brings each one, so a missing model is reported when a
/// run starts instead of as a failure on the first scanned page.
public enum Tessdata {
    /// Debian's folders for Tesseract 5 and 4, then the usual source-build prefix.
    public static let standardFolders = ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                                         "/usr/local/share/tessdata"]

    /// The folder to use: `TESSDATA_PREFIX` when set (Tesseract accepts it
    /// with or without the trailing `tessdata`), else the first standard
    /// folder that exists.
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let prefix = environment["TESSDATA_PREFIX"], !prefix.isEmpty {
            candidates += [prefix, (prefix as NSString).appendingPathComponent("tessdata")]
        }
        candidates += standardFolders
        return candidates.first { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
        }
    }

    /// The languages of a Tesseract language string (`swe+eng`).
    public static func languages(_ spec: String) -> [String] {
        spec.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Debian ships `chi_sim.traineddata` as `tesseract-ocr-chi-sim`.
    public static func debianPackage(for language: String) -> String {
        "tesseract-ocr-" + language.lowercased().replacingOccurrences(of: "_", with: "-")
    }

    /// The tessdata folder holding every language of `spec`, or an error
    /// naming the packages to install.
    public static func check(_ spec: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(OCRError) -> String {
        let wanted = languages(spec)
        guard !wanted.isEmpty else {
            throw OCRError(code: .missingModel, message: "no OCR language configured (e.g. `swe`, or `swe+eng`)")
        }
        let packages = wanted.map(debianPackage).joined(separator: " ")
        guard let folder = folder(environment: environment) else {
            throw OCRError(code: .noModels, message: "no Tesseract language models found (looked in TESSDATA_PREFIX and \(standardFolders.joined(separator: ", "))); install \(packages) (apt-get install \(packages))")
        }
        let missing = wanted.filter { language in
            !FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("\(language).traineddata"))
        }
        if !missing.isEmpty {
            let names = missing.map { "`\($0)`" }.joined(separator: ", ")
            let install = missing.map(debianPackage).joined(separator: " ")
            throw OCRError(code: .missingModel, message: "no Tesseract model for \(names) in \(folder); install \(install) (apt-get install \(install)), or set TESSDATA_PREFIX to the folder holding \(missing[0]).traineddata")
        }
        return folder
    }
}
