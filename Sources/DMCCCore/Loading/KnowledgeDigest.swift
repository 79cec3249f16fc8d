import Crypto

public enum KnowledgeDigest {
    /// SHA-256 over each file's base name and bytes, in path order, so the same knowledge
    /// gives the same digest wherever it is checked out.
    public static func sha256(of sources: [KnowledgeSource]) -> String {
        var hasher = SHA256()
        for source in sources {
            let name = source.path.split(separator: "/").last.map(String.init) ?? source.path
            hasher.update(data: Array(name.utf8) + [0])
            hasher.update(data: Array(String(source.bytes.count).utf8) + [0])
            hasher.update(data: source.bytes)
        }
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
