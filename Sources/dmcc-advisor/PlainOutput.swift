import Foundation

/// Standard output and error written with plain `write(2)`. `FileHandle.write(_:)` traps on any
/// failed write (a full disk, a closed output, a terminal that went away), which crashed the
/// program with exit 132 instead of its own exit code.
enum PlainOutput {
    /// Writes all of `text` to `descriptor`, looping over partial writes and interrupted calls;
    /// nil when it was written, else the `errno` of the write that failed.
    @discardableResult
    static func write(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { bytes -> Int32? in
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                if n > 0 { done += n; continue }
                if n < 0 && errno == EINTR { continue }
                if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    // An output left non-blocking by another program: wait until it takes more.
                    var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&ready, 1, 1000)
                    continue
                }
                return n < 0 ? errno : EIO
            }
            return nil
        }
    }
}
