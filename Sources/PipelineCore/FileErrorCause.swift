import Foundation

/// Why a file operation failed, in the system's words (`Permission denied`,
/// `No space left on device`) when Foundation wraps a POSIX error, instead of
/// Foundation's "The operation could not be completed".
public enum FileErrorCause {
    public static func describe(_ error: any Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = Int32(exactly: underlying.code) {
            return String(cString: strerror(code))
        }
        return error.localizedDescription
    }
}
