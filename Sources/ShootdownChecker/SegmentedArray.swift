/// An append-only array stored in fixed-size segments, so that its allocation never exceeds its
/// length by more than one segment (a plain array may hold up to twice its length in capacity)
/// and appending never copies what is already stored.
@usableFromInline
struct SegmentedArray<Element> {
    /// The full segments.
    @usableFromInline var full: [ContiguousArray<Element>]
    /// The segment being filled.
    @usableFromInline var tail: ContiguousArray<Element>

    /// log2 of the number of elements per segment.
    @inlinable
    static var segmentShift: Int { 16 }

    /// Elements per segment.
    @inlinable
    static var segmentSize: Int { 1 << segmentShift }

    /// An empty array.
    @inlinable
    init() {
        full = []
        tail = []
    }

    /// The number of elements.
    @inlinable
    var count: Int {
        full.count << Self.segmentShift + tail.count
    }

    /// Appends `element`.
    @inlinable
    mutating func append(_ element: Element) {
        if tail.count == Self.segmentSize || tail.capacity == 0 {
            startSegment()
        }
        tail.append(element)
    }

    /// Retires a full tail (if any) and starts an empty one with room for a whole segment.
    @inlinable
    mutating func startSegment() {
        if !tail.isEmpty {
            full.append(tail)
        }
        tail = ContiguousArray()
        tail.reserveCapacity(Self.segmentSize)
    }

    /// The element at `index`.
    @inlinable
    subscript(index: Int) -> Element {
        let segment = index >> Self.segmentShift
        let offset = index & (Self.segmentSize - 1)
        return segment < full.count ? full[segment][offset] : tail[offset]
    }

    /// Approximate bytes allocated.
    @inlinable
    var allocatedBytes: Int {
        (full.reduce(0) { $0 + $1.capacity } + tail.capacity) * MemoryLayout<Element>.stride
            + full.capacity * MemoryLayout<ContiguousArray<Element>>.stride
    }
}
