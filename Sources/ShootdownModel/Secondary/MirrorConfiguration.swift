/// A range subscriber that mirrors the CPU page table into a device's own table and keeps it
/// coherent with `invalidate_range_start/end` (or an interval notifier's `invalidate`), as
/// opposed to the IOMMU's secondary-TLB subscription. Threads named `MIR…` or `VCPU…` access
/// memory through it.
public struct MirrorConfiguration: Sendable, Equatable {
    /// The built-in range subscribers.
    public enum Kind: String, Sendable, CaseIterable {
        /// The kernel's HMM test device, `dmirror` (lib/test_hmm.c): one interval notifier per
        /// device over the whole address space, a mirror table without page references, and
        /// `dmirror_range_fault`'s `read_begin` / `hmm_range_fault` / `read_retry` loop under the
        /// device mutex (KERNEL-FACTS §4.6). Each `MIR…` thread is one device.
        case hmm
        /// KVM (virt/kvm/kvm_main.c): `invalidate_range_start/end` with
        /// `mmu_invalidate_in_progress` and `mmu_invalidate_seq`; the fault side snapshots the
        /// sequence, resolves the page with GUP, and checks `mmu_invalidate_retry_gfn` under
        /// `mmu_lock` before installing the sPTE (KERNEL-FACTS §4.5). All `VCPU…` threads share
        /// one VM.
        case kvm
        /// KVM as it was on x86 until mid-2023, also implementing `invalidate_range` for the
        /// APIC-access page: a subscriber with both kinds of callback, which the new era's
        /// `__mmu_notifier_register` refuses with `-EINVAL` (KERNEL-FACTS §1.5).
        case kvmInvalidateRange = "kvm-invalidate-range"
        /// A deliberately broken dmirror that skips `mmu_interval_read_retry`: it installs what
        /// its walk found even when an invalidation ran in between.
        case hmmNoReadRetry = "hmm-no-read-retry"
    }

    /// The built-in subscriber, or for a user-written one the built-in of the same family
    /// (`hmm` for interval notifiers, `kvm` for a registered subscription), whose devices,
    /// walk rules and commands it shares.
    public var kind: Kind
    /// The user-written subscriber, whose callbacks and fault path replace the built-in ones.
    public var definition: SubscriberDefinition?

    public init(kind: Kind) {
        self.kind = kind
    }

    /// A user-written subscriber.
    public init(definition: SubscriberDefinition) {
        self.kind = definition.registration == .interval ? .hmm : .kvm
        self.definition = definition
    }

    /// The name `mirror = …` gives it.
    public var name: String { definition?.name ?? kind.rawValue }

    /// The callbacks the subscriber implements.
    public var ops: NotifierOps {
        if let definition { return definition.ops }
        switch kind {
        case .hmm, .hmmNoReadRetry: return NotifierOps()  // interval notifiers register with a NULL subscription
        case .kvm: return NotifierOps(release: true, invalidateRangeStart: true, invalidateRangeEnd: true)
        case .kvmInvalidateRange:
            return NotifierOps(release: true, invalidateRangeStart: true, invalidateRangeEnd: true, secondaryTLB: true)
        }
    }

    /// Whether its invalidation callbacks may sleep: dmirror takes a mutex; KVM's blockable
    /// start may reschedule while zapping.
    public var callbacksMaySleep: Bool { definition?.maySleep ?? true }

    /// Whether it is KVM (one VM shared by every vCPU thread).
    public var isKVM: Bool { kind == .kvm || kind == .kvmInvalidateRange }

    /// Whether the dmirror fault path calls `mmu_interval_read_retry` (all but the broken
    /// variant).
    var readsRetry: Bool { kind != .hmmNoReadRetry }

    /// The thread-name prefix of the devices bound to it.
    public var threadPrefix: String { isKVM && definition == nil ? "VCPU" : "MIR" }
}
