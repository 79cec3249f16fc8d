/// Every text of the wizard's own, in both languages, in one table: views and line mode look
/// texts up here instead of choosing between two inline strings.
public enum WizardText {
    static func t(_ nl: String, _ en: String) -> LocalizedText { LocalizedText(["nl": nl, "en": en]) }

    // Screens and labels
    static let step = t("stap", "step")
    static let stepTitle = t("Stap", "Step")
    static let adviceStep = t("advies", "advice")
    static let reviewStep = t("herzien", "review")
    static let knowledge = t("kennisbank", "knowledge")
    static let actionDate = t("actiedatum", "action date")
    static let whyWeAsk = t("Waarom we dit vragen", "Why we ask")
    static let keys = t("Toetsen", "Keys")
    static let symbols = t("Tekens", "Symbols")
    static let symbolLines = t("✔ toegestaan · ! toegestaan, mits aan de voorwaarden voldaan · ✘ niet toegestaan · [ ] een voorwaarde om af te vinken · → wat u nog wel kunt doen · § de wettelijke grondslag · ✎ vraag met notitie",
                               "✔ allowed · ! allowed if the conditions are met · ✘ not allowed · [ ] a condition to tick off · → what you can still do · § the legal basis · ✎ question with a note")
    static let grades = t("Grondslag", "Legal basis")
    /// What each grade of legal source means, in the words `Wording.grade` uses for it.
    static func gradeExplanation(_ grade: Grade) -> LocalizedText {
        switch grade {
        case .statute: t("de wettekst zelf", "the text of the law itself")
        case .caseLaw: t("een uitspraak van een rechter", "a court ruling")
        case .regulator: t("uitleg of besluit van een toezichthouder (ACM, AP)", "guidance or a decision of a regulator (ACM, AP)")
        case .selfRegulation: t("een gedragscode van de branche", "an industry code of conduct")
        case .firmPosition: t("onze lezing, nog niet door rechter of toezichthouder bevestigd", "our reading, not yet confirmed by a court or regulator")
        }
    }
    static let reviewTitle = t("Herzien: kies een antwoord om te wijzigen", "Review: choose an answer to change")
    static let reviewLine = t("Herzien: welk antwoord wilt u wijzigen?", "Review: which answer do you want to change?")
    static let dateQuestion = t("Op welke datum vindt de actie plaats?", "On what date does the action take place?")
    static let dateFormats = t("Schrijf 29-11-2026 of 2026-11-29; typen vervangt de datum, Ctrl-U maakt het veld leeg.",
                               "Write 29-11-2026 or 2026-11-29; typing replaces the date, Ctrl-U clears the field.")
    static let datePrompt = t("Actiedatum (29-11-2026 of 2026-11-29, leeg = ongewijzigd, q = stoppen):", "Action date (29-11-2026 or 2026-11-29, empty = unchanged, q = quit):")
    static let dateWhy = t("De regels kunnen per datum verschillen, bijvoorbeeld voor bellen sinds 1 juli 2026.",
                           "The rules can differ by date, for example for calls since 1 July 2026.")
    static let noteTitle = t("Notitie bij deze vraag (komt in het adviesverslag):", "Note on this question (goes into the advice record):")
    static let notePrompt = t("Notitie bij deze vraag", "Note on this question")
    static let detailsTitle = t("Voor het adviesverslag (optioneel; Enter slaat een veld over):", "For the advice record (optional; Enter skips a field):")
    static let detailLabels = [t("Klant", "Client"), t("Consultant", "Consultant"), t("Onderwerp", "Subject")]
    static let skip = t("Enter = overslaan", "Enter = skip")
    static let conclusionTitle = t("Uw conclusie voor de klant (komt in het adviesverslag):", "Your conclusion for the client (goes into the advice record):")
    static let conclusionPrompt = t("Conclusie voor de klant", "Conclusion for the client")
    // Line mode's note and conclusion prompts: an empty line keeps the text, "-" clears it.
    static let textEmptyIsNone = t("leeg = geen", "empty = none")
    static let textNow = t("Nu", "Now")
    static let textKeepReplaceClear = t("leeg = ongewijzigd, nieuwe tekst = vervangen, - = wissen",
                                        "empty = unchanged, new text = replace, - = clear")
    static let conclusionHeading = t("Conclusie", "Conclusion")
    static let conclusionDiscarded = notice("conclusie niet gewijzigd (Esc)", "conclusion left unchanged (Esc)")
    static let earlierDontKnow = t("Eerder beantwoord met: weet ik niet (u)", "Answered before: don't know (u)")
    /// The banner of advice that depends on "don't know" answers: the safe reading, until confirmed.
    static func conditionalBanner(_ safe: String) -> LocalizedText {
        t("VOORWAARDELIJK · TOT BEVESTIGING: \(safe.uppercased())", "CONDITIONAL · UNTIL CONFIRMED: \(safe.uppercased())")
    }
    static func conditionalVerdict(_ safe: String) -> LocalizedText {
        t("voorwaardelijk, tot bevestiging \(safe.lowercased())", "conditional, until confirmed \(safe.lowercased())")
    }
    /// The branch a question is asked for, under a "don't know".
    static func assuming(_ assumptions: [Assumption], _ kb: KnowledgeBase, _ L: Language) -> String {
        let list = assumptions.map { a in
            let q = kb.question(a.questionID)
            return (q?.text.text(L) ?? a.questionID) + " → " + (q.map { kb.label(of: a.value, in: $0).text(L) } ?? a.value)
        }.joined(separator: "; ")
        return t("Voor het geval: \(list)", "In case: \(list)").text(L)
    }
    static let noteMarker = "✎"

