#if canImport(Glibc)
import Glibc
#endif
import ShootdownChecker

/// Standard error, and the progress line shown only when it is a terminal.
enum Terminal {
    static let isInteractive = isatty(STDERR_FILENO) != 0

    static func error(_ text: String) {
        write(text + "\n")
    }

    /// Writes to standard error, unbuffered.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = Glibc.write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
    }

    /// A progress callback that rewrites one line on a terminal, or nil when piped.
    static func progressReporter(label: String) -> (@Sendable (Progress) -> Void)? {
        guard isInteractive else { return nil }
        return { progress in
            let line = "\r\(label): \(progress.states) states, \(progress.transitions) transitions, depth \(progress.depth), \(Int(progress.seconds)) s"
            write(line)
        }
    }

    static func clearProgress() {
        guard isInteractive else { return }
        write("\r\u{1B}[K")
    }
}
