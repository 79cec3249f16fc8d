import Crypto

public enum KnowledgeDigest {
    /// SHA-256 over each file's base name and bytes, in path order, so the same knowledge
    /// gives the same digest wherever it is checked out.
    public static func sha256(of sources: [KnowledgeSource]) -> String {
        var digest = Stream()
        for source in sources {
            let name = source.path.split(separator: "/").last.map(String.init) ?? source.path
            digest.file(name: name, size: source.bytes.count)
            source.bytes.withUnsafeBytes { digest.update($0) }
        }
        return digest.hex()
    }

    /// The same digest, fed file by file in pieces, so the shell can compute it without holding
    /// the files (start-up with compiled knowledge needs only the digest). Per file: `file`, then
    /// exactly `size` bytes through `update`.
    public struct Stream {
        private var hasher = SHA256()

        public init() {}

        public mutating func file(name: String, size: Int) {
            hasher.update(data: Array(name.utf8) + [0])
            hasher.update(data: Array(String(size).utf8) + [0])
        }

        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            hasher.update(bufferPointer: bytes)
        }

        /// The digest in lower-case hex, formatted from its bytes: iterating the digest goes
        /// through Crypto's generic `Digest.makeIterator`, whose instantiation costs a start.
        public func hex() -> String {
            let digest = hasher.finalize()
            return digest.withUnsafeBytes { bytes in
                String(unsafeUninitializedCapacity: bytes.count * 2) { out in
                    let digits: StaticString = "0123456789abcdef"
                    let table = digits.utf8Start
                    for (i, byte) in bytes.enumerated() {
                        out[2 * i] = table[Int(byte >> 4)]
                        out[2 * i + 1] = table[Int(byte & 0x0F)]
                    }
                    return bytes.count * 2
                }
            }
        }
    }
}
