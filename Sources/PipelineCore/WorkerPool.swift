import Foundation

/// The `diarium stage-worker` processes of a run, each kept for many requests (a
/// stage on a document): a worker loads its dictionaries and models once, not once
/// per document and stage. One that crashed, was killed for its time, or reported
/// a failure is replaced by a new one for the next request; so is one that has
/// served `requestsPerWorker`, so a leak in a C library cannot grow without bound.
public final class WorkerPool: @unchecked Sendable {
    /// What became of one request.
    enum Outcome: Equatable {
        /// The worker wrote its result to the request's output file.
        case done
        /// The stage failed, with the worker's message.
        case failed(String)
        /// The worker died (crashed, or exited): why, as the parent tells it.
        case died(String)
        /// The deadline came first; the worker was killed.
        case timedOut
    }

    static let requestsPerWorker = 500
    /// Opens the line that answers a request, so anything else a library prints
    /// on the worker's standard output is not taken for an answer.
    public static let replyMarker = "\u{1E}diarium-reply"

    private let executable: URL
    private let memoryLimit: Int
    // Guards `idle`; workers are handed to one thread at a time.
    private let lock = NSLock()
    private var idle: [Worker] = []

    init(executable: URL, memoryLimit: Int) {
        self.executable = executable
        self.memoryLimit = memoryLimit
        // A worker that died leaves a pipe without a reader: writing to it must
        // fail the write (EPIPE), not end the batch with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Runs one request (a worker's arguments for one stage on one document).
    func perform(_ arguments: [String], until deadline: DispatchTime) throws -> Outcome {
        let worker = try lock.withLock { idle.popLast() } ?? Worker(executable: executable, memoryLimit: memoryLimit)
        let outcome = worker.ask(arguments, until: deadline)
        if outcome == .done, worker.served < Self.requestsPerWorker {
            lock.withLock { idle.append(worker) }
        } else {
            worker.stop()
        }
        return outcome
    }

    /// Lets the idle workers end (they exit when their input closes); the pool
    /// starts new ones if asked again.
    func shutDown() {
        let workers = lock.withLock {
            defer { idle = [] }
            return idle
        }
        for worker in workers { worker.finish() }
    }
}

/// One worker process and the pipes to it.
private final class Worker: @unchecked Sendable {
    private let process: Process
    private let requests: FileHandle
    private let replies: Int32
    // Kept so the descriptors stay open as long as the worker.
    private let pipes: [Pipe]
    private let errors: ErrorLog
    private let ended: DispatchSemaphore
    private var pending = Data()
    private(set) var served = 0

    init(executable: URL, memoryLimit: Int) throws {
        let process = Process(), input = Pipe(), output = Pipe(), errorOutput = Pipe()
        let ended = DispatchSemaphore(value: 0), errors = ErrorLog()
        process.executableURL = executable
        process.arguments = ["stage-worker", "--parent=\(getpid())"] + (memoryLimit > 0 ? ["--memory-limit=\(memoryLimit)"] : [])
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errorOutput
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        self.process = process
        self.ended = ended
        self.errors = errors
        requests = input.fileHandleForWriting
        replies = output.fileHandleForReading.fileDescriptor
        pipes = [input, output, errorOutput]
        // Read all along, so a chatty worker cannot block on a full pipe; what it
        // printed about a request is the detail of a crash.
        let descriptor = errorOutput.fileHandleForReading.fileDescriptor
        Thread {
            // A read error (not an interruption: those are retried) loses only the worker's messages.
            try? DescriptorReading.forEachChunk(of: descriptor, chunkSize: 1 << 16, what: "a worker's errors") { errors.append($0) }
            errors.close()
        }.start()
    }

    func ask(_ arguments: [String], until deadline: DispatchTime) -> WorkerPool.Outcome {
        served += 1
        let id = UUID().uuidString
        // Only what the worker prints about this request is kept.
        errors.reset()
        guard let request = try? JSONEncoder().encode([id] + arguments),
              (try? requests.write(contentsOf: request + Data("\n".utf8))) != nil else { return died() }
        let marker = Data("\(WorkerPool.replyMarker) \(id) ".utf8)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        var gone = false
        while true {
            if let start = pending.range(of: marker), let end = pending[start.upperBound...].firstIndex(of: UInt8(ascii: "\n")) {
                let answer = String(decoding: pending[start.upperBound..<end], as: UTF8.self)
                pending = Data(pending[pending.index(after: end)...])
                if answer == "ok" { return .done }
                let message = answer.hasPrefix("error ") ? (try? JSONDecoder().decode(String.self, from: Data(answer.dropFirst(6).utf8))) : nil
                return .failed(message ?? answer)
            }
            if gone { return died() }
            let now = DispatchTime.now().uptimeNanoseconds
            guard deadline.uptimeNanoseconds > now else {
                kill(process.processIdentifier, SIGKILL)
                ended.wait()
                return .timedOut
            }
            // Short waits: the end of the output is not a sure sign of the worker's end
            // (a process started meanwhile may hold the pipe), its exit is.
            var descriptor = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: min((deadline.uptimeNanoseconds - now) / 1_000_000 + 1, 100))
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0, errno != EINTR { return died() }
            if ready <= 0 {
                // Exited: what it wrote before is read once more, then it is gone.
                if !process.isRunning { gone = !readAvailable(into: buffer) }
                continue
            }
            let count = read(replies, buffer.baseAddress, buffer.count)
            if count < 0, errno == EINTR { continue }
            // The end of the output: the worker is gone.
            guard count > 0 else { return died() }
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// Reads what is there without waiting; false when nothing was.
    private func readAvailable(into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        var any = false
        while true {
            var descriptor = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 0) > 0 else { return any }
            let count = read(replies, buffer.baseAddress, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return any }
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            any = true
        }
    }

    /// Why the worker ended, with what it printed since the request began.
    private func died() -> WorkerPool.Outcome {
        ended.wait()
        // The pipe closes when the worker exits; the bound only guards against a
        // descendant that inherited it and lives on.
        errors.waitForEnd(seconds: 5)
        let detail = errors.text
        switch process.terminationReason {
        case .uncaughtSignal:
            return .died("\(ProcessIsolation.crashedPhrase) \(process.terminationStatus) in the child process\(detail.isEmpty ? "" : ": \(detail)")")
        default:
            if process.terminationStatus == 0 { return .died("the child process ended without its result") }
            return .died(detail.isEmpty ? "failed with exit status \(process.terminationStatus)" : detail)
        }
    }

    /// Ends a worker that may be busy or broken.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        finish()
    }

    /// Closes the worker's input: an idle worker then exits.
    func finish() {
        try? requests.close()
    }
}

/// A worker's standard error, appended by its reader thread.
/// `@unchecked Sendable`: the lock guards every field.
private final class ErrorLog: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var closed = false

    func reset() { lock.withLock { data = Data() } }

    func append(_ bytes: UnsafeRawBufferPointer) { lock.withLock { data.append(contentsOf: bytes) } }

    func close() { lock.withLock { closed = true } }

    func waitForEnd(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while !lock.withLock({ closed }), Date() < deadline { usleep(1000) }
    }

    var text: String {
        lock.withLock { String(decoding: data, as: UTF8.self) }.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