    // Confirmations
    /// - Parameter adviceShown: the walk has reached an advice (else only answers so far would be lost).
    static func confirmation(_ c: Confirmation, adviceShown: Bool = true) -> [LocalizedText] {
        switch c {
        case .quit where !adviceShown:
            [t("Er is nog geen advies; de antwoorden tot nu toe gaan verloren.", "There is no advice yet; the answers so far will be lost."),
             t("Toch stoppen? (j/n)", "Quit anyway? (y/n)")]
        case .quit: [t("Het advies is niet opgeslagen.", "The advice has not been saved."), t("Toch stoppen? (j/n)", "Quit anyway? (y/n)")]
        case .newSession: [t("Het advies is niet opgeslagen. Klant, consultant en onderwerp blijven staan.",
                             "The advice has not been saved. Client, consultant and subject are kept."),
                           t("Opnieuw beginnen? (j/n)", "Start again? (y/n)")]
        case .keepDate: [t("Nieuwe sessie.", "New session."), t("Dezelfde actiedatum houden? (j/n)", "Keep the same action date? (y/n)")]
        case .saveWithoutNotes(let n):
            [t("\(n) notitie(s) horen bij vragen die niet meer op het pad liggen", "\(n) note(s) belong to questions no longer on the path"),
             t("en komen niet in het verslag. Toch opslaan? (j/n)", "and are left out of the record. Save anyway? (y/n)")]
        }
    }

    static func resumeOffer(_ s: Session, step: Int, covered: Bool, coversFrom: CalendarDate?, number: Int = 1, of count: Int = 1) -> [LocalizedText] {
        let client = s.client.isEmpty ? "" : s.client + ", "
        // "2026-11-29T14:30:12+01:00" -> "2026-11-29 14:30"
        let left = s.changed.count >= 16 ? String(s.changed.prefix(16)).replacingOccurrences(of: "T", with: " ") : s.changed
        var lines = count == 1
            ? [t("Er is een onderbroken sessie (\(client)stap \(step), \(left)).",
                 "There is an interrupted session (\(client)step \(step), \(left)).")]
            : [t("Er zijn \(count) onderbroken sessies. Sessie \(number) van \(count): \(client)stap \(step), \(left).",
                 "There are \(count) interrupted sessions. Session \(number) of \(count): \(client)step \(step), \(left)."),
               t("Tab toont de volgende.", "Tab shows the next one.")]
        if !covered, let from = coversFrom {
            lines.append(t("Let op: de kennisbank geeft nu advies vanaf \(from.spelledOut(.nl)); u kiest dan een nieuwe datum.",
                           "Note: the knowledge now gives advice from \(from.spelledOut(.en)) on; you will choose a new date."))
        }
        lines.append(count == 1 ? t("Hervatten? (j/n; n bewaart hem voor later)", "Resume it? (y/n; n keeps it for later)")
                     : t("Deze hervatten? (j/n; n bewaart ze allemaal voor later)", "Resume this one? (y/n; n keeps them all for later)"))
        return lines
    }

