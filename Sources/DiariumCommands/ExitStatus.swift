import ArgumentParser
import Foundation

/// A problem found while running (no pipeline, an unreadable input folder,
/// a broken pipeline file): printed as `Error: …` without the usage text,
/// which is for mistakes on the command line.
struct RunError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The exit statuses, as `diarium --help` and the README list them.
public enum ExitStatus {
    /// 0: every document converted (validate: every file valid).
    public static let success: Int32 = 0
    /// 1: some documents failed, each reported with its cause (validate: some file invalid).
    public static let someFailed: Int32 = 1
    /// 2: nothing was done: a usage mistake or a configuration problem.
    public static let unusable: Int32 = 2
}

extension DiariumCommand {
    /// `main()` with the documented statuses: ArgumentParser's own status for
    /// usage mistakes (64) and for other errors (1) would mix a run that could
    /// not start with one where some documents failed.
    public static func runFromCommandLine() -> Never {
        do {
            var command = try parseAsRoot()
            try command.run()
            exit()
        } catch let error as ExitCode {
            exit(withError: error)
        } catch {
            guard exitCode(for: error) != .success else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.unusable)
        }
    }
}
