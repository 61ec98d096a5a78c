import ShootdownModel

extension Lowerer {
    static let gupFlags = ["FOLL_WRITE", "FOLL_LONGTERM"]

    /// `[e =] gup_test(x, COMMAND, FOLL_WRITE[, FOLL_LONGTERM])`: one ioctl of mm/gup_test.c on one
    /// page, with the GUP flags the caller passes (``GUPTest``).
    func lowerGUPTest(_ name: Located<String>, _ arguments: [Located<String>]) throws(LitmusError) -> GUPTest {
        let commands = GUPTest.Command.allCases.map(\.rawValue)
        guard arguments.count >= 3 else {
            throw error("gup_test takes a page, a command and its flags, e.g. gup_test(x, GUP_BASIC_TEST, FOLL_WRITE)",
                        at: name.location)
        }
        _ = try resolvePage(arguments[0])
        guard let command = GUPTest.Command(rawValue: arguments[1].value) else {
            throw error("unknown gup_test command '\(arguments[1].value)' (known: \(commands.joined(separator: ", ")))",
                        at: arguments[1].location, suggesting: arguments[1].value, among: commands)
        }
        var flags: Set<String> = []
        for flag in arguments.dropFirst(2) {
            guard Lowerer.gupFlags.contains(flag.value) else {
                throw error("unknown GUP flag '\(flag.value)' (known: \(Lowerer.gupFlags.joined(separator: ", ")))",
                            at: flag.location, suggesting: flag.value, among: Lowerer.gupFlags)
            }
            guard flags.insert(flag.value).inserted else { throw error("flag \(flag.value) is given twice", at: flag.location) }
            if flag.value == "FOLL_LONGTERM" && !command.pins {
                // mm/gup.c:is_valid_gup_args refuses a long-term reference that is not a pin.
                throw error("FOLL_LONGTERM needs a pin: \(command.rawValue) calls \(command.function), which GUP refuses with it",
                            at: flag.location)
            }
        }
        guard flags.contains("FOLL_WRITE") else {
            throw error("only GUP with FOLL_WRITE is modelled: add FOLL_WRITE", at: arguments[1].location)
        }
        return GUPTest(command: command, longtermFlag: flags.contains("FOLL_LONGTERM"))
    }
}