    // Messages

    /// What a message tells: line mode says it in words before the message, because a screen
    /// reader does not read a colour and often skips a symbol such as "!" (which is also the sign
    /// of "allowed if").
    public enum MessageTone: Sendable { case done, notice, problem }
    static func done(_ nl: String, _ en: String) -> WizardMessage { WizardMessage(.done, t(nl, en)) }
    static func notice(_ nl: String, _ en: String) -> WizardMessage { WizardMessage(.notice, t(nl, en)) }
    static func problem(_ nl: String, _ en: String) -> WizardMessage { WizardMessage(.problem, t(nl, en)) }
    /// The words line mode puts before a message of each tone.
    static func marker(_ tone: MessageTone) -> LocalizedText {
        switch tone {
        case .done: t("Gelukt:", "Done:")
        case .notice: t("Let op:", "Note:")
        case .problem: t("Fout:", "Error:")
        }
    }
    /// A message as line mode prints it: its tone in words first.
    public static func lineMessage(_ message: WizardMessage, _ L: Language) -> String {
        marker(message.tone).text(L) + " " + message.text(L)
    }

    /// Line mode: a line longer than `limit` bytes is read to its end and refused whole.
    public static func lineTooLong(_ limit: Int) -> WizardMessage {
        problem("regel te lang (meer dan \(limit / 1024) KiB); overgeslagen, typ hem opnieuw",
                "line too long (over \(limit / 1024) KiB); skipped, type it again")
    }
    /// Line mode: a line with a NUL byte (binary input) is refused whole.
    public static let lineNotText = problem("regel met een NUL-teken is geen tekst; overgeslagen",
                                            "a line with a NUL character is not text; skipped")

