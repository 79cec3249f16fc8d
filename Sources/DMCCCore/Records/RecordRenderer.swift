/// The readable forms of a record: the Markdown copy for the client file (in the order of the
/// letter, `RecordLetter`), and the plain text for the terminal.
public enum RecordRenderer {
    /// How a record is shown beyond what it holds itself.
    public struct Context: Sendable {
        /// Later records in the folder that name this one as the record they supersede.
        public var supersededBy: [String]
        /// Set when the record's texts are in another language than the one shown (`RecordTranslation`).
        public var textsLanguage: Language?

        public init(supersededBy: [String] = [], textsLanguage: Language? = nil) {
            self.supersededBy = supersededBy
            self.textsLanguage = textsLanguage
        }

        public static let none = Context()
    }

    /// The Markdown copy saved next to the JSON: a function of the record alone, in its own language.
    public static func markdown(_ record: AdviceRecord) -> String { markdown(record, .none) }

    /// True when `copy` is the record's Markdown copy in the current layout or in one records were saved
    /// in before (`RecordMarkdownV1`), so records saved by earlier versions keep verifying.
    public static func isSavedCopy(_ copy: String, of record: AdviceRecord) -> Bool {
        copy == markdown(record) || copy == RecordMarkdownV1.markdown(record)
    }

    public static func markdown(_ record: AdviceRecord, _ context: Context) -> String {
        let L = Language(rawValue: record.language) ?? .nl
        let words = LetterWords(L)
        let advice = record.advice
        var out: [String] = []
        out.append("# " + words.title + (record.subject.map { ": " + inline($0) } ?? ""))
        out += ["", "| | |", "|---|---|"]
        func row(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out.append("| \(label) | \(inline(value)) |")
        }
        row(words.client, record.client)
        row(words.consultant, record.consultant)
        row(words.subject, record.subject)
        row(words.date, LetterWords.readableTime(record.created, L))
        if record.changed != record.created { row(words.changed, LetterWords.readableTime(record.changed, L)) }
        row(words.actionDate, spelled(advice.date, L))
        row(words.supersedes, record.supersedes)
        row(words.supersededBy, context.supersededBy.isEmpty ? nil : context.supersededBy.joined(separator: ", "))
        if let texts = context.textsLanguage { out += ["", "_" + words.textsIn(texts) + "_"] }

        out += ["", "## " + words.question, "", words.situation(spelled(advice.date, L)), ""]
        for step in record.steps {
            let answer = step.value == Answer.unknownSpelling ? words.dontKnow : step.label
            out.append("- \(inline(step.text)) **\(inline(answer))**")
            if let note = step.note { out.append("  > " + words.noteLabel + ": " + inline(note)) }
        }
        if record.conditional != nil {
            // The conditional advice: every branch, and what each open point would mean.
            out += [""] + openPointsMarkdown(record)
        } else if !record.openPoints.isEmpty {
            out += ["", "### " + words.toConfirm, ""]
            for step in record.openPoints { out.append("- [ ] \(inline(step.text))") }
        }

        if let verdictLabel = advice.verdictLabel, let title = advice.title {
            out += ["", "## \(words.ourAdvice): \(inline(verdictLabel))", "", "**\(inline(title))**"]
            if let explanation = advice.explanation { out += ["", inline(explanation)] }
            let conditions = advice.conditions ?? []
            if !conditions.isEmpty || advice.verdict != Verdict.notAllowed.rawValue {
                out += ["", "### " + Wording.text(.conditions, L), ""]
                if conditions.isEmpty { out.append(Wording.text(.noConditions, L)) }
                for c in conditions { out.append("- [ ] \(inline(c))") }
            }
            for part in advice.parts ?? [] {
                out += ["", "### " + inline(part.label), "", "\(inline(part.verdictLabel)): \(inline(part.title))"]
                if !part.conditions.isEmpty { out.append("") }
                for c in part.conditions { out.append("- [ ] \(inline(c))") }
            }
            out += ["", "### " + Wording.text(.alternatives, L), ""]
            let alternatives = advice.alternatives ?? []
            if alternatives.isEmpty { out.append(Wording.text(.noAlternatives, L)) }
            for a in alternatives { out.append("- \(inline(a))") }
        } else if let missing = advice.missing {
            out += ["", "## \(words.ourAdvice): \(Wording.text(.incomplete, L))", "", inline(missing.text)]
        }
        for change in advice.ruleChanges {
            out += ["", "### " + Wording.text(.ruleChange, L), "", "\(inline(change.text)) (\(Wording.ruleSide(change.applies, L)))"]
        }
        let references = AdviceRenderer.allReferences(advice)
        if !references.isEmpty {
            out += ["", "### " + Wording.text(.legalBasis, L), ""]
            for r in references { out.append("- \(inline(r.ref)) (_\(inline(r.gradeLabel))_)") }
        }

        if let note = record.note { out += ["", "## " + words.notes, "", inline(note)] }
        if let conclusion = record.conclusion { out += ["", "## " + words.conclusion, "", inline(conclusion)] }
        out += ["", "---", "", AdviceRenderer.knowledgeLine(advice, L) + "."]
        if let consultant = record.consultant {
            out += ["", words.adviceBy(inline(consultant), LetterWords.readableDate(record.created, L))]
        }

        out += ["", "## " + words.appendix, "", "| | |", "|---|---|"]
        row(words.recordID, record.id)
        row(words.seal, record.sha256)
        row(words.knowledge, "\(advice.knowledge.version) (sha256 \(advice.knowledge.sha256))")
        row(words.program, "\(record.program.name) \(record.program.version)")
        row(words.created, record.created)
        if record.changed != record.created { row(words.changed, record.changed) }
        row(words.actionDate, advice.date)
        if !record.steps.isEmpty {
            out += ["", words.answersAsCodes, ""]
            for step in record.steps {
                var line = "- `\(plain(step.fact))=\(plain(step.value))`"
                if let answered = step.answered { line += " (\(plain(answered)))" }
                out.append(line)
            }
        }
        return out.joined(separator: "\n").trimmingTrailingNewlines + "\n"
    }

