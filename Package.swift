// swift-tools-version:6.0
// portal-archiver: a crawler and WARC archiver for Chinese news and government portals.
//
// Sources/ reads as the pipeline. Each stage is a module that never imports a later one:
//   C shims → Fetch → Charset → HTML → Extract → WARC → Index → Frontier → Crawl → portal-archiver (CLI)
// SamplePortal is the bundled demo site (GBK pages in the style of a 2009 state portal), used by
// `make demo` and by the end-to-end tests.
import PackageDescription

let package = Package(
  name: "portal-archiver",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "portal-archiver", targets: ["portal-archiver"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
  ],
  targets: [
    // C shims (system libraries).
    .systemLibrary(
      name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(name: "CZlibShim", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "CIDN2", pkgConfig: "libidn2", providers: [.apt(["libidn2-dev"])]),
    .systemLibrary(name: "CPSL", pkgConfig: "libpsl", providers: [.apt(["libpsl-dev"])]),

    // Pipeline stages.
    .target(name: "Fetch", dependencies: ["CCurl", "CZlibShim", .product(name: "Logging", package: "swift-log")]),
    .target(name: "Charset"),
    .target(name: "HTML", dependencies: ["CLibXML2", "CIDN2", "Charset"]),
    .target(name: "Extract", dependencies: ["HTML", "Charset"]),
    .target(
      name: "WARC",
      dependencies: [
        "CZlibShim",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]),
    .target(name: "Index", dependencies: ["WARC", .product(name: "GRDB", package: "GRDB.swift")]),
    .target(
      name: "Frontier", dependencies: ["Index", .product(name: "GRDB", package: "GRDB.swift")]),
    .target(
      name: "SamplePortal",
      dependencies: [
        "Charset", "CZlibShim", .product(name: "FlyingFox", package: "FlyingFox"),
        .product(name: "FlyingSocks", package: "FlyingFox"),
      ]),
    .target(
      name: "Crawl",
      dependencies: [
        "Fetch", "Charset", "HTML", "Extract", "WARC", "Index", "Frontier", "CPSL",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]),
    // The local web app (`serve`), beside the CLI.
    .target(
      name: "WebApp",
      dependencies: [
        "Index", "WARC", "Charset", "HTML", "Fetch", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Hummingbird", package: "hummingbird"),
      ]),
    .executableTarget(
      name: "portal-archiver",
      dependencies: [
        "Crawl", "SamplePortal", "Index", "WebApp",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]),

    // Tests.
    .target(
      name: "TestSupport", dependencies: ["SamplePortal", "Charset"], path: "Tests/TestSupport"),
    .testTarget(name: "CharsetTests", dependencies: ["Charset", "TestSupport"]),
    .testTarget(name: "HTMLTests", dependencies: ["HTML", "TestSupport"]),
    .testTarget(name: "ExtractTests", dependencies: ["Extract", "TestSupport"]),
    .testTarget(name: "WARCTests", dependencies: ["WARC", "TestSupport"]),
    .testTarget(
      name: "FrontierTests",
      dependencies: ["Frontier", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    .testTarget(
      name: "FetchTests",
      dependencies: ["Fetch", "TestSupport", .product(name: "FlyingFox", package: "FlyingFox")]),
    .testTarget(
      name: "CLITests", dependencies: ["TestSupport", "Charset", "WARC", "SamplePortal"]),
    .testTarget(
      name: "IndexTests",
      dependencies: [
        "Index", "Frontier", "WARC", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(
      name: "WebAppTests",
      dependencies: [
        "WebApp", "Index", "WARC", "TestSupport", "SamplePortal",
      ]),
    .testTarget(
      name: "CrawlTests",
      dependencies: [
        "Crawl", "SamplePortal", "TestSupport", .product(name: "FlyingFox", package: "FlyingFox"),
      ]),
  ],
  swiftLanguageModes: [.v6]
)

// Fuzz targets (libFuzzer; `make fuzz`, scripts/fuzz.sh), declared only when
// PORTAL_ARCHIVER_FUZZ=1 is in the environment. Each Fuzz/<name>/ holds one file exporting
// LLVMFuzzerTestOneInput plus a `@main` that starts libFuzzer's driver (Fuzz/support): they
// link only when built with `-Xswiftc -sanitize=fuzzer,address`, which brings libFuzzer in.
// scripts/fuzz.sh sets the variable and builds into its own scratch path (.build-fuzz), so a
// normal `swift build` / `swift test` never sees them.
if Context.environment["PORTAL_ARCHIVER_FUZZ"] == "1" {
  package.targets += [
    .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
    .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"], path: "Fuzz/support"),
  ]
  let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
    ("charset", ["Charset"]),
    ("html", ["HTML"]),
    ("extract", ["Extract", "HTML", "Charset"]),
    ("warc", ["WARC", "CZlibShim"]),
    ("robots", ["Fetch", "HTML"]),
    ("conf", ["Crawl"]),
    ("url", ["HTML"]),
    ("sitemap", ["HTML"]),
    ("pagination", ["Extract"]),
  ]
  for target in fuzzTargets {
    package.targets.append(
      .executableTarget(
        name: "fuzz-\(target.name)", dependencies: ["FuzzSupport"] + target.dependencies,
        path: "Fuzz/\(target.name)"))
  }
}
