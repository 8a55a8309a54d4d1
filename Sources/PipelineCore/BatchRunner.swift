import Dispatch
import Foundation

/// Runs `work` over the items on at most `jobs` threads at once. Workers pull
/// the next index from a shared counter, so a slow document never holds up
/// the others, and memory stays bounded by `jobs` documents in flight.
public enum BatchRunner {
    /// `cost` orders the work, largest first: the last items to finish are
    /// then small ones, so workers run out of work at nearly the same time
    /// instead of one finishing a big document alone. Results keep the
    /// items' order. `whileOthersFinish` runs once, on the first worker to
    /// find no item left while another is still at work, to use that idle
    /// core (the batch flushes its files to disk there). Once `shouldStop`
    /// says so, no item is started; the results are then those of the items
    /// that were, still in the items' order.
    public static func run<Item: Sendable, Result: Sendable>(
        _ items: [Item],
        jobs: Int,
        cost: ((Item) -> Int)? = nil,
        whileOthersFinish: (@Sendable () -> Void)? = nil,
        shouldStop: (@Sendable () -> Bool)? = nil,
        work: @escaping @Sendable (Item) -> Result,
        onResult: @escaping @Sendable (Int, Result) -> Void = { _, _ in }
    ) -> [Result] {
        var order = Array(items.indices)
        if let cost {
            let costs = items.map(cost)
            order.sort { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
        }
        let workers = max(1, min(jobs, items.count))
        let state = SharedState<Result>(order: order, workers: workers)
        let reporting = DispatchQueue(label: "diarium.batch.report")
        let group = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                while shouldStop?() != true, let index = state.claimNext() {
                    let result = work(items[index])
                    state.store(result, at: index)
                    reporting.async(group: group) { onResult(index, result) }
                }
                if state.finishWorker() { whileOthersFinish?() }
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
    private let order: [Int]
    private var slots: [Result?]
    private var working: Int
    private var firstOutCalled = false

    init(order: [Int], workers: Int) {
        self.order = order
        working = workers
        slots = Array(repeating: nil, count: order.count)
    }

    /// True for the first worker to run out while another still works.
    func finishWorker() -> Bool {
        lock.withLock {
            working -= 1
            guard working > 0, !firstOutCalled else { return false }
            firstOutCalled = true
            return true
        }
    }

    func claimNext() -> Int? {
        lock.withLock {
            guard next < order.count else { return nil }
            defer { next += 1 }
            return order[next]
        }
    }

    func store(_ result: Result, at index: Int) {
        lock.withLock { slots[index] = result }
    }

    func results() -> [Result] {
        lock.withLock { slots.compactMap { $0 } }
    }
}
