public import MARCRecord

/// Reads every record `next` gives until it returns nil or throws, taking the findings after each
/// call: the whole input is exercised, and the findings (with their messages) are built.
@inline(never)
public func drain<R>(_ next: () throws(ReadError) -> R?, findings: () -> [Finding]) {
    var guardCount = 0
    while true {
        do {
            guard try next() != nil else { break }
        } catch {
            _ = error.finding.line
            break
        }
        for f in findings() { _ = f.line }
        guardCount += 1
        // A reader that yields records for ever from a finite input is a hang: make it a crash.
        precondition(guardCount < 50_000_000, "reader does not terminate")
    }
    for f in findings() { _ = f.line }
}

/// The fuzz input as a byte array.
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// libFuzzer's own entry point for a program that has its `main`: SwiftPM links an executable
/// target's `main` itself (`--defsym main=<module>_main`), so libFuzzer's `main` is never pulled
/// from its archive and each target's `main.swift` hands over to the driver instead.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the process's arguments and `callback` as the target; returns its status.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
