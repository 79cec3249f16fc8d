/// Every piece of interface text that is not knowledge, in both languages, in one place.
public enum Wording {
    public static func verdict(_ verdict: Verdict, _ language: Language) -> String {
        switch (verdict, language) {
        case (.allowed, .nl): "Toegestaan"
        case (.allowed, .en): "Allowed"
        case (.allowedIf, .nl): "Toegestaan, mits u aan de voorwaarden voldoet"
        case (.allowedIf, .en): "Allowed if you meet the conditions"
        case (.notAllowed, .nl): "Niet toegestaan"
        case (.notAllowed, .en): "Not allowed"
        }
    }

    public static func grade(_ grade: Grade, _ language: Language) -> String {
        switch (grade, language) {
        case (.statute, .nl): "wet"
        case (.statute, .en): "statute"
        case (.regulator, .nl): "toezichthouder"
        case (.regulator, .en): "regulator"
        case (.caseLaw, .nl): "rechtspraak"
        case (.caseLaw, .en): "case law"
        case (.selfRegulation, .nl): "zelfregulering"
        case (.selfRegulation, .en): "self-regulation"
        case (.firmPosition, .nl): "ons standpunt"
        case (.firmPosition, .en): "our position"
        }
    }

    /// Which side of a dated rule change the action fell on, from a report's `applies` value.
    public static func ruleSide(_ applies: String, _ language: Language) -> String {
        text(applies == AppliedRuleChange.Side.before.rawValue ? .ruleAppliesBefore : .ruleAppliesAfter, language)
    }

    public enum Key: Sendable {
        case why, conditions, alternatives, legalBasis, ruleChange, actionDate, knowledge
        case incomplete, nextQuestion, answerWith, noConditions, noAlternatives
        case ruleAppliesBefore, ruleAppliesAfter, reviewedOn, reviewOverdue
    }

    public static func text(_ key: Key, _ language: Language) -> String {
        switch language {
        case .nl:
            switch key {
            case .why: "Waarom"
            case .conditions: "Voorwaarden"
            case .alternatives: "Wat u nog wel kunt doen"
            case .legalBasis: "Juridische basis"
            case .ruleChange: "Regelwijziging"
            case .actionDate: "Datum van de actie"
            case .knowledge: "Kennisbank"
            case .incomplete: "Nog geen advies: er ontbreekt een antwoord"
            case .nextQuestion: "Volgende vraag"
            case .answerWith: "Antwoord met"
            case .noConditions: "Geen bijzondere voorwaarden."
            case .noAlternatives: "Geen."
            case .ruleAppliesBefore: "deze actie valt vóór de wijziging; de oude regel geldt"
            case .ruleAppliesAfter: "deze actie valt op of na de wijziging; de nieuwe regel geldt"
            case .reviewedOn: "juridisch beoordeeld op"
            case .reviewOverdue: "let op: de kennisbank moest opnieuw beoordeeld zijn op"
            }
        case .en:
            switch key {
            case .why: "Why"
            case .conditions: "Conditions"
            case .alternatives: "What you can still do"
            case .legalBasis: "Legal basis"
            case .ruleChange: "Rule change"
            case .actionDate: "Action date"
            case .knowledge: "Knowledge base"
            case .incomplete: "No advice yet: an answer is missing"
            case .nextQuestion: "Next question"
            case .answerWith: "Answer with"
            case .noConditions: "No special conditions."
            case .noAlternatives: "None."
            case .ruleAppliesBefore: "this action falls before the change; the old rule applies"
            case .ruleAppliesAfter: "this action falls on or after the change; the new rule applies"
            case .reviewedOn: "legally reviewed on"
            case .reviewOverdue: "note: the knowledge was due for review on"
            }
        }
    }
}
