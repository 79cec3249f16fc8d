import DMCCCore
import Foundation
import Testing

/// Defects a consultant found trying the program out: resolving a record twice, showing a forged
/// record, a conclusion lost on resolve, an empty `--client` filter and a `--fact` without its value.
@Suite("A consultant's tryout")
struct ConsultantTryoutTests {
    let config = TrustShell.scratch("tryout-config")
    let records = TrustShell.scratch("tryout-records")

    func cleanUp() {
        try? FileManager.default.removeItem(at: config)
        try? FileManager.default.removeItem(at: records)
    }

    func run(_ arguments: [String]) throws -> Program.Result {
        try TrustShell.run(arguments + ["--transcripts", records.path], config: config)
    }

    func ids() -> [String] { TrustShell.recordIDs(in: records) }

    func json(_ id: String) throws -> [String: Any] {
        let data = try Data(contentsOf: records.appendingPathComponent(id + ".json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A call to a consumer with `unknown` for the facts given: conditional advice, saved with open points.
    func saveOpen(unknown: [String], conclusion: String? = nil) throws -> String {
        var facts = ["purpose": "marketing-call", "recipient": "consumer", "call-kind": "marketing", "objected": "no",
                     "consent": "no", "sender": "business"]
        for fact in unknown { facts[fact] = "unknown" }
        var arguments = ["advise", "--date", "2026-11-29", "--save"]
        for (name, value) in facts.sorted(by: { $0.key < $1.key }) { arguments += ["--fact", "\(name)=\(value)"] }
        if let conclusion { arguments += ["--conclusion", conclusion] }
        let before = Set(ids())
        let r = try run(arguments)
        #expect(r.status == 6, "\(r.stderr)")
        return try #require(ids().first { !before.contains($0) })
    }

    func newest(after known: [String]) throws -> String { try #require(ids().first { !known.contains($0) }) }

    /// A saved definite record and its id.
    func saveDefinite() throws -> String {
        let r = try TrustShell.run(TrustShell.customerCall(on: "2026-05-15") + ["--save", "--client", "Acme", "--transcripts", records.path], config: config)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(ids().first)
    }

    // MARK: 4. empty filter and a fact without its value

    @Test("list --client with an empty text is refused (exit 2) with the reason")
    func emptyClientFilter() throws {
        defer { cleanUp() }
        _ = try saveDefinite()
        for empty in ["", " "] {
            let r = try run(["transcripts", "list", "--client", empty])
            #expect(r.status == 2, "\(r.stdout)")
            #expect(r.stderr.contains("--client is empty"), "\(r.stderr)")
            #expect(!r.stdout.contains("0 verslag"))
        }
    }

    @Test("a --fact without its value names the fact and lists its values")
    func factWithoutValue() throws {
        let kb = Shipped.knowledge
        #expect(throws: AdviceError.missingValue(fact: "opt-out-offered", valid: ["yes", "no"])) {
            try Engine.facts(from: ["opt-out-offered="], in: kb)
        }
        #expect(throws: AdviceError.unknownFact("nonsense", valid: kb.facts.map(\.id))) { try Engine.facts(from: ["nonsense="], in: kb) }
        let r = try Program.run(["advise", "--fact", "purpose=marketing-call", "--fact", "opt-out-offered="])
        #expect(r.status == 2)
        #expect(r.stderr.contains("fact 'opt-out-offered' has no value; write it as opt-out-offered=VALUE with one of: yes, no"), "\(r.stderr)")
        #expect(!r.stderr.contains("is not a fact"))
    }
}
