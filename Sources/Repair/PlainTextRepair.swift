import DocumentModel
import Foundation
import Spelling

/// Repairs a plain text (one OCR'd document as text) outside the pipeline,
/// for evaluations and tests: runs of non-blank lines are the blocks, and a
/// line starting with a single space starts a new page, as in the seed
/// texts. Line breaks are kept, so the output lines up with the input.
public enum PlainTextRepair {
    /// `model` other than the shipped one scores a repair with weights
    /// learnt from other data (a held-out evaluation).
    public static func repair(_ text: String, hunspell: Hunspell, options: RepairOptions,
                              model: ConfusionModel = .shared) -> (text: String, result: RepairResult) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [Range<Int>] = []
        var inputs: [RepairInput] = []
        var page = 1
        var start: Int?
        for index in 0...lines.count {
            let blank = index == lines.count || lines[index].allSatisfy(\.isWhitespace)
            if !blank, lines[index].hasPrefix(" "), !lines[index].hasPrefix("  ") { page += index == 0 ? 0 : 1 }
            if blank, let first = start {
                blocks.append(first..<index)
                start = nil
            } else if !blank, start == nil {
                start = index
            }
        }
        page = 1
        for block in blocks {
            var starts: [(offset: Int, page: Int)] = []
            var offset = 0
            for index in block {
                if index > 0, lines[index].hasPrefix(" "), !lines[index].hasPrefix("  ") { page += 1 }
                if starts.last?.page != page { starts.append((offset, page)) }
                offset += lines[index].count + 1
            }
            inputs.append(RepairInput(text: lines[block].joined(separator: "\n"), pageStarts: starts))
        }
        let result = Repairer(hunspell: hunspell, options: options, model: model).repair(inputs)
        for (block, repaired) in zip(blocks, result.texts) {
            let repairedLines = repaired.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if repairedLines.count == block.count {
                lines.replaceSubrange(block, with: repairedLines)
            } else {
                lines.replaceSubrange(block, with: [repaired.replacingOccurrences(of: "\n", with: " ")]
                    + Array(repeating: "", count: block.count - 1))
            }
        }
        return (lines.joined(separator: "\n"), result)
    }
}

extension Document {
    /// The body as printed and as repaired, blocks separated by blank
    /// lines, for scoring a repaired document against its source text.
    public var printedAndRepairedText: (printed: String, repaired: String) {
        (blocks.map(\.printedText).joined(separator: "\n\n"), blocks.map(\.text).joined(separator: "\n\n"))
    }
}
