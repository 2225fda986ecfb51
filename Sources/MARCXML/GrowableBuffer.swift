/// A growable buffer of plain values (bytes, field entries) the SAX callbacks append to, freed by its
/// owner with `release()`.
///
/// The callbacks append a few bytes at a time, millions of times per file; `Array.append` pays a
/// uniqueness check and copy-on-write bookkeeping on each call (measured at a tenth of the
/// callbacks' time), this pays a bounds check. The record takes an exactly sized copy at its end.
struct GrowableBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// Frees the memory; the buffer must not be used afterwards.
    func release() {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    mutating func append(_ elements: UnsafePointer<Element>, count n: Int) {
        if count + n > capacity { grow(to: count + n) }
        (base + count).initialize(from: elements, count: n)
        count += n
    }

    mutating func append(contentsOf elements: some Collection<Element>) {
        if count + elements.count > capacity { grow(to: count + elements.count) }
        for e in elements {
            (base + count).initialize(to: e)
            count += 1
        }
    }

    mutating func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    subscript(i: Int) -> Element {
        get { base[i] }
        set { base[i] = newValue }
    }

    /// An exactly sized array of the elements.
    func makeArray() -> [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
