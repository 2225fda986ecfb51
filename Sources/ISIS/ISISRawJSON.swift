/// The raw ISIS structure as one JSON object per line (`katalog convert --to json --isis-raw`):
///
///     {"mfn":1,"status":"active","fields":[{"tag":26,"value":"^aParis^bUnesco",
///      "subfields":[{"code":"_","value":""},{"code":"a","value":"Paris"},{"code":"b","value":"Unesco"}]}]}
///
/// Fields keep the directory's order (a repeated tag is the next occurrence). `value` is the whole
/// field decoded to UTF-8 (NFC); `subfields` splits it at `^x`, the text before the first `^`
/// coming first with code `_` (as isis2json does), even when empty. Codes keep their case.
public enum ISISRawJSON {
    public static func line(_ record: ISISRecord, decoder: ISISTextDecoder) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out += Array("{\"mfn\":\(record.mfn),\"status\":\"".utf8)
        out += Array((record.status == .active ? "active" : "deleted").utf8)
        out += Array("\",\"fields\":[".utf8)
        var first = true
        for field in record.fields {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            // Undecodable bytes become U+FFFD here; the MARC path reports them as findings.
            var problems: [ISISTextDecoder.Problem] = []
            let text = decoder.decode(field.bytes, problems: &problems)
            out += Array("{\"tag\":\(field.tag),\"value\":".utf8)
            appendString(text, to: &out)
            out += Array(",\"subfields\":[{\"code\":\"_\",\"value\":".utf8)
            let parts = ISISSubfields(text)
            appendString(parts.leading, to: &out)
            out.append(UInt8(ascii: "}"))
            for s in parts.subfields {
                out += Array(",{\"code\":".utf8)
                appendString([s.code], to: &out)
                out += Array(",\"value\":".utf8)
                appendString(s.value, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out += Array("]}".utf8)
        }
        out += Array("]}\n".utf8)
        return out
    }

    /// A JSON string from UTF-8 bytes: quotes, backslashes and controls escaped.
    static func appendString(_ bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in bytes {
            switch b {
            case UInt8(ascii: "\""): out += [0x5C, 0x22]
            case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
