/// Sources shared by the tests.
enum Fixtures {
    /// The example scenario of the language description.
    static let example = #"""
    arm64 upgrade-livelock-v6.2
    "Device write to a writable-clean PTE; SMMUv3 without BTM under v6.2 faults forever"
    (* herd-style block comment; they may span lines *)
    policy = v6.2                      // line comment
    iommu  = smmuv3 btm=off ats=off
    tlb-capacity = 2
    {
      page x: anon, value 0, pte rw clean;
      page y: anon, value 0, pte none;
      iotlb DEV0 x: ro;
    }
     CPU0          | DEV0          ;
     *x = 1        | r0 = *x       ;
     munmap(x)     | *x = 2        ;
                   | r1 = *y       ;
    exists (DEV0:r0=1 /\ x=2 \/ ~(CPU0:r1=0))
    eventually done(DEV0)
    Result: Never
    Expect: eventually violated
    Expect: no-freed-frame-access holds

    """#
}
