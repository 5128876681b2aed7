import CLibFuzzer

#if canImport(Glibc)
  import Glibc
#endif

/// Starts libFuzzer from a fuzz target's `main`.
///
/// SwiftPM compiles an executable's entry point as `<module>_main` and links it with
/// `--defsym main=<module>_main` (so that tests can link executables). A target that only
/// exports `LLVMFuzzerTestOneInput` therefore does not link, and the `main` in libFuzzer's
/// archive is overridden anyway. Each target has a `@main` type whose `main()` calls `run`,
/// which hands the command line to `LLVMFuzzerRunDriver`: what libFuzzer's own `main` does.
public enum FuzzDriver {
  /// The input function's C type, as `LLVMFuzzerRunDriver` takes it.
  public typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

  /// Runs libFuzzer with the process's arguments and exits with its status.
  public static func run(_ callback: Callback) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv, callback)
    exit(status)
  }

  /// A valid pointer for an empty input (libFuzzer may pass nil with size 0); never written.
  nonisolated(unsafe) public static let empty: UnsafePointer<UInt8> = {
    let byte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    byte.initialize(to: 0)
    return UnsafePointer(byte)
  }()
}
