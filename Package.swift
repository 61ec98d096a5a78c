// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Shootdown",
    products: [
        .executable(name: "shootdown", targets: ["shootdown"]),
        .library(name: "ShootdownChecker", targets: ["ShootdownChecker"]),
        .library(name: "ShootdownModel", targets: ["ShootdownModel"]),
        .library(name: "ShootdownLitmus", targets: ["ShootdownLitmus"]),
        .library(name: "ShootdownReport", targets: ["ShootdownReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Benchmarks only (`swift package benchmark`). `MallocInterposer` alone: malloc counts come
        // from the package's own interposer (no jemalloc or other system library), and leaving out
        // the default `RuntimeInterposer` trait keeps swift-runtime-interposer out of resolution.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Generic explicit-state checker: knows nothing about kernels.
        .target(name: "ShootdownChecker", swiftSettings: optimizedInDebug),
        // The kernel, the notifier core, the IOMMUs and devices, as a transition system.
        .target(name: "ShootdownModel", dependencies: ["ShootdownChecker"], swiftSettings: optimizedInDebug),
        // The scenario language: parse `.litmus` files and lower them to a model configuration.
        .target(name: "ShootdownLitmus", dependencies: ["ShootdownModel"]),
        // What users read: summaries, timelines, costs.
        .target(
            name: "ShootdownReport", dependencies: ["ShootdownChecker", "ShootdownModel", "ShootdownLitmus"],
            swiftSettings: optimizedInDebug
        ),
        // The C allocator's settings the command-line tool makes (glibc's mmap threshold).
        .target(name: "CAllocatorTuning"),
        .executableTarget(
            name: "shootdown",
            dependencies: [
                "ShootdownChecker", "ShootdownModel", "ShootdownLitmus", "ShootdownReport", "CAllocatorTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ShootdownCheckerTests", dependencies: ["ShootdownChecker"]),
        .testTarget(name: "ShootdownModelTests", dependencies: ["ShootdownModel", "ShootdownChecker"]),
        .testTarget(name: "ShootdownLitmusTests", dependencies: ["ShootdownLitmus"]),
        .testTarget(
            name: "ScenarioTests",
            dependencies: ["ShootdownLitmus", "ShootdownModel", "ShootdownChecker", "ShootdownReport"]
        ),
        // Hot-path benchmarks: `swift package benchmark` (see Benchmarks/ShootdownBenchmarks/README.md).
        .executableTarget(
            name: "ShootdownBenchmarks",
            dependencies: [
                "ShootdownChecker", "ShootdownModel", "ShootdownLitmus", "ShootdownReport",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ShootdownBenchmarks",
            exclude: ["README.md"],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)

/// The checker, the model and the report (where the checker's generic search is specialized for
/// the model) are compiled with optimization even in debug builds: `swift test` explores hundreds
/// of thousands of states, which unoptimized code makes ten times slower.
var optimizedInDebug: [SwiftSetting] { [.unsafeFlags(["-O"], .when(configuration: .debug))] }