    static func invalidDate(_ text: String) -> WizardMessage {
        problem("'\(text)' is geen datum; schrijf 29-11-2026 of 2026-11-29", "'\(text)' is not a date; write 29-11-2026 or 2026-11-29")
    }
    static func dateNotCovered(_ from: CalendarDate) -> WizardMessage {
        problem("de kennisbank geeft advies vanaf \(from.spelledOut(.nl))", "the knowledge gives advice from \(from.spelledOut(.en)) on")
    }
    /// - Parameter otherKnowledge: the session was answered with other knowledge (`otherKnowledge(then:now:)`), said first.
    static func sessionDateNotCovered(_ date: CalendarDate, _ from: CalendarDate?, otherKnowledge: WizardMessage? = nil) -> WizardMessage {
        let nl = from.map { " (de kennisbank geeft advies vanaf \($0.spelledOut(.nl)))" } ?? ""
        let en = from.map { " (the knowledge gives advice from \($0.spelledOut(.en)) on)" } ?? ""
        let before = otherKnowledge.map { (nl: $0.text(.nl) + "; ", en: $0.text(.en) + "; ") } ?? (nl: "", en: "")
        return problem(before.nl + "de actiedatum van deze sessie, \(date.spelledOut(.nl)), valt niet meer onder de kennisbank\(nl); kies een nieuwe datum",
                       before.en + "this session's action date, \(date.spelledOut(.en)), is no longer covered by the knowledge\(en); choose a new date")
    }
    /// A resumed session was answered with other knowledge than is loaded now.
    static func otherKnowledge(then: KnowledgeStamp, now: KnowledgeStamp) -> WizardMessage {
        // The version alone, unless both have the same one: then the start of the digest tells them apart.
        let same = then.version == now.version
        let a = same ? "\(then.version) (\(then.sha256.prefix(12)))" : then.version
        let b = same ? "\(now.version) (\(now.sha256.prefix(12)))" : now.version
        return notice("deze sessie is beantwoord met kennisbank \(a), nu is \(b) geladen; Ctrl-C bewaart de sessie, start dan opnieuw met de juiste --knowledge",
                      "this session was answered with knowledge \(a), now \(b) is loaded; Ctrl-C keeps the session, then start again with the right --knowledge")
    }
    /// `--resume` found nothing to resume: none in the folder, or only sessions another wizard has open.
    public static func nothingToResume(in folder: String, inUse: Int, unreadable: [String] = []) -> WizardMessage {
        if inUse > 0 {
            return notice("de onderbroken sessie in \(folder) is open in een andere wizard; er begint een nieuwe",
                          "the interrupted session in \(folder) is open in another wizard; starting a new one")
        }
        guard !unreadable.isEmpty else {
            return notice("geen onderbroken sessie in \(folder); er begint een nieuwe", "no interrupted session in \(folder); starting a new one")
        }
        let names = unreadable.joined(separator: ", ")
        let one = unreadable.count == 1
        return problem("geen sessie om te hervatten in \(folder): \(names) \(one ? "kan" : "kunnen") niet worden gelezen (beschadigd of van een "
                       + "andere versie) en \(one ? "blijft" : "blijven") staan; er begint een nieuwe",
                       "no session to resume in \(folder): \(names) cannot be read (damaged or of another version) and \(one ? "is" : "are") "
                       + "left as \(one ? "it is" : "they are"); starting a new one")
    }
    static func dateSet(_ date: CalendarDate) -> WizardMessage {
        done("actiedatum is nu \(date.spelledOut(.nl))", "action date is now \(date.spelledOut(.en))")
    }
    static let noteDiscarded = notice("notitie niet gewijzigd (Esc)", "note left unchanged (Esc)")
    /// The texts line mode's prompts keep: a note on a question and the conclusion.
    enum TextField { case note, conclusion }
    private static func fieldName(_ field: TextField) -> (nl: String, en: String) {
        switch field {
        case .note: ("notitie", "note")
        case .conclusion: ("conclusie", "conclusion")
        }
    }
    static func textUnchanged(_ field: TextField) -> WizardMessage {
        let name = fieldName(field)
        return notice("\(name.nl) ongewijzigd", "\(name.en) unchanged")
    }
    static func textStored(_ field: TextField) -> WizardMessage {
        let name = fieldName(field)
        return done("\(name.nl) bewaard", "\(name.en) stored")
    }
    static func textCleared(_ field: TextField) -> WizardMessage {
        let name = fieldName(field)
        return done("\(name.nl) gewist", "\(name.en) cleared")
    }
    static func nothingHighlighted(_ count: Int) -> WizardMessage {
        problem("kies eerst een antwoord: 1-\(count) of ↑↓", "choose an answer first: 1-\(count) or ↑↓")
    }
    static let atFirstQuestion = problem("dit is de eerste vraag", "this is the first question")
    static let nothingToReview = problem("nog geen antwoorden om te herzien", "no answers to review yet")
    static func keptForLater(_ count: Int) -> WizardMessage {
        count == 1 ? done("onderbroken sessie bewaard; bij de volgende start weer aangeboden", "interrupted session kept; offered again at the next start")
            : done("\(count) onderbroken sessies bewaard; bij de volgende start weer aangeboden", "\(count) interrupted sessions kept; offered again at the next start")
    }
    static func savedTo(_ location: String) -> WizardMessage { done("opgeslagen: \(location)", "saved: \(location)") }
    static func alreadySaved(_ id: String) -> WizardMessage { notice("al opgeslagen als \(id)", "already saved as \(id)") }
    static func notSaved(_ failure: SaveFailure) -> WizardMessage {
        let refused = switch failure {
        case .other(let reason): t("niet opgeslagen: \(reason)", "not saved: \(reason)")
        // The words of `advise --save` (`RecordText`).
        case .signingKey(let path, let readError, let damage): RecordText.notSavedKeyUnusable(path, readError: readError, damage: damage)
        }
        return problem("\(refused.text(.nl)); de sessie blijft open", "\(refused.text(.en)); the session stays open")
    }
    static func autosaveFailed(_ reason: String, earlierKept: Bool = false) -> WizardMessage {
        earlierKept
            ? problem("tussentijds bewaren mislukt: \(reason); wat u deed sinds het laatst bewaarde punt, is niet bewaard",
                      "autosave failed: \(reason); what you did since the last point kept is not kept")
            : problem("tussentijds bewaren mislukt, de sessie is niet bewaard: \(reason)", "autosave failed, the session is not kept: \(reason)")
    }
    static let autosaveWorksAgain = done("tussentijds bewaren werkt weer; de sessie is bewaard", "autosave works again; the session is kept")
    static func notAChoice(_ text: String, count: Int) -> WizardMessage {
        text.isEmpty ? problem("een lege regel kiest niets; typ een nummer 1-\(count) en Enter", "an empty line chooses nothing; type a number 1-\(count) and Enter")
            : problem("kies 1-\(count)", "choose 1-\(count)")
    }
    static func unknownInput(_ text: String) -> WizardMessage { problem("onbekende invoer '\(text)'", "unknown input '\(text)'") }
    static func position(_ from: Int, _ to: Int, _ total: Int) -> LocalizedText {
        t("regels \(from)-\(to) van \(total)", "lines \(from)-\(to) of \(total)")
    }
    static func tooSmall(_ width: Int, _ height: Int, _ minWidth: Int, _ minHeight: Int) -> LocalizedText {
        t("Maak het venster groter (minimaal \(minWidth)×\(minHeight), nu \(width)×\(height))",
          "Make the window larger (at least \(minWidth)×\(minHeight), now \(width)×\(height))")
    }
    static let tooSmallHint = t("? hulp · q stoppen (na vergroten)", "? help · q quit (once larger)")

