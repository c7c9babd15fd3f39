// swift-tools-version: 6.1
// The benchmark suite, a package of its own so that `swift build` and `make test` at the root
// never build package-benchmark. Run with `make bench` from the root.
import PackageDescription

let package = Package(
    name: "VisitPlanBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.29.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ScoringBenchmarks",
            dependencies: [
                .product(name: "VisitPlan", package: "main"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Scoring",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
