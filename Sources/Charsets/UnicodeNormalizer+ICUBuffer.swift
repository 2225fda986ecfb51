internal import CICUShim

extension UnicodeNormalizer {
    /// Runs a shim call that fills a caller buffer, appending its result to `output`: first into
    /// `estimate` bytes, then, if the shim reports more, once more at the exact size. Estimates are
    /// chosen so that the second call is rare (it repeats ICU's work).
    static func appendFromShim(
        to output: inout [UInt8], estimate: Int,
        _ call: (_ dest: UnsafeMutablePointer<UInt8>, _ capacity: Int, _ needed: inout Int) -> Int32
    ) -> Int32 {
        var capacity = max(estimate, 16)
        while true {
            var status = KICU_OK
            var needed = 0
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                status = call(buffer.baseAddress!, capacity, &needed)
                initialized = status == KICU_OK ? needed : 0
            }
            if status == KICU_OK {
                appendChunk(chunk, to: &output)
                return status
            }
            guard status == KICU_BUFFER_TOO_SMALL, needed > capacity else { return status }
            capacity = needed
        }
    }

    /// Appends a freshly built buffer. Filling a separate uninitialized array and copying it in
    /// costs one memcpy; growing `output` with zeros first costs a loop that is slow in debug
    /// builds (seconds for megabytes) and no faster in release.
    static func appendChunk(_ chunk: [UInt8], to output: inout [UInt8]) {
        if output.isEmpty {
            output = chunk
        } else {
            output.append(contentsOf: chunk)
        }
    }

    static func statusName(_ status: Int32) -> String {
        String(cString: kicu_status_name(status))
    }
}
