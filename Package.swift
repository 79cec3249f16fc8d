// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "dmcc-advisor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dmcc-advisor", targets: ["dmcc-advisor"]),
        .library(name: "DMCCCore", targets: ["DMCCCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // Everything that decides: knowledge model, loader, linter, engine, rendering. No terminal, clock or environment.
        .target(
            name: "DMCCCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Wide-character ncurses, for the wizard's one curses file.
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The wizard's signal handlers, in C: only async-signal-safe calls in a handler.
        .target(name: "CSignalSafe"),
        // The thin command-line shell.
        .executableTarget(
            name: "dmcc-advisor",
            dependencies: [
                "DMCCCore",
                "CNcursesw",
                "CSignalSafe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DMCCCoreTests",
            dependencies: ["DMCCCore"]
        ),
        // The command-line shell's own parts, tested in process (the start-up parser against ArgumentParser).
        .testTarget(
            name: "DMCCAdvisorTests",
            dependencies: [
                "dmcc-advisor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
