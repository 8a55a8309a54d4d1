import Dispatch
import Foundation

/// Runs `work` over the items on at most `jobs` threads at once. Workers pull
/// the next index from a shared counter, so a slow document never holds up
/// the others, and memory stays bounded by `jobs` documents in flight.
public enum BatchRunner {
    public static func run<Item: Sendable, Result: Sendable>(
        _ items: [Item],
        jobs: Int,
        work: @escaping @Sendable (Item) -> Result,
        onResult: @escaping @Sendable (Int, Result) -> Void = { _, _ in }
    ) -> [Result] {
        let state = SharedState<Result>(count: items.count)
        let reporting = DispatchQueue(label: "diarium.batch.report")
        let group = DispatchGroup()
        let workers = max(1, min(jobs, items.count))
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                while let index = state.claimNext() {
                    let result = work(items[index])
                    state.store(result, at: index)
                    reporting.async(group: group) { onResult(index, result) }
                }
            }
        }
        group.wait()
        return state.results()
    }
}

/// The counter and result slots shared by the workers. `@unchecked Sendable`
/// is sound because every access goes through `lock`.
private final class SharedState<Result>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private var slots: [Result?]

    init(count: Int) {
        self.count = count
        slots = Array(repeating: nil, count: count)
    }

    func claimNext() -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func store(_ result: Result, at index: Int) {
        lock.withLock { slots[index] = result }
    }

    func results() -> [Result] {
        lock.withLock { slots.map { $0! } }
    }
}
