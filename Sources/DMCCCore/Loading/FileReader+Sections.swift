import Yams

/// The three kinds of block a knowledge file may hold: `knowledge:`, `facts:` and `nodes:`.
extension FileReader {
    mutating func metadata(_ node: Node) -> KnowledgeMetadata? {
        guard let f = fields(node, "the 'knowledge:' block",
                             allowed: ["version", "reviewed", "review-due", "jurisdiction", "languages", "root", "covers-from", "scenarios"],
                             required: ["version", "reviewed", "jurisdiction", "languages", "root", "scenarios"]) else { return nil }
        let languages = strings(f["languages"], "'languages'")
        for (language, item) in zip(languages, sequence(f["languages"], "'languages'"))
        where Language(rawValue: language) == nil {
            report(.invalidValue, at: item, "language '\(language)' is not supported; use: \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if f["languages"] != nil, !languages.contains(Language.nl.rawValue) {
            report(.invalidValue, at: f["languages"]!, "the languages must include nl (Dutch is the primary language)")
        }
        var scenarios: [Scenario] = []
        for item in sequence(f["scenarios"], "'scenarios'") {
            guard let s = fields(item, "a scenario", allowed: ["id", "source", "title"], required: ["id", "title"]),
                  let id = string(s["id"], "a scenario's 'id'") else { continue }
            scenarios.append(Scenario(id: id, source: bool(s["source"], "'source'") ?? false,
                                      title: localized(s["title"], "the title of scenario '\(id)'") ?? LocalizedText([:], location: s.location)))
        }
        return KnowledgeMetadata(
            version: string(f["version"], "'version'") ?? "?",
            reviewed: date(f["reviewed"], "'reviewed'"),
            reviewDue: date(f["review-due"], "'review-due'"),
            jurisdiction: string(f["jurisdiction"], "'jurisdiction'") ?? "NL",
            languages: languages.isEmpty ? [Language.nl.rawValue] : languages,
            root: string(f["root"], "'root'") ?? "",
            coversFrom: date(f["covers-from"], "'covers-from'"),
            scenarios: scenarios,
            location: f.location)
    }

    mutating func facts(_ node: Node) -> [Fact] {
        sequence(node, "'facts:'").compactMap { item in
            guard let f = fields(item, "a fact", allowed: ["id", "label", "values", "evidence"], required: ["id", "label", "values"]),
                  let id = string(f["id"], "a fact's 'id'") else { return nil }
            let values: [FactValue] = sequence(f["values"], "the values of fact '\(id)'").compactMap { valueNode in
                guard let v = fields(valueNode, "a value of fact '\(id)'", allowed: ["value", "nl", "en"], required: ["value"]),
                      let value = string(v["value"], "a value of fact '\(id)'") else { return nil }
                var texts: [String: String] = [:]
                for language in Language.allCases {
                    if let t = v[language.rawValue], let text = string(t, "the '\(language.rawValue)' label of \(id)=\(value)") {
                        texts[language.rawValue] = text
                    }
                }
                return FactValue(value: value, label: LocalizedText(texts, location: v.location))
            }
            return Fact(id: id, label: localized(f["label"], "the label of fact '\(id)'") ?? LocalizedText([:], location: f.location),
                        values: values, evidence: localized(f["evidence"], "the evidence of fact '\(id)'"), location: f.location)
        }
    }

    mutating func nodes(_ node: Node) -> [KnowledgeNode] {
        sequence(node, "'nodes:'").compactMap { knowledgeNode($0) }
    }

    private static let questionKeys = ["id", "ask", "text", "why", "options"]
    private static let outcomeKeys = ["id", "verdict", "scenario", "title", "explanation", "conditions", "alternatives",
                                      "legal-basis", "valid-from", "valid-until"]
    private static let dateSwitchKeys = ["id", "on-date", "change", "legal-basis", "before", "on-or-after"]
    private static let partKeys = ["id", "part", "then", "label"]

    private mutating func knowledgeNode(_ node: Node) -> KnowledgeNode? {
        guard case .mapping(let mapping) = node else {
            report(.structure, at: node, "a node must be a mapping that starts with '- id:'")
            return nil
        }
        // A node has a handful of keys: looking through them beats hashing them into a set.
        func has(_ key: String) -> Bool { mapping.contains { $0.key.scalar?.string == key } }
        if has("ask") { return question(node).map(KnowledgeNode.question) }
        if has("on-date") { return dateSwitch(node).map(KnowledgeNode.dateSwitch) }
        if has("part") { return part(node).map(KnowledgeNode.part) }
        if ["verdict", "title", "explanation", "conditions", "alternatives", "legal-basis"].contains(where: has) {
            return outcome(node).map(KnowledgeNode.outcome)
        }
        let id = mapping["id"]?.scalar?.string ?? "?"
        report(.structure, at: node,
               "node '\(id)' is neither a question ('ask:'), an outcome ('verdict:'), a date switch ('on-date:') nor a part ('part:')")
        return nil
    }

    private mutating func question(_ node: Node) -> Question? {
        guard let f = fields(node, "a question", allowed: Self.questionKeys, required: Self.questionKeys),
              let id = string(f["id"], "a question's 'id'") else { return nil }
        let options: [AnswerOption] = sequence(f["options"], "the options of '\(id)'").compactMap { item in
            guard let o = fields(item, "an option of '\(id)'", allowed: ["value", "label", "next"], required: ["value", "next"]),
                  let value = string(o["value"], "an option's 'value' in '\(id)'"),
                  let next = string(o["next"], "the 'next' of \(id)=\(value)") else { return nil }
            return AnswerOption(value: value, label: localized(o["label"], "the label of \(id)=\(value)"), next: next, location: o.location)
        }
        return Question(id: id, fact: string(f["ask"], "the 'ask' of '\(id)'") ?? "",
                        text: localized(f["text"], "the text of '\(id)'") ?? LocalizedText([:], location: f.location),
                        why: localized(f["why"], "the 'why' of '\(id)'") ?? LocalizedText([:], location: f.location),
                        options: options, location: f.location)
    }

    private mutating func outcome(_ node: Node) -> Outcome? {
        guard let f = fields(node, "an outcome", allowed: Self.outcomeKeys,
                             required: ["id", "scenario", "title", "explanation"]),
              let id = string(f["id"], "an outcome's 'id'") else { return nil }
        var verdict = Verdict.notAllowed
        if let verdictNode = f["verdict"], let text = string(verdictNode, "the verdict of '\(id)'") {
            if let v = Verdict(rawValue: text) {
                verdict = v
            } else {
                report(.invalidValue, at: verdictNode,
                       "verdict '\(text)' of '\(id)' is not one of: \(Verdict.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        } else if f["verdict"] == nil {
            report(.incompleteOutcome, at: f.location, "outcome '\(id)' has no 'verdict:' (allowed, allowed-if or not-allowed)")
        }
        if f["legal-basis"] == nil {
            report(.incompleteOutcome, at: f.location, "outcome '\(id)' has no 'legal-basis:'")
        }
        return Outcome(
            id: id, verdict: verdict,
            scenarios: strings(f["scenario"], "the scenario of '\(id)'"),
            title: localized(f["title"], "the title of '\(id)'") ?? LocalizedText([:], location: f.location),
            explanation: localized(f["explanation"], "the explanation of '\(id)'") ?? LocalizedText([:], location: f.location),
            conditions: localizedList(f["conditions"], "the conditions of '\(id)'"),
            alternatives: localizedList(f["alternatives"], "the alternatives of '\(id)'"),
            legalBasis: legalBasis(f["legal-basis"], "the legal basis of '\(id)'"),
            validFrom: date(f["valid-from"], "'valid-from' of '\(id)'"),
            validUntil: date(f["valid-until"], "'valid-until' of '\(id)'"),
            location: f.location)
    }

    private mutating func dateSwitch(_ node: Node) -> DateSwitch? {
        guard let f = fields(node, "a date switch", allowed: Self.dateSwitchKeys, required: Self.dateSwitchKeys),
              let id = string(f["id"], "a date switch's 'id'") else { return nil }
        return DateSwitch(
            id: id,
            changeDate: date(f["on-date"], "'on-date' of '\(id)'") ?? CalendarDate(year: 1, month: 1, day: 1)!,
            change: localized(f["change"], "the change text of '\(id)'") ?? LocalizedText([:], location: f.location),
            legalBasis: legalBasis(f["legal-basis"], "the legal basis of '\(id)'"),
            before: string(f["before"], "'before' of '\(id)'") ?? "",
            onOrAfter: string(f["on-or-after"], "'on-or-after' of '\(id)'") ?? "",
            location: f.location)
    }

    private mutating func part(_ node: Node) -> PartCall? {
        guard let f = fields(node, "a part", allowed: Self.partKeys, required: Self.partKeys),
              let id = string(f["id"], "a part's 'id'") else { return nil }
        return PartCall(
            id: id,
            start: string(f["part"], "'part' of '\(id)'") ?? "",
            then: string(f["then"], "'then' of '\(id)'") ?? "",
            label: localized(f["label"], "the label of '\(id)'") ?? LocalizedText([:], location: f.location),
            location: f.location)
    }
}