    public static func text(_ record: AdviceRecord, _ context: Context = .none) -> String {
        let L = Language(rawValue: record.language) ?? .nl
        let words = LetterWords(L)
        var out: [String] = []
        out.append(words.title + " " + record.id)
        for (label, value) in [(words.client, record.client), (words.consultant, record.consultant),
                               (words.subject, record.subject), (words.date, LetterWords.readableTime(record.created, L)),
                               (words.supersedes, record.supersedes),
                               (words.supersededBy, context.supersededBy.isEmpty ? nil : context.supersededBy.joined(separator: ", "))] {
            if let value { out.append("  \(label): \(plain(value))") }
        }
        if let texts = context.textsLanguage { out.append("  (" + words.textsIn(texts) + ")") }
        for step in record.steps {
            guard let note = step.note else { continue }
            out.append("  " + words.noteOn + " '\(plain(step.text))': \(plain(note))")
        }
        if let note = record.note { out.append("  \(words.notes): \(plain(note))") }
        if let conclusion = record.conclusion { out.append("  \(words.conclusion): \(plain(conclusion))") }
        out += openPointsText(record)
        out.append("")
        out.append(AdviceRenderer.text(record.advice, language: L))
        return out.joined(separator: "\n")
    }

    /// A field on one line with its control characters visible, for text output.
    static func plain(_ text: String) -> String { ControlCharacters.escaped(text, keepingNewlines: false) }

    /// A field on one line, safe inside a Markdown table cell or paragraph.
    static func inline(_ text: String) -> String { AdviceRenderer.escape(plain(text)) }

    static func spelled(_ iso: String, _ language: Language) -> String { CalendarDate(iso: iso)?.spelledOut(language) ?? iso }
}

/// The words of the letter and the record's readable forms, in one language, in one place.
struct LetterWords {
    let language: Language
    init(_ language: Language) { self.language = language }
    private var nl: Bool { language == .nl }

