import Foundation

/// Where a diarium binary finds its data files, pipelines and schemas: by
/// its own location, never by the working directory, so a binary copied
/// into `<prefix>/bin` by `scripts/install.sh` works from anywhere and a stray
/// `Pipelines/council.yaml` in the current folder cannot change a run.
///
/// Two layouts are known: the installed one (`<prefix>/bin/diarium` beside
/// `<prefix>/share/diarium/`) and a build folder (`.build/<config>/diarium`
/// beside SwiftPM's `Diarium_<Module>.resources`, inside a checkout that has
/// `Pipelines/`). SwiftPM's own `Bundle.module` is not used: when its bundle is
/// missing it stops the process instead of reporting what is missing.
public enum InstalledFiles {
    public static let version = "1.2.0"
    public static let defaultPipelineName = "council.yaml"

    /// The running executable's folder, links resolved (a link in
    /// `/usr/local/bin` to an installed binary finds the installed files).
    public static let executableFolder: URL = {
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
        return executable.resolvingSymlinksInPath().deletingLastPathComponent()
    }()

    /// `<prefix>/share/diarium` of an installed binary, or nil.
    public static var shareFolder: URL? {
        let share = executableFolder.deletingLastPathComponent().appendingPathComponent("share/diarium")
        return isFolder(share) ? share : nil
    }

    /// The source checkout a build-folder binary was built in: the nearest
    /// folder above the executable holding `Package.swift` and `Pipelines/`.
    public static var checkoutFolder: URL? {
        var folder = executableFolder
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
               isFolder(folder.appendingPathComponent("Pipelines")) {
                return folder
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// A data file of one module: `share/diarium/<installedFolder>/<name>` when
    /// installed, else SwiftPM's resource bundle beside the executable.
    public static func resource(_ name: String, module: String, installedFolder: String) -> URL? {
        var candidates: [URL] = []
        if let share = shareFolder { candidates.append(share.appendingPathComponent(installedFolder).appendingPathComponent(name)) }
        let bundle = executableFolder.appendingPathComponent("Diarium_\(module).resources")
        candidates.append(bundle.appendingPathComponent("Resources").appendingPathComponent(name))
        candidates.append(executableFolder.appendingPathComponent("Diarium_\(module).bundle/Contents/Resources/Resources").appendingPathComponent(name))
        return candidates.first { FileManager.default.isReadableFile(atPath: $0.path) }
    }

    /// The pipeline used when none is named: the installed one, else the
    /// checkout's `Pipelines/council.yaml`.
    public static var defaultPipeline: URL? {
        let candidates = [shareFolder?.appendingPathComponent("pipelines/\(defaultPipelineName)"),
                          checkoutFolder?.appendingPathComponent("Pipelines/\(defaultPipelineName)")]
        return candidates.compactMap { $0 }.first { FileManager.default.isReadableFile(atPath: $0.path) }
    }

    /// Where `defaultPipeline` looked, for the message when it finds nothing.
    public static var defaultPipelinePlaces: String {
        let share = executableFolder.deletingLastPathComponent().appendingPathComponent("share/diarium/pipelines").path
        return "\(share)/\(defaultPipelineName) (an install by scripts/install.sh) or Pipelines/\(defaultPipelineName) of the checkout the binary was built in"
    }

    /// The git commit the binary was built from: written into `share/diarium/BUILD`
    /// by the installer, or read from the checkout of a build-folder binary.
    public static var commit: String? {
        if let share = shareFolder, let text = try? String(contentsOf: share.appendingPathComponent("BUILD"), encoding: .utf8) {
            let commit = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return commit.isEmpty ? nil : commit
        }
        guard let git = checkoutFolder?.appendingPathComponent(".git"),
              let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        guard head.hasPrefix("ref: ") else { return head.isEmpty ? nil : head }
        let reference = String(head.dropFirst(5))
        if let commit = try? String(contentsOf: git.appendingPathComponent(reference), encoding: .utf8) {
            return commit.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // A packed reference: `<commit> <ref>` lines.
        let packed = (try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8)) ?? ""
        return packed.split(separator: "\n").first { $0.hasSuffix(" " + reference) }.map { String($0.prefix { $0 != " " }) }
    }

    /// `1.2.0 (commit 0123abcd…)`.
    public static var versionDescription: String {
        commit.map { "\(version) (commit \($0))" } ?? "\(version) (commit unknown)"
    }

    private static func isFolder(_ url: URL) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
    }
}
