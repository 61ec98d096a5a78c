import ShootdownChecker

/// Frames as bit masks, so that a future footprint adds the frames of many pages in a few
/// word operations. Used when the world has at most 64 frames and 64 pages.
struct FrameMasks: Sendable {
    /// `[page]`: the frames the page may ever map.
    var ofPage: [UInt64] = []
    /// Frames a store may change: neither the zero page nor a frame shared copy-on-write.
    var storable: UInt64 = 0
    /// `[thread]`: the frames the thread's own allocations use.
    var owned: [UInt64] = []
    /// Whether the masks apply (64 frames or fewer).
    var enabled = false
    /// The state words that hold frame states, and in each the low bit of every frame's 2-bit
    /// state field: a frame is in use when either bit of its field is set.
    var stateWords: [(word: Int, lowBits: UInt64)] = []
    /// `[i * 64 + bit]`: the frame whose state field starts at `bit` of `stateWords[i]`.
    var frameAtBit: [UInt8] = []
}

extension World {
    func makeFrameMasks() -> FrameMasks {
        var masks = FrameMasks()
        guard frameCount <= 64, configuration.pages.count <= 64 else { return masks }
        masks.enabled = true
        masks.ofPage = framesOfPage.map { frames in frames.reduce(UInt64(0)) { $0 | 1 << UInt64($1) } }
        for frame in 0..<frameCount where frame != World.zeroFrame && !frameShared[frame] { masks.storable |= 1 << UInt64(frame) }
        masks.owned = ownFrames.map { row in row.joined().reduce(UInt64(0)) { $0 | 1 << UInt64($1) } }
        for (frame, field) in layout.frameState.enumerated() {
            precondition(field.width == 2, "a frame state takes two bits")
            let word = Int(field.word)
            if masks.stateWords.last?.word != word {
                masks.stateWords.append((word, 0))
                masks.frameAtBit.append(contentsOf: repeatElement(0, count: 64))
            }
            let slot = masks.stateWords.count - 1
            masks.stateWords[slot].lowBits |= 1 << UInt64(field.shift)
            masks.frameAtBit[slot * 64 + Int(field.shift)] = UInt8(frame)
        }
        return masks
    }

    /// The frames in use (allocated or freed) in `state`: a frame state is 0 only when unused,
    /// so each word's nonzero 2-bit fields give the used frames at once.
    func usedFrames(in state: WorldState) -> UInt64 {
        var mask: UInt64 = 0
        for (index, entry) in frameMasks.stateWords.enumerated() {
            let word = state.words[entry.word]
            var used = (word | word >> 1) & entry.lowBits
            while used != 0 {
                mask |= 1 << UInt64(frameMasks.frameAtBit[index * 64 + used.trailingZeroBitCount])
                used &= used - 1
            }
        }
        return mask
    }

    /// Adds the frames of the pages in `pages` that `owner` may reach from `state` on (see
    /// ``insertFrames(of:reachableBy:in:reads:writes:writing:)``), writing those of
    /// `writingPages`.
    func insertFrames(ofPages pages: UInt64, writingPages: UInt64, reachableBy owner: Int, in state: WorldState,
                      reads: inout LocationSet, writes: inout LocationSet) {
        guard pages != 0 else { return }
        guard frameMasks.enabled else {
            var rest = pages
            while rest != 0 {
                let page = rest.trailingZeroBitCount
                rest &= rest - 1
                insertFrames(of: page, reachableBy: owner, in: state, reads: &reads, writes: &writes,
                             writing: writingPages & (1 << UInt64(page)) != 0)
            }
            return
        }
        let reachable = usedFrames(in: state) | frameMasks.owned[owner]
        var read: UInt64 = 0
        var written: UInt64 = 0
        var rest = pages
        while rest != 0 {
            let page = rest.trailingZeroBitCount
            rest &= rest - 1
            let frames = frameMasks.ofPage[page] & reachable
            read |= frames
            if writingPages & (1 << UInt64(page)) != 0 { written |= frames }
        }
        reads.insert(bits: read, at: locations.dataBase)
        writes.insert(bits: written & frameMasks.storable, at: locations.dataBase)
    }
}
