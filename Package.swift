// swift-tools-version: 6.1
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Katalog",
    products: [
        .library(name: "MARCRecord", targets: ["MARCRecord"]),
        .library(name: "ISO2709", targets: ["ISO2709"]),
        .library(name: "KatalogIO", targets: ["KatalogIO"]),
        .library(name: "MARCXML", targets: ["MARCXML"]),
        .library(name: "MARCText", targets: ["MARCText"]),
        .library(name: "Charsets", targets: ["Charsets"]),
        .library(name: "ISIS", targets: ["ISIS"]),
        .library(name: "Normalize", targets: ["Normalize"]),
        .library(name: "Validate", targets: ["Validate"]),
        .library(name: "Dedup", targets: ["Dedup"]),
        .library(name: "Catalog", targets: ["Catalog"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
        .library(name: "Harvest", targets: ["Harvest"]),
        .executable(name: "katalog", targets: ["katalog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The harvester's HTTP client (streaming bodies, decompression, redirects, timeouts); SwiftNIO comes
        // with it, and the harvest tests' fault-injecting server is written on that.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        .target(name: "MARCRecord", swiftSettings: upcoming),
        .target(name: "KatalogIO", dependencies: ["MARCRecord"], swiftSettings: upcoming),
        // ICU behind plain C: the system's ICU headers must never meet Foundation's ICU in one Swift module.
        .target(
            name: "CICUShim",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]),
        .target(name: "Charsets", dependencies: ["MARCRecord", "CICUShim"], swiftSettings: upcoming),
        .target(name: "ISO2709", dependencies: ["MARCRecord", "KatalogIO"], swiftSettings: upcoming),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "MARCXML", dependencies: ["MARCRecord", "KatalogIO", "CLibXML2"], swiftSettings: upcoming),
        .target(name: "MARCText", dependencies: ["MARCRecord", "KatalogIO"], swiftSettings: upcoming),
        .target(name: "ISIS", dependencies: ["MARCRecord", "KatalogIO", "Charsets"], swiftSettings: upcoming),
        .target(name: "Normalize", dependencies: ["MARCRecord", "KatalogIO", "Charsets"], swiftSettings: upcoming),
        .target(
            name: "Validate", dependencies: ["MARCRecord", "KatalogIO", "Charsets", "ISO2709", "MARCXML", "MARCText", "CLibXML2"],
            // The rule tables and the schema are data compiled into the binary (no runtime bundle): the CLI works
            // wherever it is copied, and a MARC update is an edit of a .tsv file.
            resources: [
                .embedInCode("Rules/bib-fields.tsv"), .embedInCode("Rules/bib-008.tsv"), .embedInCode("Rules/bib-007.tsv"),
                .embedInCode("Rules/languages.tsv"), .embedInCode("Rules/countries.tsv"),
                .embedInCode("Rules/articles.tsv"), .embedInCode("Rules/marcxml.xsd"),
            ],
            swiftSettings: upcoming),
        .target(name: "Dedup", dependencies: ["MARCRecord", "KatalogIO", "Normalize"], swiftSettings: upcoming),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // zlib: deflate for `katalog dump --gzip`; inflate and deflate for the raw pages the harvester keeps.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "Catalog",
            dependencies: [
                "MARCRecord", "KatalogIO", "ISO2709", "MARCXML", "MARCText", "Normalize", "Dedup", "Pipeline", "CSQLite",
                "CZlib",
            ],
            swiftSettings: upcoming),
        .target(
            name: "Pipeline",
            dependencies: [
                "MARCRecord", "KatalogIO", "Charsets", "ISO2709", "MARCXML", "MARCText", "ISIS", "Normalize", "Validate",
            ],
            swiftSettings: upcoming),
        .target(
            name: "Harvest",
            dependencies: [
                "MARCRecord", "KatalogIO", "MARCXML", "Normalize", "CZlib",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
            ],
            swiftSettings: upcoming),
        .executableTarget(
            name: "katalog",
            dependencies: [
                "Pipeline", "MARCRecord", "KatalogIO", "Charsets", "Normalize", "Validate", "Dedup", "Catalog", "Harvest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),
        // Benchmark helper for Scripts/bench-isis (writes and reads a synthetic master file); not a product.
        .executableTarget(name: "isis-synth", dependencies: ["ISIS", "MARCRecord"], path: "Sources/isis-synth",
                          swiftSettings: upcoming),
        // Test-data generator for the union catalogue (Scripts/lc-members, MultiMemberLCCLITests, Scripts/bench
        // merge group): members made from LC records with planted duplicates and hard negatives; not a product.
        .executableTarget(
            name: "lc-members", dependencies: ["MARCRecord", "KatalogIO", "ISO2709", "MARCXML", "MARCText", "Charsets"],
            path: "Sources/lc-members", swiftSettings: upcoming),
        // Learns the matcher's content weights from the Goldfinch pairs (Scripts/dedup-tune); not a product.
        .executableTarget(
            name: "dedup-tune", dependencies: ["Dedup", "MARCText", "MARCRecord", "KatalogIO"], path: "Sources/dedup-tune",
            swiftSettings: upcoming),
        // Times profile and merged-record building for Scripts/bench-profile; not a product.
        .executableTarget(
            name: "dedup-bench", dependencies: ["Dedup", "Normalize", "ISO2709", "KatalogIO", "MARCRecord"],
            path: "Sources/dedup-bench", swiftSettings: upcoming),
        .target(name: "_KatalogTestSupport", dependencies: ["MARCRecord", "KatalogIO", "ISO2709"], path: "Tests/_KatalogTestSupport",
                swiftSettings: upcoming),
        .testTarget(name: "MARCRecordTests", dependencies: ["MARCRecord", "_KatalogTestSupport"], swiftSettings: upcoming),
        .testTarget(
            name: "KatalogIOTests", dependencies: ["KatalogIO", "MARCRecord", "_KatalogTestSupport"],
            swiftSettings: upcoming),
        .testTarget(
            name: "MARCXMLTests", dependencies: ["MARCXML", "MARCRecord", "KatalogIO", "ISO2709", "_KatalogTestSupport"],
            swiftSettings: upcoming),
        .testTarget(
            name: "CharsetsTests", dependencies: ["Charsets", "MARCRecord", "_KatalogTestSupport"],
            swiftSettings: upcoming),
        .testTarget(
            name: "ISISTests", dependencies: ["ISIS", "MARCRecord", "KatalogIO", "_KatalogTestSupport"],
            swiftSettings: upcoming),
        .testTarget(
            name: "MARCTextTests", dependencies: ["MARCText", "MARCRecord", "KatalogIO", "_KatalogTestSupport"],
            swiftSettings: upcoming),
        .testTarget(
            name: "InteropTests",
            dependencies: [
                "MARCText", "MARCXML", "ISO2709", "Charsets", "MARCRecord", "KatalogIO", "_KatalogTestSupport",
            ],
            swiftSettings: upcoming),
        .testTarget(
            name: "ISO2709Tests", dependencies: ["ISO2709", "MARCRecord", "KatalogIO", "_KatalogTestSupport"],
            swiftSettings: upcoming),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "ISO2709", "MARCRecord", "KatalogIO", "Charsets", "Normalize", "_KatalogTestSupport"],
            swiftSettings: upcoming),
        .testTarget(
            name: "NormalizeTests",
            dependencies: ["Normalize", "MARCRecord", "KatalogIO", "Charsets", "ISO2709", "MARCXML", "_KatalogTestSupport"],
            swiftSettings: upcoming),
        .testTarget(
            name: "ValidateTests",
            dependencies: ["Validate", "MARCRecord", "KatalogIO", "ISO2709", "MARCXML", "_KatalogTestSupport"],
            swiftSettings: upcoming),
        .testTarget(
            name: "DedupTests",
            dependencies: ["Dedup", "Normalize", "MARCRecord", "KatalogIO", "MARCText", "ISO2709", "_KatalogTestSupport"],
            swiftSettings: upcoming),
        .testTarget(
            name: "CatalogTests",
            dependencies: [
                "Catalog", "Dedup", "Normalize", "Pipeline", "MARCRecord", "KatalogIO", "ISO2709", "MARCXML", "MARCText",
                "_KatalogTestSupport",
            ],
            swiftSettings: upcoming),
        .testTarget(
            name: "HarvestTests",
            dependencies: [
                "Harvest", "MARCRecord", "KatalogIO", "MARCXML", "_KatalogTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: upcoming),
        .testTarget(
            name: "KatalogCLITests", dependencies: ["katalog", "lc-members", "Catalog", "_KatalogTestSupport"], swiftSettings: upcoming),
    ],
    swiftLanguageModes: [.v6]
)