    // What is printed to the shell after the wizard ends.
    static func farewell(verdict: String?, recordID: String?) -> LocalizedText {
        switch (verdict, recordID) {
        case let (v?, id?): t("Advies: \(v); opgeslagen als \(id).", "Advice: \(v); saved as \(id).")
        case let (v?, nil): t("Advies: \(v); niet opgeslagen.", "Advice: \(v); not saved.")
        default: t("Geen advies gegeven.", "No advice given.")
        }
    }
    /// What is said when the wizard is cut off before the advice (Ctrl-C, a hangup, the end of line
    /// mode's input): how to resume, or, when the last autosave failed, what could not be kept
    /// (never a claim that it was).
    public static func interrupted(_ state: WizardState, resumeCommand: String) -> LocalizedText {
        guard let reason = state.autosaveFailure else { return interrupted(resumeCommand) }
        return state.autosaveEarlierKept ? interruptedEarlierKept(reason, resumeCommand) : interruptedNotKept(reason)
    }
    /// - Parameter command: how to resume, with `--transcripts DIR` when a folder was given.
    public static func interrupted(_ command: String = "dmcc-advisor --resume") -> LocalizedText {
        t("Onderbroken; de sessie is bewaard. Hervat met: \(command)", "Interrupted; the session is kept. Resume with: \(command)")
    }
    /// Ctrl-C or a hangup after the last autosave failed: nothing to resume, and why.
    public static func interruptedNotKept(_ reason: String) -> LocalizedText {
        t("Onderbroken; de sessie kon niet worden bewaard (\(reason)).", "Interrupted; the session could not be kept (\(reason)).")
    }
    /// An autosave failed after an earlier one succeeded: a resume goes on from that earlier point.
    public static func interruptedEarlierKept(_ reason: String, _ command: String) -> LocalizedText {
        t("Onderbroken; de laatste wijzigingen konden niet worden bewaard (\(reason)). Hervatten gaat verder vanaf het laatst bewaarde punt: \(command)",
          "Interrupted; the latest changes could not be kept (\(reason)). Resuming goes on from the last point kept: \(command)")
    }
    /// Line mode without --resume: the interrupted sessions are left alone, and named.
    public static func interruptedWaiting(_ count: Int, hint command: String) -> LocalizedText {
        count == 1 ? t("let op: er is 1 onderbroken sessie; hervat met: \(command)", "note: there is 1 interrupted session; resume with: \(command)")
            : t("let op: er zijn \(count) onderbroken sessies; hervat de nieuwste met: \(command)", "note: there are \(count) interrupted sessions; resume the newest with: \(command)")
    }
    /// --resume took the newest; the others stay for a later start.
    public static func othersWaiting(_ count: Int) -> LocalizedText {
        t("let op: nog \(count) andere onderbroken sessie(s); start zonder --resume om te kiezen",
          "note: \(count) more interrupted session(s); start without --resume to choose")
    }
}
