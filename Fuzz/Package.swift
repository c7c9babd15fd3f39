// swift-tools-version: 6.1
// The libFuzzer targets, a package of their own so that `swift build` and `make test` at the root
// never build with the fuzzer's instrumentation. Run with `make fuzz` from the root, which builds
// with `-sanitize=fuzzer,address` into .build-fuzz/ and runs each target for FUZZ_SECONDS over a
// copy of its seed corpus (Corpus/<target>/); Guides/Reliability.md says what each one checks.
import PackageDescription

/// The root package, a path dependency: SwiftPM names it after its folder, which is `main` here
/// but whatever a clone is called elsewhere.
let root = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "main")

/// One libFuzzer target: `Fuzz<Name>` in the folder `<Name>/`, defining `LLVMFuzzerTestOneInput`.
func fuzzTarget(_ name: String) -> Target {
    .executableTarget(
        name: "Fuzz\(name)",
        dependencies: ["FuzzSupport"],
        path: name
    )
}

let package = Package(
    name: "VisitPlanFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "..")
    ],
    targets: [
        // MARK: Targets
        fuzzTarget("CSV"),
        fuzzTarget("Model"),
        fuzzTarget("Dataset"),

        // MARK: Shared
        // A per-process copy of datasets/demo-small, and the invariant every target checks.
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "VisitPlan", package: root)],
            path: "Support"
        ),
    ]
)
