/// One knowledge file as read by the shell: its display path and its raw bytes, or why it could
/// not be read. The loader never touches the file system itself.
public struct KnowledgeSource: Sendable {
    /// The largest knowledge file that is read (4 MiB; the shipped files are under 25 KB, a
    /// generated 5,000-node file about 2 MB). Larger files are refused before they are parsed:
    /// parsing needs some 75 times the file's size in memory.
    public static let maximumSize = 4 * 1024 * 1024

    /// The most nodes one file may expand to once its YAML aliases (`*name`) are resolved; a
    /// few hundred bytes of nested aliases can otherwise stand for billions of nodes.
    public static let maximumExpandedNodes = 1_000_000

    /// What is wrong with a file of `size` bytes, over the limit.
    public static func tooLarge(_ size: Int) -> String {
        "the file has \(size) bytes; a knowledge file may have at most \(maximumSize) (\(maximumSize / (1024 * 1024)) MiB): split it into several files"
    }

    public var path: String
    public var bytes: [UInt8]
    /// Why the file could not be read (not a regular file, no permission, too large); `bytes` is then empty.
    public var failure: String?

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, failure: String) {
        self.path = path
        self.bytes = []
        self.failure = failure
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

enum UTF8Check {
    /// The line and column (1-based, in bytes) of the first byte that is not valid UTF-8, or nil.
    static func firstInvalidByte(in bytes: [UInt8]) -> (line: Int, column: Int, byte: UInt8)? {
        // The standard library validates a valid file much faster; the scan below only finds the place.
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, lineStart = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 0x0A { line += 1; lineStart = offset + 1 }
                offset += encoded.count
            case .error:
                return (line, offset - lineStart + 1, bytes[offset])
            case .emptyInput:
                return nil
            }
        }
    }
}

