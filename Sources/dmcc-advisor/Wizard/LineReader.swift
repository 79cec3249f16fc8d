import Foundation

/// Line mode's input, read with a bound: a line (without its line break) of at most `limit` bytes
/// is kept; a longer one is skipped to its end and refused, and so is one with a NUL byte, so that
/// memory stays small whatever is piped in (`</dev/zero` grew to gigabytes with `readLine()`).
/// Normal lines read exactly as `readLine()` read them: UTF-8 (invalid bytes repaired), a line
/// break of LF or CR LF stripped, and a last line without a line break kept.
struct LineReader {
    /// The longest line kept, in bytes: far more than anything typed at a prompt (a terminal's
    /// own line editing stops at 4 KiB), small enough to never matter for memory.
    static let limit = 64 * 1024

    enum Line: Equatable {
        case text(String)
        /// A line longer than the limit, read to its end and dropped.
        case tooLong
        /// A line with a NUL byte (binary input), read to its end and dropped.
        case notText
        /// The input ended (or could not be read); a pipe or file that runs out.
        case end
        /// The input is a terminal that went away: it hung up or its read failed.
        case hangup
    }

    private let descriptor: Int32
    private let limit: Int
    /// Asked at the start: a terminal that hung up no longer says it is one.
    private let terminal: Bool
    /// Bytes read and not yet taken, from `position` on.
    private var buffer: [UInt8]
    private var count = 0
    private var position = 0
    private var ended = false

    init(descriptor: Int32 = 0, limit: Int = LineReader.limit, chunk: Int = 16 * 1024) {
        self.descriptor = descriptor
        self.limit = limit
        terminal = isatty(descriptor) != 0
        buffer = [UInt8](repeating: 0, count: chunk)
    }

    mutating func next() -> Line {
        if ended { return .end }
        var line: [UInt8] = []
        var started = false, tooLong = false, nul = false
        while true {
            if position < count {
                started = true
                let end = buffer[position..<count].firstIndex(of: 10) ?? count
                let piece = buffer[position..<end]
                if piece.contains(0) { nul = true }
                if !tooLong {
                    // CR of a CR LF may push a line of exactly `limit` bytes one over, until its LF is seen.
                    if line.count + piece.count > limit + 1 { tooLong = true; line = [] } else { line += piece }
                }
                position = end
                if end < count {
                    position += 1  // the LF
                    if !tooLong, line.last == 13 { line.removeLast() }
                    return Self.finish(line, tooLong: tooLong || line.count > limit, nul: nul)
                }
                continue
            }
            let n = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if n > 0 { count = n; position = 0; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&ready, 1, 1000)
                continue
            }
            ended = true
            if terminal && (n < 0 || Self.hungUp(descriptor)) { return .hangup }
            guard started else { return .end }
            // A last line without a line break (a CR at its end stays, as readLine() kept it).
            return Self.finish(line, tooLong: tooLong || line.count > limit, nul: nul)
        }
    }

    private static func finish(_ line: [UInt8], tooLong: Bool, nul: Bool) -> Line {
        if tooLong { return .tooLong }
        if nul { return .notText }
        return .text(String(decoding: line, as: UTF8.self))
    }

    /// Whether a terminal at the end of its input hung up, rather than Ctrl-D being typed: a hung-up
    /// terminal reports POLLHUP or POLLERR.
    private static func hungUp(_ descriptor: Int32) -> Bool {
        var input = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&input, 1, 0) >= 0 else { return false }
        return input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }
}
