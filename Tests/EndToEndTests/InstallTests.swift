import Foundation
import XCTest

/// `scripts/install.sh` as a user runs it: the installed binary works with the
/// build folder and the checkout out of reach, and only its own files count.
final class InstallTests: XCTestCase {
    private func run(_ executable: URL, _ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, output: String) {
        try BatchBehaviourTests.run(executable, arguments, in: folder)
    }

    private func temporary(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("diarium-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func testAnInstalledBinaryConvertsValidatesAndReportsItsVersionWithoutTheBuildFolder() throws {
        let built = try BatchBehaviourTests.executable
        let prefix = try temporary("prefix")
        let install = try run(URL(fileURLWithPath: "/bin/bash"),
                              [BatchBehaviourTests.root.appendingPathComponent("scripts/install.sh").path,
                               "--prefix", prefix.path, "--no-build", "--build-folder", built.deletingLastPathComponent().path])
        XCTAssertEqual(install.status, 0, install.output)
        try checkManualAndCompletions(in: prefix, builtFolder: built.deletingLastPathComponent())
        // Moved after installing: nothing may point back at the build folder or the checkout.
        let moved = try temporary("moved").appendingPathComponent("opt")
        try FileManager.default.moveItem(at: prefix, to: moved)
        let diarium = moved.appendingPathComponent("bin/diarium")

        let version = try run(diarium, ["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.output.hasPrefix("diarium 1."), version.output)
        XCTAssertFalse(version.output.contains("commit unknown"), version.output)

        // A stray pipeline in the working folder (text only) must not change the run.
        let elsewhere = try temporary("cwd")
        try FileManager.default.createDirectory(at: elsewhere.appendingPathComponent("Pipelines"), withIntermediateDirectories: true)
        try Data("stages:\n  - extract\n  - emit:\n      formats: [txt]\n".utf8).write(to: elsewhere.appendingPathComponent("Pipelines/council.yaml"))
        let samples = BatchBehaviourTests.root.appendingPathComponent("samples/born-digital")
        let installedOutput = elsewhere.appendingPathComponent("out")
        let convert = try run(diarium, ["convert", samples.path, "-o", installedOutput.path, "-q"], in: elsewhere)
        XCTAssertEqual(convert.status, 0, convert.output)
        let validate = try run(diarium, ["validate", installedOutput.path], in: elsewhere)
        XCTAssertEqual(validate.status, 0, validate.output)

        // The same outputs as the build folder's binary with the checkout's pipeline:
        // the repair data and schemas were found in the install.
        let builtOutput = try temporary("built-out")
        XCTAssertEqual(try run(built, ["convert", samples.path, "-o", builtOutput.path, "-q",
                                      "--pipeline", BatchBehaviourTests.pipelineFile.path]).status, 0)
        for name in ["utlatande-ks-2025-364.json", "tjansteutlatande-2017-54.xml", "tjansteutlatande-2017-54.txt"] {
            XCTAssertEqual(try Data(contentsOf: installedOutput.appendingPathComponent(name)),
                           try Data(contentsOf: builtOutput.appendingPathComponent(name)), name)
        }
    }

    /// `--no-build` installs the man page too when swift-argument-parser's generate-manual
    /// is built (beside the binary or in the checkout), and the completions offer stage
    /// and format values, not only option names.
    private func checkManualAndCompletions(in prefix: URL, builtFolder: URL) throws {
        let checkout = BatchBehaviourTests.root.appendingPathComponent(".build")
        let manualTools = [builtFolder.appendingPathComponent("generate-manual"),
                           checkout.appendingPathComponent("release/generate-manual"),
                           checkout.appendingPathComponent("debug/generate-manual")]
        let manual = prefix.appendingPathComponent("share/man/man1/diarium.1")
        if manualTools.contains(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            let page = try String(contentsOf: manual, encoding: .utf8)
            XCTAssertTrue(page.contains(".Dt DIARIUM 1"), "not an mdoc page for diarium: \(page.prefix(200))")
            XCTAssertTrue(page.contains("convert"), "the man page does not describe convert")
        } else {
            print("InstallTests: generate-manual is not built (swift build --product generate-manual); the man page is not checked")
        }
        let bash = try String(contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/diarium"), encoding: .utf8)
        XCTAssertTrue(bash.contains("'segment'"), "bash completion offers no stage names for --from/--only")
        XCTAssertTrue(bash.contains("'json'"), "bash completion offers no format names for --formats")
        for completion in ["share/zsh/site-functions/_diarium", "share/fish/vendor_completions.d/diarium.fish"] {
            let script = try String(contentsOf: prefix.appendingPathComponent(completion), encoding: .utf8)
            XCTAssertTrue(script.contains("segment"), "\(completion) offers no stage names")
        }
    }

    func testABinaryWithoutItsDataFilesSaysWhatIsMissingInsteadOfStopping() throws {
        let lonely = try temporary("lonely")
        let diarium = lonely.appendingPathComponent("diarium")
        try FileManager.default.copyItem(at: try BatchBehaviourTests.executable, to: diarium)
        let convert = try run(diarium, ["convert", BatchBehaviourTests.root.appendingPathComponent("samples/born-digital").path,
                                        "-o", lonely.appendingPathComponent("out").path], in: lonely)
        XCTAssertEqual(convert.status, 2, convert.output)
        XCTAssertTrue(convert.output.contains("no default pipeline found"), convert.output)
        XCTAssertFalse(convert.output.contains("Usage:"), "a problem found while running is not a usage mistake: \(convert.output)")
        let named = try run(diarium, ["convert", BatchBehaviourTests.root.appendingPathComponent("samples/born-digital").path,
                                      "-o", lonely.appendingPathComponent("out").path, "--pipeline", BatchBehaviourTests.pipelineFile.path], in: lonely)
        XCTAssertNotEqual(named.status, 0, named.output)
        XCTAssertTrue(named.output.contains("cannot find wordfreq-sv.txt"), named.output)
        let validate = try run(diarium, ["validate", BatchBehaviourTests.root.appendingPathComponent("Schemas").path])
        XCTAssertTrue(validate.output.contains("cannot read the schema"), validate.output)
    }

    /// 0 all converted, 1 some failed, 2 nothing done (usage or configuration).
    func testExitStatusesAreTheDocumentedOnes() throws {
        let diarium = try BatchBehaviourTests.executable
        let samples = BatchBehaviourTests.root.appendingPathComponent("samples")
        let output = try temporary("status")
        XCTAssertEqual(try run(diarium, ["convert", samples.appendingPathComponent("born-digital").path, "-o", output.path, "-q"]).status, 0)
        let failed = try run(diarium, ["convert", samples.appendingPathComponent("bad").path, "-o", output.path, "-q"])
        XCTAssertEqual(failed.status, 1)
        XCTAssertEqual(failed.output.components(separatedBy: "encrypted.pdf").count - 1, 1, "under -q each failure is printed once: \(failed.output)")
        let usage = try run(diarium, ["convert", samples.path, "-o", output.path, "--jobs", "0"])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.output.contains("Usage:"), usage.output)
        let missing = try run(diarium, ["convert", "/no/such/folder", "-o", output.path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.output.contains("/no/such/folder: no such file or folder"), missing.output)
        XCTAssertFalse(missing.output.contains("Usage:"), missing.output)
        XCTAssertEqual(try run(diarium, ["--help"]).status, 0)
    }
}
