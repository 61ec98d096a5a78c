extension Parser {
    /// The header row of thread names, then rows of cells; every row ends with `;`.
    mutating func parseThreadTable() throws(LitmusError) -> [ThreadAST] {
        let names = try parseThreadNames()
        var operations = [[OperationAST]](repeating: [], count: names.count)
        while !atSectionStart {
            let (start, cells) = try parseRowOrSection()
            guard cells.count == names.count else {
                try report(
                    "the row has \(Self.count(cells.count, "cell")) but the header names \(Self.count(names.count, "thread"))",
                    at: start
                )
                continue
            }
            for (column, cell) in cells.enumerated() {
                if let cell { operations[column].append(cell) }
            }
        }
        return zip(names, operations).map { ThreadAST(name: $0, operations: $1) }
    }

    /// `NAME (| NAME)* ;`, reporting names given twice.
    private mutating func parseThreadNames() throws(LitmusError) -> [Located<String>] {
        guard current.word != nil, !atSectionStart else {
            if case .string = current.kind {
                throw failure("a description string may only follow the header line", at: current.location)
            }
            throw failure(
                "expected the thread table: a row of thread names separated by '|' and ended by ';'",
                at: current.location
            )
        }
        if peek().kind == .equals {
            throw failure("settings must come before the initial state block", at: current.location)
        }
        if current.isWord("path"), peek().word != nil, peek(2).kind == .leftParen {
            throw failure("paths must come before the initial state block", at: current.location)
        }
        if current.isWord("include"), case .string = peek().kind {
            throw failure("an include stands inside the initial state block: { include \"FILE\"; }", at: current.location)
        }
        var names: [Located<String>] = []
        var seen: Set<String> = []
        while true {
            let name = try takeWord("expected a thread name")
            if !seen.insert(name.value).inserted {
                try report("thread \(name.value) is declared twice", at: name.location)
            }
            names.append(name)
            switch current.kind {
            case .bar:
                advance()
            case .semicolon:
                advance()
                return names
            default:
                if names.count == 1, let keyword = NearestWord.suggest(name.value, among: Self.preambleKeywords) {
                    throw failure("expected the thread table, or before it a setting, a variants block, a path or the initial state block",
                                  at: name.location, suggestion: keyword)
                }
                throw current.isEndOfFile || startsNewLine(current)
                    ? failure("expected ';' to end the header row", at: expectedLocation)
                    : failure("expected '|' or ';'", at: current.location)
            }
        }
    }

    /// Whether the current token begins what follows the thread table: a condition, an
    /// expectation, or the end of the file.
    var atSectionStart: Bool {
        switch current.kind {
        case .endOfFile, .tilde:
            return true
        case .word(let word):
            return ["exists", "forall", "eventually"].contains(word)
                || (["Result", "Expect"].contains(word) && [.colon, .leftBracket].contains(peek().kind))
        default:
            return false
        }
    }

    /// A row; if it is malformed and begins with a near miss of a condition or expectation
    /// keyword (`exsits (x=1)`), the misspelt keyword is reported instead.
    private mutating func parseRowOrSection() throws(LitmusError) -> (start: SourceLocation, cells: [OperationAST?]) {
        let start = index
        let recorded = diagnostics
        do throws(LitmusError) {
            return try parseRow()
        } catch {
            if let word = tokens[start].word,
               Self.sectionKeywords.contains(word) || NearestWord.suggest(word, among: Self.sectionKeywords) != nil {
                index = start
                diagnostics = recorded
                throw sectionFailure(expectationsStarted: false)
            }
            throw error
        }
    }

    /// `CELL (| CELL)* ;`; an empty cell is `nil`.
    private mutating func parseRow() throws(LitmusError) -> (start: SourceLocation, cells: [OperationAST?]) {
        let start = current.location
        var cells: [OperationAST?] = []
        while true {
            cells.append(try parseCell(first: cells.isEmpty))
            switch current.kind {
            case .bar:
                advance()
            case .semicolon:
                advance()
                return (start, cells)
            default:
                throw current.isEndOfFile || startsNewLine(current)
                    ? failure("expected ';' to end the row", at: expectedLocation)
                    : failure("expected '|' or ';'", at: current.location)
            }
        }
    }

    /// One cell: an operation, or nothing before the next `|` or `;`.
    ///
    /// A cell after the first one is also empty when the line ends before it, so that a row
    /// missing its `;` is reported as such.
    private mutating func parseCell(first: Bool) throws(LitmusError) -> OperationAST? {
        switch current.kind {
        case .word, .star:
            return try parseOperation()
        case .bar, .semicolon, .endOfFile:
            return nil
        default:
            if !first, startsNewLine(current) { return nil }
            throw failure("expected an operation, '|' or ';'", at: current.location)
        }
    }

    /// "1 cell", "2 threads".
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
