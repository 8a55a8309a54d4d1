// swift-tools-version:6.0
import PackageDescription

// Each C library is a system-library target found through pkg-config; the
// Debian packages named in `providers` are installed by scripts/setup.sh.
let package = Package(
    name: "Diarium",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "diarium", targets: ["diarium"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C libraries
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib",
                       providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CHunspell", pkgConfig: "hunspell",
                       providers: [.apt(["libhunspell-dev"])]),
        // Headers only: the library is opened at run time (see its shim.h).
        .systemLibrary(name: "CTesseract", providers: [.apt(["libtesseract-dev"])]),

        // Thin Swift owners of the C handles: the only importers of their C module.
        .target(name: "PDFText", dependencies: ["CPoppler"]),
        .target(name: "Spelling", dependencies: ["CHunspell"]),
        .target(name: "OCRText", dependencies: ["CTesseract"]),
        .target(name: "XMLSupport", dependencies: ["CLibXML2"]),

        // Where a built or installed binary finds its data files, pipelines and schemas.
        .target(name: "Installation"),

        // The data model every stage reads and writes.
        .target(name: "DocumentModel"),

        // Stage protocol, pipeline definitions, artifact cache, Dispatch runner.
        .target(name: "PipelineCore", dependencies: [
            "DocumentModel", "Installation",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),

        // One module per stage.
        .target(name: "Extract", dependencies: ["DocumentModel", "PipelineCore", "PDFText"]),
        .target(name: "Repair", dependencies: ["DocumentModel", "PipelineCore", "Spelling", "Installation"],
                resources: [.copy("Resources")]),
        .target(name: "OCR", dependencies: ["DocumentModel", "PipelineCore", "OCRText", "PDFText", "Extract"]),
        .target(name: "Segment", dependencies: ["DocumentModel", "PipelineCore"]),
        .target(name: "Emit", dependencies: ["DocumentModel", "PipelineCore", "XMLSupport", "Installation"]),

        // JSON Schema (draft 2020-12) validation, written here: no Swift library exists.
        .target(name: "JSONSchema"),

        // Checks outputs against the published schemas (bundled copies of Schemas/).
        .target(name: "Validate", dependencies: ["XMLSupport", "JSONSchema", "Installation", "PipelineCore"],
                resources: [.copy("Resources")]),

        // The converted outputs of a folder as one queryable corpus: SQLite (FTS5), CSV, JSON Lines; search.
        .target(name: "Export", dependencies: ["Emit", "PipelineCore",
                                              .product(name: "GRDB", package: "GRDB.swift")]),

        // The review pages over an output folder, and the small server that saves their decisions.
        .target(name: "Review", dependencies: ["DocumentModel", "PipelineCore", "Emit", "PDFText",
                                              .product(name: "FlyingFox", package: "FlyingFox")]),

        // Scoring against ground truth: word alignment, error rates.
        .target(name: "Evaluation", dependencies: ["DocumentModel", "PipelineCore",
                                                  .product(name: "Logging", package: "swift-log")]),

        // Command line.
        .target(name: "DiariumCommands", dependencies: [
            "DocumentModel", "PipelineCore", "Extract", "OCR", "Repair", "Segment", "Emit", "Validate", "Evaluation", "Installation", "Export", "Review",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "diarium", dependencies: ["DiariumCommands"]),

        .testTarget(name: "ExtractTests", dependencies: ["Extract", "PDFText", "DocumentModel", "PipelineCore", "Evaluation"]),
        .testTarget(name: "RepairTests", dependencies: ["Repair", "Spelling", "DocumentModel", "PipelineCore", "Evaluation"]),
        .testTarget(name: "SegmentTests", dependencies: ["Segment", "Extract", "DocumentModel", "PipelineCore", "Evaluation",
                                                       .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "OCRTests", dependencies: ["OCR", "OCRText", "PDFText", "Extract", "DocumentModel", "PipelineCore", "Evaluation"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "DocumentModel"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EmitTests", dependencies: ["Emit", "XMLSupport", "DocumentModel", "PipelineCore", "DiariumCommands", "Installation",
                                                    .product(name: "ArgumentParser", package: "swift-argument-parser"),
                                                    .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "ValidateTests", dependencies: ["Validate", "XMLSupport", "DiariumCommands",
                                                        .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "PipelineCoreTests", dependencies: ["PipelineCore", "DocumentModel"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Emit", "PipelineCore",
                                                      .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReviewTests", dependencies: ["Review", "DiariumCommands", "PipelineCore", "DocumentModel", "Emit",
                                                      .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "EndToEndTests", dependencies: ["DiariumCommands", "PipelineCore", "DocumentModel", "Evaluation", "JSONSchema"]),
    ],
    swiftLanguageModes: [.v6]
)
