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

    /// Verdict words and grades from their codes; the texts as stored.
    static func relabelled(_ record: AdviceRecord, in language: Language) -> AdviceRecord {
        var shown = record
        shown.language = language.rawValue
        func relabel(_ refs: [AdviceReport.Reference]) -> [AdviceReport.Reference] {
            refs.map { ref in
                var ref = ref
                if let grade = Grade(rawValue: ref.grade) { ref.gradeLabel = Wording.grade(grade, language) }
                return ref
            }
        }
        if let code = record.advice.verdict, let verdict = Verdict(rawValue: code) {
            shown.advice.verdictLabel = Wording.verdict(verdict, language)
        }
        shown.advice.legalBasis = record.advice.legalBasis.map(relabel)
        shown.advice.parts = record.advice.parts?.map { part in
            var part = part
            if let verdict = Verdict(rawValue: part.verdict) { part.verdictLabel = Wording.verdict(verdict, language) }
            part.legalBasis = relabel(part.legalBasis)
            return part
        }
        shown.advice.ruleChanges = record.advice.ruleChanges.map { change in
            var change = change
            change.legalBasis = relabel(change.legalBasis)
            return change
        }
        shown.advice.language = language.rawValue
        return shown
    }
}
