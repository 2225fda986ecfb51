/// Building and changing records. New content is appended to storage; old bytes stay until
/// `compact()`, which keeps edits cheap and views taken earlier valid.
extension MARCRecord {
    /// Appends a field with raw content (indicators and delimiters included for a data field).
    public mutating func appendField(_ tag: Tag, content: some Collection<UInt8>) {
        entries.append(store(tag, content))
    }

    public mutating func insertField(_ tag: Tag, content: some Collection<UInt8>, at index: Int) {
        entries.insert(store(tag, content), at: index)
    }

    /// Replaces the content of the field at `index`, keeping its position; `tag` changes it too.
    public mutating func replaceField(at index: Int, tag: Tag? = nil, content: some Collection<UInt8>) {
        entries[index] = store(tag ?? entries[index].tag, content)
    }

    public mutating func removeField(at index: Int) { entries.remove(at: index) }

    public mutating func removeFields(where shouldRemove: (Field) -> Bool) {
        let all = fields
        var kept: [FieldEntry] = []
        kept.reserveCapacity(entries.count)
        for (i, entry) in entries.enumerated() where !shouldRemove(all[i]) { kept.append(entry) }
        entries = kept
    }

    /// Appends a control field (`00X`) with a text value.
    public mutating func appendControlField(_ tag: Tag, _ value: String) {
        appendField(tag, content: Array(value.utf8))
    }

    /// Appends a data field from indicators and (code, value) pairs.
    public mutating func appendDataField(
        _ tag: Tag, indicators: String = "  ", subfields: [(code: Character, value: String)]
    ) {
        appendField(tag, content: MARCRecord.dataFieldContent(indicators: indicators, subfields: subfields))
    }

    /// The raw content of a data field: indicators, then each subfield as delimiter, code, value.
    public static func dataFieldContent(indicators: String, subfields: [(code: Character, value: String)]) -> [UInt8] {
        var bytes = Array(indicators.utf8)
        for (code, value) in subfields {
            bytes.append(ASCII.subfieldDelimiter)
            bytes.append(contentsOf: code.utf8)
            bytes.append(contentsOf: value.utf8)
        }
        return bytes
    }

    // Byte-array forms of the edits above. Callers in other modules (the normalizer's rules, the ISIS
    // mapping) hold `[UInt8]`; the generic forms would copy those through unspecialized collection
    // code, element by element.

    public mutating func appendField(_ tag: Tag, content: [UInt8]) {
        entries.append(storeBytes(tag, content))
    }

    public mutating func insertField(_ tag: Tag, content: [UInt8], at index: Int) {
        entries.insert(storeBytes(tag, content), at: index)
    }

    public mutating func replaceField(at index: Int, tag: Tag? = nil, content: [UInt8]) {
        entries[index] = storeBytes(tag ?? entries[index].tag, content)
    }

    private mutating func storeBytes(_ tag: Tag, _ content: [UInt8]) -> FieldEntry {
        let start = storage.count
        storage.append(contentsOf: content)
        return FieldEntry(tag: tag, start: start, length: content.count)
    }

    /// Drops storage bytes no field refers to any more.
    public mutating func compact() {
        var fresh = Array(storage[0..<Leader.length])
        fresh.reserveCapacity(Leader.length + contentByteCount)
        for i in entries.indices {
            let start = fresh.count
            fresh.append(contentsOf: storage[entries[i].range])
            entries[i].start = Int32(start)
        }
        storage = fresh
    }

    private mutating func store(_ tag: Tag, _ content: some Collection<UInt8>) -> FieldEntry {
        let start = storage.count
        storage.append(contentsOf: content)
        return FieldEntry(tag: tag, start: start, length: storage.count - start)
    }
}
