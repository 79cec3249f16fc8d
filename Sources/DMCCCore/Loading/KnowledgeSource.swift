/// One knowledge file as read by the shell: its display path and its raw bytes.
/// The loader never touches the file system itself.
public struct KnowledgeSource: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

enum UTF8Check {
    /// The line and column (1-based, in bytes) of the first byte that is not valid UTF-8, or nil.
    static func firstInvalidByte(in bytes: [UInt8]) -> (line: Int, column: Int, byte: UInt8)? {
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

