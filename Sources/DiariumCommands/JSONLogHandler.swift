import Foundation
import Logging

/// `--log-format json`: every log event, per-document progress line and the
/// summary as one JSON object a line on standard error, for log shippers
/// (journald, Loki, Elasticsearch) to read without parsing prose.
struct JSONLogHandler: LogHandler {
    var label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: Any] = ["level": event.level.rawValue, "label": label, "message": event.message.description]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { fields[key] = value.description }
        JSONLines.write(fields)
    }
}

/// One JSON object a line on standard error, with its time.
enum JSONLines {
    private static let lock = NSLock()

    static func write(_ fields: [String: Any]) {
        var line = fields
        line["time"] = ISO8601DateFormatter().string(from: Date())
        guard JSONSerialization.isValidJSONObject(line),
              var data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        data.append(0x0A)
        lock.withLock { FileHandle.standardError.write(data) }
    }
}
