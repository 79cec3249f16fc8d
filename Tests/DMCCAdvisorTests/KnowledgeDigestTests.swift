import DMCCCore
import Testing

/// The knowledge digest is SHA-256 over each file's name, size and bytes; its hex is formatted from
/// the digest's bytes (issue 12). The expected values are Python's hashlib over the same bytes.
@Suite("The knowledge digest")
struct KnowledgeDigestTests {
    @Test("nothing hashed is SHA-256 of no bytes")
    func empty() {
        #expect(KnowledgeDigest.Stream().hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("one file: name, NUL, size, NUL, bytes")
    func oneFile() {
        var stream = KnowledgeDigest.Stream()
        stream.file(name: "a.yaml", size: 3)
        Array("abc".utf8).withUnsafeBytes { stream.update($0) }
        #expect(stream.hex() == "14f1d03c878c67a345492f0f1e7b07e3dbdbc5931bd38d88bd4d6f9d0119eccb")
    }

    @Test("sources in order, named by their base name, give the same digest as the stream")
    func sources() {
        let sources = [KnowledgeSource(path: "Knowledge/facts.yaml", bytes: []), KnowledgeSource(path: "/x/y/nodes.yml", bytes: Array("x: 1\n".utf8))]
        #expect(KnowledgeDigest.sha256(of: sources) == "9de87ead21c16bd4482b72cc0951a0ab7a6840b911cc979916201ecd1d4efeef")
    }
}
