import DocumentModel
import FlyingFox
import Foundation
import PipelineCore

/// Records decisions POSTed by the review pages into the decisions file,
/// one at a time: each is read, merged and written whole (atomically), so two
/// quick clicks cannot lose one another.
public actor DecisionRecorder {
    public let outputFolder: URL
    /// Output names the pages were made for: a decision for anything else is refused.
    private let documents: [String: String]

    public init(outputFolder: URL, documents: [String: String]) {
        self.outputFolder = outputFolder
        self.documents = documents
    }

    public struct Posted: Codable, Sendable {
        public var document: String
        public var decision: ReviewDecision
    }

    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// Saves one decision; returns how many the document now has.
    public func record(_ body: Data, now: Date = Date()) throws -> Int {
        let posted: Posted
        do {
            posted = try JSONDecoder().decode(Posted.self, from: body)
        } catch {
            throw Refusal(description: "not a decision: \(error)")
        }
        guard let source = documents[posted.document] else {
            throw Refusal(description: "no document \(posted.document) in this folder")
        }
        var decision = posted.decision
        guard !decision.word.isEmpty, decision.page >= 1 else { throw Refusal(description: "a decision needs its word and page") }
        if decision.action == .correct, (decision.replacement ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw Refusal(description: "a hand correction needs the correct word")
        }
        decision.decidedAt = ISO8601DateFormatter().string(from: now)
        var file = try ReviewDecisionsStore.load(outputFolder: outputFolder)
        var own = file.documents[posted.document] ?? DocumentDecisions(source: source)
        own.source = source
        own.record(decision)
        file.documents[posted.document] = own
        try ReviewDecisionsStore.save(file, outputFolder: outputFolder)
        return own.decisions.count
    }
}

/// `diarium review --serve`: the review folder over HTTP on the loopback
/// interface, and `POST /api/decisions` into the decisions file. Static pages
/// cannot write files, so this small server is what saves a click.
public struct ReviewServer: Sendable {
    public var folder: URL
    public var recorder: DecisionRecorder
    public var port: UInt16

    public init(folder: URL, recorder: DecisionRecorder, port: UInt16) {
        self.folder = folder
        self.recorder = recorder
        self.port = port
    }

    /// Serves until the process is stopped; `listening` is called with the port once it is bound.
    public func run(listening: @escaping @Sendable (UInt16) -> Void) async throws {
        // IPv4 by name: the address printed and opened is 127.0.0.1.
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), logger: .disabled)
        let recorder = self.recorder
        let root = folder.standardizedFileURL
        await server.appendRoute("GET /api/ping") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: Data("{\"ok\":true}".utf8))
        }
        await server.appendRoute("POST /api/decisions") { request in
            if let refusal = Self.foreign(request) {
                return HTTPResponse(statusCode: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"], body: Data(refusal.utf8))
            }
            do {
                let count = try await recorder.record(try await request.bodyData)
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"],
                                    body: Data("{\"saved\":true,\"decisions\":\(count)}".utf8))
            } catch let refusal as DecisionRecorder.Refusal {
                return HTTPResponse(statusCode: .badRequest, headers: [.contentType: "text/plain; charset=utf-8"], body: Data(refusal.description.utf8))
            } catch {
                return HTTPResponse(statusCode: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                                    body: Data("the decision could not be saved: \(error)".utf8))
            }
        }
        await server.appendRoute("GET *") { request in
            Self.file(for: request.path, under: root)
        }
        // In a group, so cancelling the caller's task stops the server too.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            try await server.waitUntilListening(timeout: 10)
            switch await server.listeningAddress {
            case .ip4(_, let bound)?, .ip6(_, let bound)?: listening(bound)
            default: listening(port)
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Why a POST is not taken as the review page's own, if it is not. A page of
    /// any other site open in the same browser can send requests to 127.0.0.1:
    /// one with JSON must ask first (CORS), and this server never says yes; a
    /// name that only resolves here (DNS rebinding) shows in `Host`.
    static func foreign(_ request: HTTPRequest) -> String? {
        let local = { (host: String) in
            let name = host.split(separator: ":").first.map(String.init) ?? ""
            return name == "127.0.0.1" || name == "localhost"
        }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            return "decisions are sent as application/json"
        }
        guard let host = request.headers[.host], local(host) else { return "not a request to this machine's review server" }
        if let origin = request.headers[HTTPHeader("Origin")], origin != "null" {
            let authority = origin.replacingOccurrences(of: "http://", with: "")
            guard origin.hasPrefix("http://"), local(authority) else { return "a page of another site cannot record decisions" }
        }
        return nil
    }

    /// A file of the review folder, never one outside it (`..`, links out).
    static func file(for path: String, under root: URL) -> HTTPResponse {
        let relative = path.removingPercentEncoding ?? path
        let parts = relative.split(separator: "/").map(String.init)
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else { return HTTPResponse(statusCode: .notFound) }
        let url = parts.isEmpty ? root.appendingPathComponent("index.html") : parts.reduce(root) { $0.appendingPathComponent($1) }
        let resolved = url.resolvingSymlinksInPath().path
        guard resolved.hasPrefix(root.resolvingSymlinksInPath().path + "/"),
              let data = FileManager.default.contents(atPath: resolved) else {
            return HTTPResponse(statusCode: .notFound)
        }
        let types = ["html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
                     "png": "image/png", "json": "application/json"]
        // The pages change with every `diarium review` and decisions.json with every click.
        return HTTPResponse(statusCode: .ok, headers: [.contentType: types[url.pathExtension] ?? "application/octet-stream",
                                                       .cacheControl: "no-store"], body: data)
    }
}
