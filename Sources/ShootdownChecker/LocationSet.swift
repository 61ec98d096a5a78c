/// A fixed-size set of abstract location indices `0..<128`, stored as two 64-bit words.
///
/// Indices outside `0..<128` are folded onto that range (`i % 128` for non-negative `i`; the low
/// seven bits in general) by every operation. A model with more locations therefore stays sound
/// for independence checks: a collision can only make two actions look dependent.
public struct LocationSet: Hashable, Sendable {
    /// Locations 0..<64, bit `i` for location `i`.
    @usableFromInline var low: UInt64
    /// Locations 64..<128, bit `i - 64` for location `i`.
    @usableFromInline var high: UInt64

    /// The number of distinct locations a set can hold.
    public static let capacity = 128

    /// The set holding every location.
    @inlinable
    public static var all: LocationSet { LocationSet(low: .max, high: .max) }

    /// The empty set.
    @inlinable
    public init() {
        low = 0
        high = 0
    }

    /// A set holding the (folded) locations in `indices`.
    @inlinable
    public init(_ indices: some Sequence<Int>) {
        self.init()
        for index in indices {
            insert(index)
        }
    }

    /// A set with the given words.
    @inlinable
    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// Adds location `i` (folded onto `0..<128`).
    @inlinable
    public mutating func insert(_ i: Int) {
        let folded = i & 127
        if folded < 64 {
            low |= 1 &<< UInt64(folded)
        } else {
            high |= 1 &<< UInt64(folded - 64)
        }
    }

    /// Adds locations `offset + i` for every bit `i` set in `bits` (each folded onto `0..<128`).
    @inlinable
    public mutating func insert(bits: UInt64, at offset: Int) {
        guard bits != 0 else { return }
        guard offset >= 0, offset + (64 - bits.leadingZeroBitCount) <= 128 else {
            var rest = bits
            while rest != 0 {
                insert(offset + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
            return
        }
        if offset < 64 {
            low |= bits &<< UInt64(offset)
            if offset > 0 { high |= bits &>> UInt64(64 - offset) }
        } else {
            high |= bits &<< UInt64(offset - 64)
        }
    }

    /// The locations `offset ..< offset + 64` (each folded onto `0..<128`), as bits: bit `i` is
    /// set when location `offset + i` is in the set.
    @inlinable
    public func bits(at offset: Int) -> UInt64 {
        let start = offset & 127
        switch start {
        case 0: return low
        case 64: return high
        case ..<64: return (low &>> UInt64(start)) | (high &<< UInt64(64 - start))
        default: return (high &>> UInt64(start - 64)) | (low &<< UInt64(128 - start))
        }
    }

    /// Whether location `i` (folded onto `0..<128`) is in the set.
    @inlinable
    public func contains(_ i: Int) -> Bool {
        let folded = i & 127
        if folded < 64 {
            return low & (1 &<< UInt64(folded)) != 0
        }
        return high & (1 &<< UInt64(folded - 64)) != 0
    }

    /// Whether the two sets share at least one location.
    @inlinable
    public func intersects(_ other: LocationSet) -> Bool {
        (low & other.low) | (high & other.high) != 0
    }

    /// The locations in either set.
    @inlinable
    public func union(_ other: LocationSet) -> LocationSet {
        LocationSet(low: low | other.low, high: high | other.high)
    }

    /// Adds every location of `other`.
    @inlinable
    public mutating func formUnion(_ other: LocationSet) {
        low |= other.low
        high |= other.high
    }

    /// Whether the set holds no location.
    @inlinable
    public var isEmpty: Bool {
        low | high == 0
    }

    /// The number of locations in the set.
    @inlinable
    public var count: Int {
        low.nonzeroBitCount + high.nonzeroBitCount
    }
}

extension LocationSet: ExpressibleByArrayLiteral {
    /// A set holding the (folded) locations listed.
    @inlinable
    public init(arrayLiteral elements: Int...) {
        self.init(elements)
    }
}
