// swift-tools-version:6.1
// MoGenLab: a scriptable experiment runner for text-to-motion research (see README.md).
import PackageDescription

// Numeric modules are always compiled with optimisation, also in debug builds, so that
// `swift test` (a debug build) runs the numeric tests in seconds rather than minutes.
// No `-target-cpu`: the binary must run on any x86-64 a user has.
let optimised: [SwiftSetting] = [.unsafeFlags(["-O", "-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "MoGenLab",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "runner", targets: ["runner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // System libraries (Debian: libopenblas-dev, libreadline-dev). No pkgConfig: readline's
        // flags are rejected by SwiftPM, and OpenBLAS needs only -lopenblas.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        // LAPACK's symmetric eigensolver (dsyevd), which Debian's libopenblas carries.
        .systemLibrary(name: "CLAPACK", path: "Sources/CLAPACK"),

        .target(name: "Plot", path: "Sources/Plot", exclude: ["README.md"]),
        // Hot element-wise kernels of Autograd, -O3 so clang vectorises them in every build.
        .target(name: "AutogradKernels", path: "Sources/AutogradKernels",
                cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])]),
        .target(name: "Autograd",
                dependencies: ["CBLAS", "AutogradKernels",
                               .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                exclude: ["README.md", "IO/README.md"],
                swiftSettings: optimised),
        .target(name: "Motion", dependencies: ["Autograd", "Plot"], exclude: ["README.md"], swiftSettings: optimised),
        .target(name: "TextEncoding", dependencies: ["Autograd"], exclude: ["README.md"], swiftSettings: optimised),
        .target(name: "MotionWorld", dependencies: ["Motion", "TextEncoding", "Autograd"],
                exclude: ["README.md"], resources: [.copy("Resources/lexicon.json")], swiftSettings: optimised),
        .target(name: "ViMoGen", dependencies: ["Autograd", "Motion", "TextEncoding", "MotionWorld"], exclude: ["README.md"],
                swiftSettings: optimised),
        .target(name: "MBench", dependencies: ["Autograd", "Motion", "TextEncoding", "MotionWorld", "CLAPACK"],
                exclude: ["README.md"], swiftSettings: optimised),
        .target(name: "Lab",
                dependencies: ["Autograd", "Motion", "TextEncoding", "MotionWorld", "ViMoGen", "MBench", "Plot", "CBLAS",
                               .product(name: "GRDB", package: "GRDB.swift"),
                               .product(name: "TOMLKit", package: "TOMLKit")],
                exclude: ["README.md", "Steps/README.md", "Tables/README.md"]),
        .target(name: "Rx", dependencies: ["Lab", "Autograd", "Plot", "CReadline"], exclude: ["README.md"]),
        .executableTarget(name: "runner",
                          dependencies: ["Rx", "Lab", "Motion", "MotionWorld", "Plot", "CBLAS", "ViMoGen", "MBench",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        .testTarget(name: "AutogradTests", dependencies: ["Autograd"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MotionTests", dependencies: ["Motion"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TextEncodingTests", dependencies: ["TextEncoding"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MotionWorldTests", dependencies: ["MotionWorld"]),
        .testTarget(name: "ViMoGenTests", dependencies: ["ViMoGen"]),
        .testTarget(name: "MBenchTests", dependencies: ["MBench"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LabTests", dependencies: ["Lab", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "RxTests", dependencies: ["Rx", "Lab", "Autograd"]),
        .testTarget(name: "RunnerTests", dependencies: ["runner", "Lab"]),
    ],
    swiftLanguageModes: [.v5]
)
