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

    /// A standard descriptor closed at the start (`>&-`, `2>&-`) would be taken by the next file
    /// opened (a knowledge file, an advice record, the runtime's own), and output or messages would
    /// go into it. Each closed one is opened on /dev/null for reading only: a write to it fails
    /// (standard output: exit 74; a message: dropped) and a read ends.
    static func reserveClosedStandardDescriptors() {
        for descriptor in Int32(0)...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0 && opened != descriptor { dup2(opened, descriptor); close(opened) }
        }
    }
}
