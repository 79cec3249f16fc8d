import Foundation
import Testing
@testable import dmcc_advisor

/// Line mode's bounded line reader, fed through a pipe: normal lines read as `readLine()` read them,
/// an over-long line or one with a NUL is refused whole, and nothing grows with the input.
@Suite("Line mode's line reader")
struct LineReaderTests {
    /// The lines a reader with `limit` and a small `chunk` (so lines cross reads) gives for `bytes`.
    static func lines(_ bytes: [UInt8], limit: Int = 8, chunk: Int = 3) -> [LineReader.Line] {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return [] }
        let input = ends[1]
        // Written from another thread: more than a pipe holds would block.
        let writer = Thread {
            var done = 0
            while done < bytes.count {
                let n = bytes[done...].withUnsafeBufferPointer { Glibc.write(input, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                done += n
            }
            close(input)
        }
        writer.start()
        var reader = LineReader(descriptor: ends[0], limit: limit, chunk: chunk)
        var out: [LineReader.Line] = []
        while true {
            let line = reader.next()
            out.append(line)
            if line == .end || out.count > 100 { break }
        }
        close(ends[0])
        return out
    }

    static func lines(_ text: String, limit: Int = 8, chunk: Int = 3) -> [LineReader.Line] {
        lines(Array(text.utf8), limit: limit, chunk: chunk)
    }

    @Test("LF and CR LF end a line, a last line without a line break is kept, empty lines stay")
    func normalLines() {
        #expect(Self.lines("ja\r\n\nnee\nlaatst") == [.text("ja"), .text(""), .text("nee"), .text("laatst"), .end])
        #expect(Self.lines("") == [.end])
        #expect(Self.lines("\n") == [.text(""), .end])
        // A CR without LF is text, as readLine() kept it.
        #expect(Self.lines("a\rb\nc\r") == [.text("a\rb"), .text("c\r"), .end])
    }

    @Test("UTF-8 across reads, and invalid bytes repaired as readLine() did")
    func utf8() {
        #expect(Self.lines("é€😀\n", limit: 64, chunk: 1) == [.text("é€😀"), .end])
        #expect(Self.lines([0x61, 0xFF, 0x62, 0x0A]) == [.text("a\u{FFFD}b"), .end])
    }

    @Test("a line of the limit is kept (with CR LF too); one byte more is refused and skipped to its end")
    func limit() {
        #expect(Self.lines("12345678\n123456789\nok\n") == [.text("12345678"), .tooLong, .text("ok"), .end])
        #expect(Self.lines("12345678\r\n123456789\r\n") == [.text("12345678"), .tooLong, .end])
        #expect(Self.lines("1234567890123") == [.tooLong, .end])
    }

    @Test("a line with a NUL byte is not text: refused whole")
    func nul() {
        #expect(Self.lines([0x61, 0x00, 0x62, 0x0A, 0x63, 0x0A]) == [.notText, .text("c"), .end])
        #expect(Self.lines([0x00]) == [.notText, .end])
    }

    @Test("megabytes without a line break: refused once, and the next line reads")
    func huge() {
        let bytes = [UInt8](repeating: 0x61, count: 4 << 20) + Array("\nja\n".utf8)
        #expect(Self.lines(bytes, limit: LineReader.limit, chunk: 16 * 1024) == [.tooLong, .text("ja"), .end])
    }

    @Test("input that cannot be read (not a terminal) ends as piped input does")
    func unreadable() {
        var reader = LineReader(descriptor: 9999)
        #expect(reader.next() == .end)
    }
}