    var title: String { nl ? "Adviesverslag" : "Advice record" }
    var neutralHeading: String { nl ? "Advies direct marketing" : "Direct marketing advice" }
    var client: String { nl ? "Klant" : "Client" }
    var consultant: String { "Consultant" }
    var subject: String { nl ? "Onderwerp" : "Subject" }
    var date: String { nl ? "Datum" : "Date" }
    var changed: String { nl ? "Gewijzigd" : "Changed" }
    var created: String { nl ? "Gemaakt" : "Created" }
    var actionDate: String { Wording.text(.actionDate, language) }
    var supersedes: String { nl ? "Vervangt" : "Supersedes" }
    var supersededBy: String { nl ? "Vervangen door" : "Superseded by" }
    var question: String { nl ? "Uw vraag" : "Your question" }
    func situation(_ date: String) -> String {
        nl ? "U vroeg of deze actie mag op \(date). De situatie zoals u die beschreef:"
           : "You asked whether this action is allowed on \(date). The situation as you described it:"
    }
    var dontKnow: String { nl ? "Nog niet bekend (te bevestigen)" : "Not known yet (to confirm)" }
    var toConfirm: String { nl ? "Nog te bevestigen" : "To confirm" }
    /// - Parameter conditional: the verdict depends on the points; otherwise it is the same whatever the answers.
    func toConfirmIntro(conditional: Bool) -> String {
        if conditional {
            return nl ? "Het advies hangt (mede) af van deze punten; bevestig ze voordat u de actie uitvoert."
                      : "The advice depends on these points; confirm them before you carry out the action."
        }
        return nl ? "Deze punten veranderen het oordeel niet: het geldt wat het antwoord ook is. Bevestig ze toch, want de "
                    + "voorwaarden en wat u nog wel kunt doen kunnen per antwoord verschillen."
                  : "These points do not change the verdict: it holds whatever the answer. Confirm them all the same, as the "
                    + "conditions and what you can still do may differ per answer."
    }
    var noteLabel: String { nl ? "Notitie" : "Note" }
    var noteOn: String { nl ? "Notitie bij" : "Note on" }
    var ourAdvice: String { nl ? "Ons advies" : "Our advice" }
    /// The heading of a conditional advice's safe reading.
    var ourAdviceUntilConfirmed: String {
        nl ? "Ons advies zolang de open punten niet bevestigd zijn" : "Our advice until the open points are confirmed"
    }
    func ifAnswer(_ label: String) -> String { nl ? "Als het antwoord \"\(label)\" is" : "If the answer is \"\(label)\"" }
    func onThoseBranches(conditioned: Bool) -> String {
        conditioned ? (nl ? " (samen met die aanname)" : " (together with that assumption)")
                    : (nl ? " (bij die mogelijkheden)" : " (on those possibilities)")
    }
    func dependsOnOtherPoints(_ verdicts: String) -> String {
        nl ? "hangt af van de andere open punten: \(verdicts)" : "depends on the other open points: \(verdicts)"
    }
    var settledBy: String { nl ? "Dit blijkt uit" : "What settles it" }
    var notes: String { nl ? "Notities van de consultant" : "The consultant's notes" }
    var conclusion: String { nl ? "Conclusie" : "Conclusion" }
    var appendix: String { nl ? "Bijlage: technische gegevens" : "Appendix: technical details" }
    var recordID: String { nl ? "Verslag" : "Record" }
    var seal: String { nl ? "Zegel (SHA-256)" : "Seal (SHA-256)" }
    var knowledge: String { Wording.text(.knowledge, language) }
    var program: String { nl ? "Programma" : "Program" }
    var answersAsCodes: String { nl ? "De antwoorden zoals het programma ze vastlegt:" : "The answers as the program records them:" }
    var disclaimer: String { nl ? "Voorbehoud" : "Disclaimer" }
    var signatureLine: String { nl ? "Handtekening" : "Signature" }
    var checklistHint: String { nl ? "Vink af wat geregeld is." : "Tick off what is in place." }
    func adviceBy(_ consultant: String, _ date: String) -> String {
        nl ? "Advies gegeven door \(consultant) op \(date)." : "Advice given by \(consultant) on \(date)."
    }
    /// Said when the shown record's texts stayed in the language it was saved in (`RecordTranslation`).
    func textsIn(_ texts: Language) -> String {
        nl ? "De teksten van dit advies staan in het Engels, zoals het is opgeslagen: de kennisbank waarmee het werd gegeven is hier niet aanwezig om ze te vertalen."
           : "The texts of this advice are in Dutch, as it was saved: the knowledge it was given with is not at hand to translate them."
    }

    /// "29 november 2026, 14:30" from a record time such as 2026-11-29T14:30:12+01:00: the local time
    /// of the consultant who saved it, as it was written. Anything else is shown as it stands.
    static func readableTime(_ iso: String, _ language: Language) -> String {
        let parts = iso.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let day = CalendarDate(iso: String(parts[0])) else { return iso }
        let time = parts[1].prefix(5)
        guard time.count == 5, time.dropFirst(2).first == ":",
              time.filter({ $0 != ":" }).allSatisfy({ $0.isASCII && $0.isNumber }) else { return day.spelledOut(language) }
        return "\(day.spelledOut(language)), \(time)"
    }

    static func readableDate(_ iso: String, _ language: Language) -> String {
        CalendarDate(iso: String(iso.prefix(10))).map { $0.spelledOut(language) } ?? iso
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var s = Substring(self)
        while s.last == "\n" { s.removeLast() }
        return String(s)
    }
}
