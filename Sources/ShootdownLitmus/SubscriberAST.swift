/// A user-written range subscriber: `subscriber NAME [in "FILE"] { ITEM … }`, where an item is
/// a setting (`registration interval;`, `sleeps yes;`, `lock mutex;`, `fault PATH;`) or a
/// callback with its statements (docs/SUBSCRIBERS.md).
public struct SubscriberAST: Sendable, Equatable {
    /// The name `mirror = NAME` selects it by.
    public var name: Located<String>
    /// The file its statements cite, when given (`in "lib/test_hmm.c"`).
    public var file: Located<String>?
    /// `KEY [VALUE];` lines, in source order.
    public var settings: [SubscriberSettingAST]
    /// The callbacks, in source order.
    public var callbacks: [CallbackAST]

    public init(name: Located<String>, file: Located<String>? = nil, settings: [SubscriberSettingAST] = [],
                callbacks: [CallbackAST] = []) {
        self.name = name
        self.file = file
        self.settings = settings
        self.callbacks = callbacks
    }
}

/// `KEY [VALUE];` in a subscriber block.
public struct SubscriberSettingAST: Sendable, Equatable {
    public var key: Located<String>
    public var value: Located<String>?

    public init(key: Located<String>, value: Located<String>?) {
        self.key = key
        self.value = value
    }
}

/// `CALLBACK [FUNCTION] { STATEMENT … }`: which callback (`invalidate`,
/// `invalidate_range_start`, `invalidate_range_end`, `release`), the driver function that
/// implements it, and its statements.
public struct CallbackAST: Sendable, Equatable {
    public var kind: Located<String>
    public var function: Located<String>?
    public var statements: [CallbackStatementAST]

    public init(kind: Located<String>, function: Located<String>?, statements: [CallbackStatementAST]) {
        self.kind = kind
        self.function = function
        self.statements = statements
    }
}

/// `[FUNCTION:] [if GUARD] ACTION[(LOCK)] [else return VALUE];` or `… return VALUE;`.
public struct CallbackStatementAST: Sendable, Equatable {
    /// The kernel function the statement is attributed to, when given.
    public var function: Located<String>?
    /// `if GUARD`, when given.
    public var condition: Located<String>?
    /// The action word (`mutex_lock`, `mmu_interval_set_seq`, `return`, …).
    public var action: Located<String>
    /// The lock in parentheses, when given.
    public var argument: Located<String>?
    /// The value of `return VALUE` or of `mutex_trylock(L) else return VALUE`.
    public var value: Located<String>?

    public init(function: Located<String>?, condition: Located<String>?, action: Located<String>,
                argument: Located<String>?, value: Located<String>?) {
        self.function = function
        self.condition = condition
        self.action = action
        self.argument = argument
        self.value = value
    }
}

/// The `path` and `subscriber` blocks before the initial state, or of an included library.
struct LibraryAST {
    var paths: [PathAST] = []
    var subscribers: [SubscriberAST] = []
}
