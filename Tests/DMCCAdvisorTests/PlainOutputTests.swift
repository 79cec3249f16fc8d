import Foundation
import Testing
@testable import dmcc_advisor

/// Writes with plain write(2): every byte arrives, a failure is reported, never a trap.
@Suite("Plain output")
struct PlainOutputTests {
    @Test("a failed write reports its errno (a full disk)")
    func full() throws {
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        #expect(PlainOutput.write("x", to: full) == ENOSPC)
        #expect(PlainOutput.write("x", to: 9999) == EBADF)
    }

    @Test("more than a pipe holds arrives whole (partial writes are continued)")
    func partial() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let text = String(repeating: "abcdé", count: 100_000)
        nonisolated(unsafe) var received: [UInt8] = []
        let done = DispatchSemaphore(value: 0)
        let output = ends[0]
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = Glibc.read(output, &buffer, buffer.count)
                if n <= 0 { break }
                received += buffer[0..<n]
            }
            done.signal()
        }
        reader.start()
        #expect(PlainOutput.write(text, to: ends[1]) == nil)
        close(ends[1])
        done.wait()
        close(ends[0])
        #expect(received == Array(text.utf8))
    }
}
