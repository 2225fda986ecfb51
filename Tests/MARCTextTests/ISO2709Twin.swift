import MARCRecord

/// A deliberately small ISO 2709 reader for the corpus twins (the `.marc`/`.mrc` file a JSON or `.mrk` file
/// was made from or into): the MARCText tests do not depend on the ISO2709 module. It trusts the directory
/// and handles nothing broken; the twins it is used on are clean.
enum ISO2709Twin {
    static func records(_ bytes: [UInt8]) -> [MARCRecord] {
        var out: [MARCRecord] = []
        var start = 0
        while start + 24 < bytes.count {
            guard let end = bytes[start...].firstIndex(of: 0x1D) else { break }
            let frame = Array(bytes[start..<end])
            start = end + 1
            guard frame.count > 24, let base = Int(String(decoding: frame[12..<17], as: UTF8.self)) else { continue }
            var record = MARCRecord(leader: Leader(bytes: Array(frame[0..<24]))!)
            var d = 24
            while d + 12 <= frame.count && frame[d] != 0x1E {
                let tag = Tag(frame[d], frame[d + 1], frame[d + 2])
                let length = Int(String(decoding: frame[(d + 3)..<(d + 7)], as: UTF8.self)) ?? 0
                let offset = Int(String(decoding: frame[(d + 7)..<(d + 12)], as: UTF8.self)) ?? 0
                let from = min(base + offset, frame.count)
                var to = min(from + length, frame.count)
                if to > from && frame[to - 1] == 0x1E { to -= 1 }
                record.appendField(tag, content: frame[from..<to])
                d += 12
            }
            out.append(record)
        }
        return out
    }
}
