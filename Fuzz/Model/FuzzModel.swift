import FuzzSupport

/// libFuzzer's entry point: the input as model.yaml of demo-small. Covers libyaml (through
/// Yams), the model's validation with its located messages, the cross-checks against the CSV
/// files, and scoring of every model that validates.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let scratch = ScratchDataset.shared
    scratch.write("model.yaml", UnsafeRawBufferPointer(start: data, count: size))
    scratch.loadAndCheck("the input as model.yaml")
    return 0
}
