// swift-tools-version: 6.1
// The benchmark suite, a package of its own so that `swift build` and `make test` at the root
// never build package-benchmark. Run with `make bench` from the root; `make bench-check` fails on
// a regression against the p90 thresholds kept in Thresholds/; `make compare` runs the
// side-by-side comparison with the Python tools (compare/), which drives `visitplan-bench`
// (compare/Driver: outside Benchmarks/<Suite>/, so package-benchmark does not run it as a suite).
import PackageDescription

/// The root package, a path dependency: SwiftPM names it after its folder, which is `main` here
/// but whatever a clone is called elsewhere.
let root = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "main")

/// One package-benchmark suite per module: `<Module>Benchmarks` in the folder `<Module>/`.
func suite(_ module: String, also: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: "\(module)Benchmarks",
        dependencies: [
            "BenchmarkInputs", "BenchmarkTolerances",
            .product(name: "VisitPlan", package: root),
            .product(name: "Benchmark", package: "package-benchmark"),
        ] + also,
        path: module,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    )
}

let package = Package(
    name: "VisitPlanBenchmarks",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "visitplan-bench", targets: ["visitplan-bench"])
    ],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.29.0", traits: ["MallocInterposer"]),
        // The reader the root used before its CSV scanner, for the Loading suite's comparison.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // MARK: Suites
        suite("Scoring"),
        suite("Signals"),
        suite("Sensitivity"),
        suite("Planning"),
        // Dataset loading: the scanner and CSV.swift's reader side by side, and `Dataset.load`.
        // The CSV writing: `Tabular.csv` against CSV.swift's writer (the root's `CSVReference`).
        suite(
            "Loading",
            also: [.product(name: "CSV", package: "CSV.swift"), .product(name: "CSVReference", package: root)]),
        // The ledger: appending 100,000 events, deriving 193 States' facts from them.
        suite("Ledger"),

        // MARK: Shared inputs
        .target(
            name: "BenchmarkInputs",
            dependencies: [.product(name: "VisitPlan", package: root)],
            path: "Support/Inputs"
        ),
        .target(
            name: "BenchmarkTolerances",
            dependencies: [.product(name: "Benchmark", package: "package-benchmark")],
            path: "Support/Tolerances"
        ),

        // MARK: The comparison driver
        // Times the library's compute on the inputs compare/compare.py generates, loading excluded,
        // and prints JSON; also writes the scaling curves.
        .executableTarget(
            name: "visitplan-bench",
            dependencies: ["BenchmarkInputs", .product(name: "VisitPlan", package: root)],
            path: "compare/Driver"
        ),
    ]
)
