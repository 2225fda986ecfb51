// swift-tools-version: 6.1
// libFuzzer targets for every Katalog parser. Kept out of the root package so that a plain
// `swift build` / `swift build --build-tests` never meets an executable without a `main`.
// Build and run through `Scripts/fuzz TARGET SECONDS` (see the README, "Hostile input and fuzzing").
import PackageDescription

let readers: [(target: String, products: [String])] = [
    ("fuzz-iso2709", ["ISO2709", "KatalogIO", "MARCRecord"]),
    ("fuzz-marcxml", ["MARCXML", "KatalogIO", "MARCRecord"]),
    ("fuzz-marcjson", ["MARCText", "KatalogIO", "MARCRecord"]),
    ("fuzz-mrk", ["MARCText", "KatalogIO", "MARCRecord"]),
    ("fuzz-isis-master", ["ISIS", "KatalogIO", "MARCRecord"]),
    ("fuzz-isis-iso", ["ISIS", "KatalogIO", "MARCRecord"]),
    ("fuzz-marc8", ["Charsets", "MARCRecord"]),
    ("fuzz-oai", ["MARCXML", "KatalogIO", "MARCRecord"]),
]

let package = Package(
    name: "KatalogFuzz",
    dependencies: [.package(name: "Katalog", path: "..")],
    targets: readers.map { reader in
        .executableTarget(
            name: reader.target,
            dependencies: reader.products.map { .product(name: $0, package: "Katalog") } + ["FuzzSupport"],
            path: "Sources/\(reader.target)")
    } + [
        .target(name: "FuzzSupport", dependencies: [.product(name: "MARCRecord", package: "Katalog")],
                path: "Sources/FuzzSupport")
    ],
    swiftLanguageModes: [.v6]
)
