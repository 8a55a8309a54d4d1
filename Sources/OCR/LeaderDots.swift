/// Erases the dotted leaders of a table of contents from a page image
/// before recognition.
///
/// Tesseract reads a row of leader dots as letters and, worse, lets them
/// garble the entry beside them: `Stadsledningskontoret ........ 5` comes
/// out as `StadSlodDingSkOnRtOreE szosves ss ee … 6`. Council documents
/// carry such tables (`Innehållsförteckning`), so the dots are found by
/// shape and erased: small round blobs of ink sitting on one line at a
/// steady pitch, five or more in a row. Full stops, the dots of `i`, `ä`,
/// `ö` and scanner specks do not form such rows.
enum LeaderDots {
    private struct Blob {
        var seed: Int
        var x: Double
        var y: Double
    }

    /// Erases the leaders in place; returns how many leaders were found.
    @discardableResult
    static func erase(pixels: inout [UInt8], width: Int, height: Int, dpi: Int) -> Int {
        guard width > 2, height > 2, pixels.count >= width * height else { return 0 }
        let threshold = otsuThreshold(pixels, count: width * height)
        let largest = max(3, Int(0.035 * Double(dpi)))
        let blobs = dotBlobs(pixels, width: width, height: height, threshold: threshold, largest: largest)
        let leaders = rows(of: blobs, pitch: 0.12 * Double(dpi), drift: max(2, 0.01 * Double(dpi)))
        for leader in leaders {
            for blob in leader { whiten(from: blob.seed, in: &pixels, width: width, height: height, threshold: threshold) }
        }
        return leaders.count
    }

    /// The grey level that best splits ink from paper (Otsu's method).
    static func otsuThreshold(_ pixels: [UInt8], count: Int) -> UInt8 {
        var histogram = [Int](repeating: 0, count: 256)
        for index in 0..<count { histogram[Int(pixels[index])] += 1 }
        let total = Double(count)
        let sum = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset * $1.element) }
        var below = 0.0, belowSum = 0.0, best = 0.0, threshold = 128
        for level in 0..<256 {
            below += Double(histogram[level])
            guard below > 0, below < total else { continue }
            belowSum += Double(level * histogram[level])
            let meanBelow = belowSum / below, meanAbove = (sum - belowSum) / (total - below)
            let between = below * (total - below) * (meanBelow - meanAbove) * (meanBelow - meanAbove)
            if between > best {
                best = between
                threshold = level + 1
            }
        }
        return UInt8(min(threshold, 255))
    }

    /// Connected blobs of ink (8-neighbourhood) small and solid enough to be a printed dot.
    private static func dotBlobs(_ pixels: [UInt8], width: Int, height: Int, threshold: UInt8, largest: Int) -> [Blob] {
        var seen = [Bool](repeating: false, count: width * height)
        var stack: [Int] = []
        var blobs: [Blob] = []
        for start in 0..<(width * height) where !seen[start] && pixels[start] < threshold {
            seen[start] = true
            stack.append(start)
            var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min, count = 0
            while let index = stack.popLast() {
                let x = index % width, y = index / width
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                count += 1
                forEachNeighbour(of: index, width: width, height: height) { next in
                    if !seen[next] && pixels[next] < threshold {
                        seen[next] = true
                        stack.append(next)
                    }
                }
            }
            let w = maxX - minX + 1, h = maxY - minY + 1
            guard w >= 2, h >= 2, w <= largest, h <= largest, max(w, h) <= 2 * min(w, h),
                  Double(count) >= 0.4 * Double(w * h) else { continue }
            blobs.append(Blob(seed: start, x: Double(minX + maxX) / 2, y: Double(minY + maxY) / 2))
        }
        return blobs
    }

    /// Rows of five or more blobs, each within `pitch` of the one before
    /// and at most `drift` above or below it, spaced evenly (a faded dot
    /// may leave one double gap).
    private static func rows(of blobs: [Blob], pitch: Double, drift: Double) -> [[Blob]] {
        let sorted = blobs.sorted { $0.x < $1.x }
        var used = [Bool](repeating: false, count: sorted.count)
        var rows: [[Blob]] = []
        for first in sorted.indices where !used[first] {
            var chain = [first]
            var last = first
            var next = first + 1
            while next < sorted.count, sorted[next].x - sorted[last].x <= pitch {
                if !used[next], sorted[next].x > sorted[last].x, abs(sorted[next].y - sorted[last].y) <= drift {
                    chain.append(next)
                    last = next
                }
                next += 1
            }
            guard chain.count >= 5, isEven(chain.map { sorted[$0].x }) else { continue }
            for index in chain { used[index] = true }
            rows.append(chain.map { sorted[$0] })
        }
        return rows
    }

    private static func isEven(_ xs: [Double]) -> Bool {
        let gaps = zip(xs.dropFirst(), xs).map { $0 - $1 }.sorted()
        let median = gaps[gaps.count / 2]
        guard median > 0 else { return false }
        let steady = gaps.filter { gap in
            let multiple = (gap / median).rounded()
            return (1...2).contains(multiple) && abs(gap - multiple * median) <= 0.35 * median
        }
        return Double(steady.count) >= 0.8 * Double(gaps.count)
    }

    /// Paints a blob white, with the grey fringe around it, so the engine's
    /// own binarisation does not find a ghost of it.
    private static func whiten(from seed: Int, in pixels: inout [UInt8], width: Int, height: Int, threshold: UInt8) {
        var stack = [seed]
        var inBlob: Set<Int> = [seed]
        while let index = stack.popLast() {
            forEachNeighbour(of: index, width: width, height: height) { next in
                if pixels[next] < threshold, inBlob.insert(next).inserted { stack.append(next) }
            }
        }
        for index in inBlob {
            pixels[index] = 255
            // The fringe is the paler pixels around the blob; a neighbouring letter's ink stays.
            forEachNeighbour(of: index, width: width, height: height) { next in
                if pixels[next] >= threshold { pixels[next] = 255 }
            }
        }
    }

    /// The pixels touching `index`, diagonals included, inside the image.
    @inline(__always)
    private static func forEachNeighbour(of index: Int, width: Int, height: Int, _ body: (Int) -> Void) {
        let x = index % width, y = index / width
        for ny in max(0, y - 1)...min(height - 1, y + 1) {
            for nx in max(0, x - 1)...min(width - 1, x + 1) where nx != x || ny != y {
                body(ny * width + nx)
            }
        }
    }
}
