import DMCCCore
import Testing

@Suite("The wizard under random keys")
struct WizardPropertyTests {
    let kb = Shipped.knowledge

    static let keys: [WizardKey] = (1...9).map { .character(Character(String($0))) } + [
        .up, .down, .enter, .left, .escape, .backspace, .home, .end, .pageDown, .tab, .clearLine,
        .character("r"), .character("r"), .character("d"), .character("n"), .character("s"), .character("o"),
        .character("q"), .character("j"), .character("y"), .character("l"), .character("?"), .character("c"),
        .character("u"), .character("u"), .character("k"),
        .character("-"), .character("0"), .paste("3\n1\n"), .resize(width: 40, height: 12), .resize(width: 80, height: 24),
    ]

    /// The advice shown must be exactly what `advise` gives for the answers given to the questions
    /// on each branch's path (a "don't know" answered by the branch's assumption), and every step of
    /// that path must have its answer's time.
    func check(_ w: WizardDriver, seed: UInt64, step: Int) {
        guard case .advice = w.state.screen, let exploration = w.state.exploration(kb) else { return }
        #expect(exploration.isComplete, "seed \(seed) key \(step): advice shown while a branch still needs an answer")
        for branch in exploration.branches {
            let assumed = Dictionary(uniqueKeysWithValues: branch.assumptions.map { ($0.questionID, $0.value) })
            var facts: [String: String] = [:]
            for s in branch.advice.path {
                let answer = w.state.session[answerTo: s.questionID, in: kb]
                if answer?.inEffect == .unknown {
                    #expect(assumed[s.questionID] == s.value, "seed \(seed) key \(step): \(s.questionID) assumed a value its branch does not name")
                } else {
                    #expect(answer?.inEffect?.value == s.value, "seed \(seed) key \(step): \(s.questionID) shows an answer not given to it")
                }
                #expect((answer?.given?.time ?? "").isEmpty == false, "seed \(seed) key \(step): \(s.questionID) has no time answered")
                facts[s.fact] = s.value
            }
            let expected = try? Engine.advise(kb, facts: facts, on: w.state.session.date)
            #expect(expected == branch.advice, "seed \(seed) key \(step): the advice shown differs from advise over the path's answers")
        }
    }

    @Test("thousands of random key sequences: every advice shown follows from the answers on its path")
    func randomSequences() {
        var advices = 0
        for seed in UInt64(1)...1000 {
            var rng = SplitMix64(state: seed)
            var w = WizardDriver(details: seed % 4 == 0)
            for step in 0..<30 {
                let key = Self.keys[Int(rng.next() % UInt64(Self.keys.count))]
                w.effects = []
                w.press([key])
                for effect in w.effects {
                    if case .save = effect { w.act(.saved(id: "20261129-100000-\(String(format: "%06x", seed))", location: "x")) }
                }
                if w.quit { w = WizardDriver() }
                if case .advice = w.state.screen { advices += 1 }
                check(w, seed: seed, step: step)
            }
        }
        #expect(advices > 100, "the random walks reach advice often enough to mean something (\(advices))")
    }

    @Test("random typed lines in line mode: the same property, through the same reduce")
    func randomLines() {
        let lines = ["1", "2", "3", "4", "5", "6", "7", "10", "", "b", "r", "?", "d", "29-11-2026", "2026-06-30", "n", "j", "ja", "y",
                     "nee", "s", "o", "q", "l", "c", "Acme\nBV", "zeven", "u", "weet niet", "don't know", "k"]
        var advices = 0
        for seed in UInt64(1)...300 {
            var rng = SplitMix64(state: seed &* 7919)
            var w = WizardDriver(details: seed % 3 == 0)
            for step in 0..<30 {
                let line = lines[Int(rng.next() % UInt64(lines.count))]
                w.clock += 1
                let (next, effects) = LineMode.step(w.state, line, at: w.now, w.kb)
                w.state = next
                for effect in effects {
                    if case .save = effect { w.act(.saved(id: "20261129-100000-\(String(format: "%06x", seed))", location: "x")) }
                    if case .quit = effect { w = WizardDriver() }
                }
                if case .advice = w.state.screen { advices += 1 }
                check(w, seed: seed, step: step)
            }
        }
        #expect(advices > 50, "the random lines reach advice often enough to mean something (\(advices))")
    }
}
