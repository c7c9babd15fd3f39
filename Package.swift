// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "VisitPlan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "visitplan", targets: ["visitplan"]),
        .library(name: "VisitPlan", targets: ["LinearAlgebra", "TextOutput", "Dataset", "Synthesis", "Scoring", "Planning",
                                             "Sensitivity", "Confidentiality", "Formats", "Report", "EngagementLedger",
                                             "StatisticalAudit"]),
        // CSV.swift's writer, what the tests and the Loading benchmarks compare the CSV against.
        .library(name: "CSVReference", targets: ["CSVReference"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // SHA-256 of a dataset's files (Foundation on Linux has no CryptoKit).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The ledger (SPEC §9): an append-only SQLite file in the dataset folder.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // `make docs`: the DocC catalog Sources/Scoring/Scoring.docc (a plugin; nothing links it).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: C at the edge
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CCbc",
            pkgConfig: "cbc",
            providers: [.apt(["coinor-libcbc-dev"])]
        ),
        .systemLibrary(
            name: "CClp",
            pkgConfig: "clp",
            providers: [.apt(["coinor-libclp-dev"])]
        ),
        // The AVX2 ranking kernel of the sensitivity engine (see Guides/Sensitivity.md).
        .target(name: "CRanking"),

        // MARK: Numeric core
        .target(name: "LinearAlgebra", dependencies: ["CBLAS"]),

        // MARK: Text at the byte level: the output buffer, the JSON writer, CSV fields, numbers
        .target(name: "TextOutput"),
        // CSV.swift's writer, the reference of the tests and benchmarks (no command links it).
        .target(name: "CSVReference", dependencies: ["TextOutput", .product(name: "CSV", package: "CSV.swift")]),

        // MARK: Data and scoring
        .target(
            name: "Dataset",
            dependencies: [
                "TextOutput", "Yams",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "Scoring", dependencies: ["LinearAlgebra", "Dataset"]),
        // Synthetic datasets of any size (`visitplan synth`), on LinearAlgebra's random streams.
        .target(name: "Synthesis", dependencies: ["LinearAlgebra", "TextOutput", "Dataset"]),
        // The ledger of engagement events and the facts derived from it (SPEC §9).
        .target(name: "EngagementLedger", dependencies: ["Dataset", .product(name: "GRDB", package: "GRDB.swift"),
                                                       .product(name: "GRDBSQLite", package: "GRDB.swift")]),

        // MARK: Decisions
        .target(name: "Planning", dependencies: ["CCbc", "CClp", "TextOutput", "Dataset"]),
        // The planner of each sample is a function its callers supply: Sensitivity does not plan.
        .target(name: "Sensitivity", dependencies: ["CRanking", "LinearAlgebra", "Dataset", "Scoring"]),

        // MARK: The committee's weights (SPEC §11): AHP on LAPACK, member plans, consensus
        .target(name: "Committee", dependencies: ["LinearAlgebra", "Dataset", "Scoring", "Planning", "Sensitivity"]),

        // MARK: Confidentiality (SPEC §8): suppression and its LP audit
        .target(name: "Confidentiality", dependencies: ["CClp", "Dataset", "Scoring", "Planning"]),

        // MARK: The statistical audit of the framework (SPEC §12): α, PCA, correlations
        .target(name: "StatisticalAudit", dependencies: ["LinearAlgebra", "TextOutput", "Dataset", "Scoring"]),

        // MARK: Outputs: every result as JSON, CSV and tables for people, above the domain
        .target(
            name: "Formats",
            dependencies: [
                "TextOutput", "Dataset", "Scoring", "Planning", "Sensitivity", "Committee", "StatisticalAudit",
                "EngagementLedger",
            ]
        ),

        // MARK: Reports
        .target(
            name: "Report",
            dependencies: [
                "TextOutput", "Dataset", "Scoring", "Planning", "Sensitivity", "Confidentiality", "Committee", "EngagementLedger",
                "StatisticalAudit",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),

        // MARK: Command line
        .executableTarget(
            name: "visitplan",
            dependencies: [
                "Dataset", "Scoring", "Planning", "Sensitivity", "LinearAlgebra", "Report", "Confidentiality", "Committee",
                "EngagementLedger", "StatisticalAudit", "Synthesis", "TextOutput", "Formats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        // What the test targets share: builders of small datasets, `expectClose`, temporary
        // folders and dataset copies, and the runner of the built `visitplan` binary.
        .target(
            name: "TestSupport",
            dependencies: ["Dataset", "Scoring", .product(name: "Numerics", package: "swift-numerics")],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "LinearAlgebraTests",
            dependencies: ["LinearAlgebra", .product(name: "Numerics", package: "swift-numerics")]
        ),
        .testTarget(name: "TextOutputTests", dependencies: ["TextOutput", "CSVReference", "LinearAlgebra", "TestSupport"]),
        .testTarget(name: "DatasetTests", dependencies: ["Dataset", "LinearAlgebra", "Synthesis", "TestSupport"]),
        .testTarget(name: "SynthesisTests", dependencies: ["Synthesis", "Dataset", "LinearAlgebra", "TestSupport"],
                    exclude: ["Golden"]),
        .testTarget(
            name: "ScoringTests",
            dependencies: ["Scoring", "Formats", "CSVReference", "TextOutput", "Dataset", "LinearAlgebra", "Synthesis",
                           "TestSupport", .product(name: "Numerics", package: "swift-numerics")]
        ),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "Formats", "Dataset"]),
        .testTarget(
            name: "SensitivityTests",
            dependencies: ["Sensitivity", "Formats", "CSVReference", "TextOutput", "Scoring", "Dataset", "LinearAlgebra",
                           "Synthesis", "TestSupport", .product(name: "Numerics", package: "swift-numerics")]
        ),
        // P(selected): the sensitivity engine with the planner supplied, as the CLI supplies it.
        .testTarget(
            name: "PlanRobustnessTests", dependencies: ["Sensitivity", "Planning", "Report", "Scoring", "Dataset", "TestSupport"]),
        .testTarget(name: "VisitPlanCLITests", dependencies: ["visitplan", "TestSupport"]),
        .testTarget(name: "EngagementLedgerTests", dependencies: ["EngagementLedger", "Formats", "Dataset", "TestSupport",
                                                                .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "CommitteeTests",
            dependencies: ["Committee", "Planning", "Dataset", "LinearAlgebra", .product(name: "Numerics", package: "swift-numerics")]
        ),
        .testTarget(
            name: "HardeningTests",
            dependencies: ["Dataset", "Scoring", "Planning", "Sensitivity", "LinearAlgebra", "visitplan", "TestSupport"],
            exclude: ["Corpus"]
        ),
        .testTarget(
            name: "StatisticalAuditTests",
            dependencies: ["StatisticalAudit", "Formats", "Scoring", "Dataset", "LinearAlgebra", "Confidentiality", "TestSupport",
                           .product(name: "Numerics", package: "swift-numerics")]
        ),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "Formats", "Scoring", "Planning", "Sensitivity", "Dataset", "Confidentiality", "CClp", "Committee",
                           "EngagementLedger", "TestSupport", .product(name: "Numerics", package: "swift-numerics")]
        ),
    ]
)
