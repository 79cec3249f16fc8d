/// A record shown in another language than the one it was saved in.
///
/// A record stores its texts (questions, answers, title, conditions, legal basis) in the language
/// of the session. Shown in the other language:
/// - when the knowledge the advice was given with is the one at hand (same SHA-256), the texts are
///   re-resolved from it: the same advice, word for word what the knowledge says in that language;
/// - otherwise only what the record holds as codes is translated (verdict words, grades, headings
///   and labels), and the stored texts are quoted as saved, with a note that says so. Texts from
///   newer knowledge are never passed off as what was advised.
public enum RecordTranslation {
    public struct Shown: Sendable {
        /// The record with its texts in `language` where they could be re-resolved. Its seal is the
        /// original record's: this is a view, never saved.
        public var record: AdviceRecord
        /// The language the record's texts are in, when it is not the language asked for.
        public var textsLanguage: Language?
    }

    public static func shown(_ record: AdviceRecord, in language: Language, using kb: KnowledgeBase?) -> Shown {
        let saved = Language(rawValue: record.language) ?? .nl
        guard language != saved else { return Shown(record: record, textsLanguage: nil) }
        if let kb, kb.sha256 == record.advice.knowledge.sha256, let translated = resolved(record, in: language, from: kb, saved: saved) {
            return Shown(record: translated, textsLanguage: nil)
        }
        return Shown(record: relabelled(record, in: language), textsLanguage: saved)
    }

    /// The advice walked again with the record's answers to the same questions; nil unless that gives
    /// exactly the stored advice in the saved language (so the translation is of the advice given).
    static func resolved(_ record: AdviceRecord, in language: Language, from kb: KnowledgeBase, saved: Language) -> AdviceRecord? {
        if !record.openPoints.isEmpty || record.conditional != nil { return resolvedWithOpenPoints(record, in: language, from: kb, saved: saved) }
        guard let date = CalendarDate(iso: record.advice.date) else { return nil }
        var byQuestion: [String: String] = [:]
        for step in record.steps { byQuestion[step.question] = step.value }
        guard let advice = try? Engine.walk(kb, on: date, answer: { q in
            byQuestion[q.id].flatMap { q.option(for: $0) != nil ? $0 : nil }
        }) else { return nil }
        guard AdviceReport(advice, in: kb, language: saved) == record.advice else { return nil }
        let report = AdviceReport(advice, in: kb, language: language)
        guard report.path.count == record.steps.count else { return nil }
        var shown = record
        shown.language = language.rawValue
        shown.advice = report
        shown.steps = zip(record.steps, report.path).map { stored, translated in
            var step = stored
            step.text = translated.text
            step.label = translated.label
            return step
        }
        return shown
    }

    /// A record with open points explored again with its answers ("don't know" included); nil unless
    /// that gives exactly the stored conditional advice, safe reading and steps in the saved language.
    static func resolvedWithOpenPoints(_ record: AdviceRecord, in language: Language, from kb: KnowledgeBase,
                                       saved: Language) -> AdviceRecord? {
        guard let exploration = try? record.explore(against: kb), exploration.isComplete, !exploration.isDefinite,
              let safe = exploration.safeBranch,
              ExplorationReport(exploration, in: kb, language: saved) == record.conditional,
              AdviceReport(safe.advice, in: kb, language: saved) == record.advice else { return nil }
        func step(_ stored: AdviceRecord.Step, _ language: Language) -> (text: String, label: String)? {
            guard let q = kb.question(stored.question) else { return nil }
            let label = stored.value == Answer.unknownSpelling ? ExplorationReport.dontKnow.text(language)
                                                               : kb.label(of: stored.value, in: q).text(language)
            return (q.text.text(language), label)
        }
        var steps: [AdviceRecord.Step] = []
        for stored in record.steps {
            guard let asSaved = step(stored, saved), asSaved == (stored.text, stored.label),
                  let translated = step(stored, language) else { return nil }
            var shown = stored
            (shown.text, shown.label) = translated
            steps.append(shown)
        }
        var shown = record
        shown.language = language.rawValue
        shown.advice = AdviceReport(safe.advice, in: kb, language: language)
        shown.conditional = ExplorationReport(exploration, in: kb, language: language)
        shown.steps = steps
        return shown
    }

    /// Verdict words and grades from their codes, the conditional advice's structure words with them;
    /// the texts as stored.
    static func relabelled(_ record: AdviceRecord, in language: Language) -> AdviceRecord {
        var shown = record
        shown.language = language.rawValue
        shown.advice = relabelled(record.advice, in: language)
        // "Weet ik niet" is the program's word, not a stored text.
        shown.steps = record.steps.map { step in
            var step = step
            if step.value == Answer.unknownSpelling { step.label = ExplorationReport.dontKnow.text(language) }
            return step
        }
        shown.conditional = record.conditional.map { relabelled($0, in: language) }
        return shown
    }

    static func verdictWord(_ code: String, _ language: Language) -> String? {
        Verdict(rawValue: code).map { Wording.verdict($0, language) }
    }

    static func relabelled(_ references: [AdviceReport.Reference], in language: Language) -> [AdviceReport.Reference] {
        references.map { ref in
            var ref = ref
            if let grade = Grade(rawValue: ref.grade) { ref.gradeLabel = Wording.grade(grade, language) }
            return ref
        }
    }

    static func relabelled(_ advice: AdviceReport, in language: Language) -> AdviceReport {
        var shown = advice
        if let code = advice.verdict, let word = verdictWord(code, language) { shown.verdictLabel = word }
        shown.legalBasis = advice.legalBasis.map { relabelled($0, in: language) }
        shown.parts = advice.parts?.map { part in
            var part = part
            if let word = verdictWord(part.verdict, language) { part.verdictLabel = word }
            part.legalBasis = relabelled(part.legalBasis, in: language)
            return part
        }
        shown.ruleChanges = advice.ruleChanges.map { change in
            var change = change
            change.legalBasis = relabelled(change.legalBasis, in: language)
            return change
        }
        shown.language = language.rawValue
        return shown
    }

    /// The conditional advice with every verdict word from its code and each answer's meaning worded
    /// again in `language` (around the stored answer label); questions, answers and titles as stored.
    static func relabelled(_ report: ExplorationReport, in language: Language) -> ExplorationReport {
        var shown = report
        if let word = verdictWord(report.safeVerdict, language) { shown.safeVerdictLabel = word }
        if let code = report.verdict, let word = verdictWord(code, language) { shown.verdictLabel = word }
        shown.branches = report.branches.map { branch in
            var branch = branch
            branch.advice = relabelled(branch.advice, in: language)
            return branch
        }
        shown.toConfirm = report.toConfirm.map { point in
            var point = point
            point.options = point.options.map { option in
                var option = option
                let words = option.verdicts.compactMap { verdictWord($0, language) }
                guard words.count == option.verdicts.count else { return option }
                option.verdictLabels = words
                if option.summary != nil, !words.isEmpty {
                    option.summary = ExplorationReport.meaning(option.label, verdictLabels: words,
                                                               everyBranch: point.askedOnEveryBranch != false,
                                                               conditioned: point.askedIf != nil, language: language)
                }
                return option
            }
            return point
        }
        shown.groups = report.groups?.map { group in
            var group = group
            if let word = verdictWord(group.verdict, language) { group.verdictLabel = word }
            return group
        }
        shown.ruleChanges = report.ruleChanges?.map { scoped in
            var scoped = scoped
            scoped.change.legalBasis = relabelled(scoped.change.legalBasis, in: language)
            return scoped
        }
        shown.language = language.rawValue
        return shown
    }
}
