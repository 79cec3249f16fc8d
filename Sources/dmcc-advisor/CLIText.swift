import DMCCCore

/// Every message the commands print to a person, in both languages, in one table: Dutch for the
/// default session, English with `--lang en`. Machine-readable output (JSON, CSV, exit codes) and
/// ArgumentParser's own usage errors are not here. Where a line is read by scripts as well (verify's
/// `ok   ID` and `FAIL ID:` lines, the `N of M` count), the marker and the numbers keep their place
/// in both languages; only the words around them are translated.
enum CLIText {
    static func t(_ nl: String, _ en: String) -> LocalizedText { LocalizedText(nl: nl, en: en) }
    /// A text that is the same in both languages: a system's own message (strerror, a decoder's).
    static func verbatim(_ text: String) -> LocalizedText { t(text, text) }

    // MARK: - advise --save

    static func saved(_ id: String, in folder: String) -> LocalizedText {
        t("opgeslagen als \(id) in \(folder) (\(id).json, \(id).md)", "saved \(id) in \(folder) (\(id).json, \(id).md)")
    }
    static func notSaved(_ error: Error) -> LocalizedText {
        if let refused = error as? ConsultantKey.Unusable {
            return RecordText.notSavedKeyUnusable(refused.path, readError: refused.readError, damage: refused.damage)
        }
        return t("niet opgeslagen: \(reason(error).text(.nl))", "not saved: \(reason(error).text(.en))")
    }
    /// After a save with the consultant's key.
    static func savedSigned(_ name: String, fingerprint: String) -> LocalizedText {
        t("ondertekend door \(name) (sleutel \(fingerprint))", "signed by \(name) (key \(fingerprint))")
    }
    static func ownKeyNotTrusted(_ file: String, name: String, key: String) -> LocalizedText {
        t("uw sleutel staat nog niet in \(file), dus verify meldt de verslagen die u ondertekent als niet vertrouwd "
          + "en show maakt er geen brief van; vertrouw hem eenmalig met: dmcc-advisor keys trust --name '\(name)' \(key)",
          "your key is not in \(file) yet, so verify reports records you sign as untrusted "
          + "and show writes no letter for them; trust it once with: dmcc-advisor keys trust --name '\(name)' \(key)")
    }
    static let gitNotStarted = t("git kon niet worden gestart", "git could not be started")
    static func notCommitted(_ reason: String?, command: String) -> LocalizedText {
        t("niet vastgelegd in git (\(reason ?? "onbekende fout")); het verslag is opgeslagen: leg het zelf vast met '\(command)'",
          "not committed to git (\(reason ?? "unknown error")); the record is saved: commit it by hand with '\(command)'")
    }
    // MARK: - keys

    static func keyExists(_ file: String) -> LocalizedText {
        t("er bestaat al een ondertekeningssleutel in \(file); 'dmcc-advisor keys show' toont de publieke sleutel, "
          + "'keys init --force' vervangt hem",
          "a signing key already exists in \(file); 'dmcc-advisor keys show' prints its public key, 'keys init --force' replaces it")
    }
    static let noNameToSignAs = t("geen naam om mee te ondertekenen: geef er een op met --name", "no name to sign as: give one with --name")
    static func keyWritten(_ name: String, to file: String) -> LocalizedText {
        t("ondertekeningssleutel voor \(name) geschreven naar \(file) (0600); zet deze regel bij de vertrouwde sleutels van het team "
          + "('dmcc-advisor keys trust', of voeg hem toe aan Transcripts/trusted-keys):",
          "signing key for \(name) written to \(file) (0600); add this line to the team's trusted keys "
          + "('dmcc-advisor keys trust', or append it to Transcripts/trusted-keys):")
    }
    static func noKey(_ file: String) -> LocalizedText {
        t("geen ondertekeningssleutel in \(file); maak er een met 'dmcc-advisor keys init'",
          "no signing key in \(file); make one with 'dmcc-advisor keys init'")
    }
    static func fingerprint(_ fingerprint: String) -> LocalizedText { t("vingerafdruk \(fingerprint)", "fingerprint \(fingerprint)") }
    static func keyExposed(_ file: String, mode: String) -> LocalizedText {
        t("de ondertekeningssleutel \(file) is leesbaar voor anderen (modus \(mode)): wie hem kan lezen, kan als u ondertekenen; "
          + "maak hem privé met 'chmod 600 \(file)', en maak een nieuwe sleutel als anderen hem gekopieerd kunnen hebben",
          "the signing key \(file) is readable by others (mode \(mode)): anyone who can read it can sign as you; "
          + "make it private with 'chmod 600 \(file)', and make a new key if others may have copied it")
    }
    static func cannotCreateConfig(_ folder: String, _ reason: String) -> LocalizedText {
        t("de configuratiemap \(folder) kan niet worden gemaakt: \(reason); kies een andere met DMCC_CONFIG",
          "cannot create the config folder \(folder): \(reason); choose another with DMCC_CONFIG")
    }
    static func cannotMakePrivate(_ folder: String, _ reason: String) -> LocalizedText {
        t("\(folder) kan niet privé worden gemaakt: \(reason)", "cannot make \(folder) private: \(reason)")
    }
    static func cannotWriteIn(_ folder: String, _ reason: String) -> LocalizedText {
        t("er kan niet worden geschreven in \(folder): \(reason)", "cannot write in \(folder): \(reason)")
    }
    static let emptyKeyName = t("--name: de naam is leeg", "--name: the name is empty")
    static func alreadyTrusted(_ name: String, in file: String) -> LocalizedText {
        t("deze sleutel wordt al vertrouwd als '\(name)' in \(file)", "this key is already trusted as '\(name)' in \(file)")
    }
    static func trusted(_ name: String, fingerprint: String, in file: String) -> LocalizedText {
        t("de sleutel van \(name) (vingerafdruk \(fingerprint)) staat nu bij de vertrouwde sleutels in \(file)",
          "trusted \(name) (fingerprint \(fingerprint)) in \(file)")
    }

    // MARK: - Any command

    static func outputNotWritten(_ reason: String?) -> LocalizedText {
        t("de uitvoer kan niet worden geschreven: \(reason ?? "schrijffout")", "the output could not be written: \(reason ?? "write error")")
    }

    // MARK: - The knowledge folder

    static func knowledgeNotFound(_ tried: [String]) -> LocalizedText {
        t("geen kennismap gevonden (gezocht in: \(tried.joined(separator: ", "))); geef er een op met --knowledge MAP",
          "no knowledge folder found (looked in: \(tried.joined(separator: ", "))); pass --knowledge DIR")
    }
    static func knowledgeEmpty(_ named: String) -> LocalizedText {
        t("\(named) is leeg; geef een kennismap op", "\(named) is empty; name a knowledge folder")
    }
    static func knowledgeMissing(_ named: String, _ reason: String) -> LocalizedText {
        t("\(named): \(reason); geef een bestaande kennismap op", "\(named): \(reason); name an existing knowledge folder")
    }
    static func knowledgeNotAFolder(_ named: String) -> LocalizedText {
        t("\(named) is geen map; geef de kennismap op, niet een bestand daarin",
          "\(named) is not a folder; name the knowledge folder, not a file in it")
    }
    static func knowledgeNoFiles(_ folder: String) -> LocalizedText {
        t("de kennismap \(folder) bevat geen kennisbestanden (.yaml of .yml); geef de map met de kennisbank op",
          "the knowledge folder \(folder) holds no knowledge files (.yaml or .yml); name the folder that holds the knowledge base")
    }
    static func knowledgeUnreadable(_ folder: String, _ reason: String) -> LocalizedText {
        t("de kennismap \(folder) kan niet worden gelezen: \(reason)", "cannot read the knowledge folder \(folder): \(reason)")
    }
    static func knowledgeProblems(_ count: Int) -> LocalizedText {
        t("de kennisbank heeft \(count) probleem/problemen; 'dmcc-advisor lint' geeft de details:",
          "the knowledge base has \(count) problem(s); run 'dmcc-advisor lint' for details:")
    }

    static func noInterruptedSession(in folder: String) -> LocalizedText {
        t("geen onderbroken sessie in \(folder); er begint een nieuwe", "no interrupted session in \(folder); starting a new one")
    }
    static func incompleteNotSaved(missing fact: String) -> LocalizedText {
        t("het advies is onvolledig, dus er is niets opgeslagen; beantwoord nog: \(fact)",
          "the advice is incomplete, so nothing was saved; answer: \(fact)")
    }

    /// An error in both languages: the records folder's, the PDF printer's, a refused resolve or fact;
    /// any other error as it describes itself.
    static func reason(_ error: Error) -> LocalizedText {
        if let failure = error as? TranscriptStore.Failure { return failure.text }
        if let failure = error as? ConsultantKey.Failure { return failure.text }
        if let failure = error as? ConsultantKey.Unusable { return failure.text }
        if let failure = error as? RecordFile.Failure { return failure.text }
        if let failure = error as? PDFPrinter.Failure { return failure.text }
        if let refusal = error as? ResolveError { return resolveRefusal(refusal) }
        if let advice = error as? AdviceError { return adviceError(advice) }
        return t("\(error)", "\(error)")
    }

    // MARK: - Facts and dates given on the command line

    static func adviceError(_ error: AdviceError) -> LocalizedText {
        switch error {
        case .malformedFact(let text):
            t("'\(text)' is geen feit; schrijf het als naam=waarde, bijv. purpose=marketing-message",
              "'\(text)' is not a fact; write it as name=value, e.g. purpose=marketing-message")
        case .missingValue(let fact, let valid):
            t("feit '\(fact)' heeft geen waarde; schrijf het als \(fact)=WAARDE met een van: \(valid.joined(separator: ", "))",
              "fact '\(fact)' has no value; write it as \(fact)=VALUE with one of: \(valid.joined(separator: ", "))")
        case .unknownFact(let name, let valid):
            t("onbekend feit '\(name)'; geldige feiten: \(valid.joined(separator: ", "))",
              "unknown fact '\(name)'; valid facts: \(valid.joined(separator: ", "))")
        case .unknownValue(let fact, let value, let valid):
            t("'\(value)' is geen waarde van feit '\(fact)'; geldige waarden: \(valid.joined(separator: ", "))",
              "'\(value)' is not a value of fact '\(fact)'; valid values: \(valid.joined(separator: ", "))")
        case .conflictingFact(let fact, let first, let second):
            t("feit '\(fact)' is twee keer gegeven, als '\(first)' en als '\(second)'; geef het één keer",
              "fact '\(fact)' is given twice, as '\(first)' and as '\(second)'; give it once")
        case .valueNotOffered(let question, let fact, let value, let offered):
            t("vraag '\(question)' accepteert hier geen \(fact)=\(value); wel: \(offered.joined(separator: ", "))",
              "question '\(question)' does not accept \(fact)=\(value) here; it accepts: \(offered.joined(separator: ", "))")
        case .dateNotCovered(let date, let from):
            t("de kennisbank geeft advies voor actiedata vanaf \(from), niet voor \(date)",
              "the knowledge gives advice for action dates from \(from) on, not for \(date)")
        case .invalidDate(let text):
            t("'\(text)' is geen datum; schrijf die als JJJJ-MM-DD, bijv. 2026-11-29",
              "'\(text)' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-29")
        case .outcomeNotValid(let outcome, let date):
            t("uitkomst '\(outcome)' geldt niet op \(date); de kennisbank heeft hier een datumwissel nodig (voer lint uit)",
              "outcome '\(outcome)' does not hold on \(date); the knowledge needs a date switch here (run lint)")
        }
    }

    /// Why `transcripts resolve` refused, saying what to type instead.
    static func resolveRefusal(_ error: ResolveError) -> LocalizedText {
        switch error {
        case .advice(let error): adviceError(error)
        case .notAnOpenPoint(let fact, let open):
            t("'\(fact)' is geen open punt van dit verslag; de open punten zijn: \(open.joined(separator: ", "))",
              "'\(fact)' is not an open point of this record; its open points are: \(open.joined(separator: ", "))")
        case .stillUnknown(let fact):
            t("geef een waarde voor '\(fact)': een open punt oplossen met 'unknown' laat het open",
              "give a value for '\(fact)': resolving an open point with 'unknown' leaves it open")
        case .noOpenPoints(let id):
            t("verslag \(id) heeft geen open punten; er is niets op te lossen", "record \(id) has no open points; nothing to resolve")
        case .nothingGiven(let open):
            t("geef het antwoord op een open punt met --fact NAAM=WAARDE; open punten: \(open.joined(separator: ", "))",
              "name the answer to an open point with --fact NAME=VALUE; open points: \(open.joined(separator: ", "))")
        }
    }

    // MARK: - The records folder

    static func noRecordsFolder(_ folder: String) -> LocalizedText {
        t("de verslagenmap \(folder) bestaat niet; kies een andere met --transcripts MAP of DMCC_TRANSCRIPTS",
          "the records folder \(folder) does not exist; choose another with --transcripts DIR or DMCC_TRANSCRIPTS")
    }
    static func recordsFolderNotAFolder(_ folder: String) -> LocalizedText {
        t("de verslagenmap \(folder) is geen map; kies een andere met --transcripts MAP of DMCC_TRANSCRIPTS",
          "the records folder \(folder) is not a folder; choose another with --transcripts DIR or DMCC_TRANSCRIPTS")
    }
    static func recordsFolderUnreadable(_ folder: String, _ reason: String) -> LocalizedText {
        t("de verslagenmap \(folder) kan niet worden gelezen: \(reason); kies een andere met --transcripts MAP of DMCC_TRANSCRIPTS",
          "cannot read the records folder \(folder): \(reason); choose another with --transcripts DIR or DMCC_TRANSCRIPTS")
    }
    static func notARecordID(_ id: String) -> LocalizedText {
        t("'\(id)' is geen verslag-id (die zien eruit als 20261129-143012-a1b2c3)",
          "'\(id)' is not a record id (they look like 20261129-143012-a1b2c3)")
    }
    static func noSuchRecord(_ id: String, in folder: String) -> LocalizedText {
        t("geen verslag '\(id)' in \(folder)", "no record '\(id)' in \(folder)")
    }
    static func unreadableRecord(_ id: String, _ reason: LocalizedText) -> LocalizedText {
        t("\(id).json: \(reason.text(.nl)); 'transcripts verify \(id)' zegt meer",
          "\(id).json: \(reason.text(.en)); 'transcripts verify \(id)' says more")
    }
    /// A file `list` or `stale` leaves out.
    static func skipped(_ file: String, _ reason: LocalizedText) -> LocalizedText {
        t("\(file): \(reason.text(.nl)); overgeslagen", "\(file): \(reason.text(.en)); skipped")
    }
    static let markdownCopyMissing = t("de Markdown-kopie ontbreekt (een onderbroken opslag?)", "its Markdown copy is missing (an interrupted save?)")
    static let notAFile = t("geen bestand", "not a file")
    static func cannotReadTrustedKeys(_ file: String, _ reason: String) -> LocalizedText {
        t("\(file) kan niet worden gelezen: \(reason)", "cannot read \(file): \(reason)")
    }

    // MARK: - list

    static let emptyClient = t("--client is leeg en zou dus geen enkel verslag vinden; geef (een deel van) de naam van een klant, of laat --client weg om alle klanten te tonen",
                               "--client is empty, so it would match no record; give (part of) a client's name, or leave --client out to list every client")
    static func unknownVerdict(_ verdict: String, choices: String) -> LocalizedText {
        t("onbekend oordeel '\(verdict)'; gebruik een van: \(choices)", "unknown verdict '\(verdict)'; use one of: \(choices)")
    }

    // MARK: - verify

    static let notNamedLikeARecord = t("de naam is geen verslag-id", "not named like a record")
    static func verified(_ passed: Int, of total: Int, in folder: String) -> LocalizedText {
        t("\(passed) van \(total) verslag(en) gecontroleerd in \(folder)", "\(passed) of \(total) record(s) verified in \(folder)")
    }
    static func failedRecords(_ ids: [String]) -> LocalizedText {
        t("afgekeurd: \(ids.joined(separator: ", "))", "failed: \(ids.joined(separator: ", "))")
    }

    // MARK: - show

    static func refusedLetter(_ id: String, format: String) -> LocalizedText {
        t("verslag \(id) is niet door de controle gekomen, dus er is geen \(format)-brief gemaakt:",
          "record \(id) failed verification, so no \(format) letter was written:")
    }
    static func refusedFailedRecord(_ id: String, command: String) -> LocalizedText {
        t("verslag \(id) is niet door de controle gekomen, dus '\(command)' bouwt er niet op voort:",
          "record \(id) failed verification, so '\(command)' does not build on it:")
    }
    static func verifySaysTheSame(_ id: String) -> LocalizedText {
        t("'transcripts verify \(id)' zegt hetzelfde; een verslag dat niet door de controle komt, mag niet naar een klant",
          "'transcripts verify \(id)' says the same; a record that fails must not reach a client")
    }
    static func failedWarning(_ id: String) -> LocalizedText {
        t("WAARSCHUWING: verslag \(id) is niet door de controle gekomen; wat volgt kan zijn gewijzigd of vervalst:",
          "WARNING: record \(id) failed verification; what follows may have been edited or forged:")
    }
    static let outputOnlyForLetters = t("--output is voor --format html of pdf; de andere formaten schrijven naar de standaarduitvoer",
                                        "--output is for --format html or pdf; the other formats print to standard output")
    static func wrote(_ path: String) -> LocalizedText { t("geschreven: \(path)", "wrote \(path)") }
    static func cannotWrite(_ path: String, _ reason: String) -> LocalizedText {
        t("\(path) kan niet worden geschreven: \(reason)", "cannot write \(path): \(reason)")
    }
    static func alreadyExists(_ path: String) -> LocalizedText {
        t("\(path) bestaat al; kies een andere --output of voeg --force toe om het te vervangen",
          "\(path) already exists; choose another --output or add --force to replace it")
    }
    /// Said when no browser is installed: how to get a PDF anyway.
    static func noBrowser(_ names: [String]) -> LocalizedText {
        t("geen Chromium gevonden om de PDF te maken (gezocht naar \(names.joined(separator: ", ")) op het PATH en $DMCC_CHROMIUM). "
          + "Installeer het (Debian/Ubuntu: apt-get install chromium), of schrijf de pagina met '--format html --output BESTAND.html', "
          + "open die in een browser en druk hem af als PDF",
          "no Chromium found to print the PDF (looked for \(names.joined(separator: ", ")) on the PATH and $DMCC_CHROMIUM). "
          + "Install it (Debian/Ubuntu: apt-get install chromium), or write the page with '--format html --output FILE.html', "
          + "open it in any browser and print it to PDF")
    }
    static func noTemporaryFolder(_ reason: String) -> LocalizedText {
        t("er kan geen tijdelijke map voor de PDF worden gemaakt: \(reason)", "cannot make a temporary folder for the PDF: \(reason)")
    }
    /// - Parameter status: the browser's exit status, nil when it was stopped after `timeout` seconds.
    static func noPDF(_ browser: String, status: Int32?, timeout: Int, said: String) -> LocalizedText {
        let tail = said.isEmpty ? "" : ": " + said
        return t("\(browser) maakte geen PDF (\(status.map { "exit \($0)" } ?? "geen antwoord binnen \(timeout) s, gestopt"))\(tail); "
                 + "schrijf als omweg de pagina met '--format html --output BESTAND.html' en druk hem af vanuit een browser",
                 "\(browser) made no PDF (\(status.map { "exit \($0)" } ?? "no answer within \(timeout) s, stopped"))\(tail); "
                 + "as a way around, write the page with '--format html --output FILE.html' and print it from a browser")
    }
    static func cannotStart(_ program: String, _ reason: String) -> LocalizedText {
        t("\(program) kan niet worden gestart: \(reason)", "cannot start \(program): \(reason)")
    }
    static func cannotReadFirm(_ path: String) -> LocalizedText {
        t("de kantoorinstellingen \(path) kunnen niet worden gelezen", "cannot read the firm settings \(path)")
    }
    static func firmProblems(_ count: Int) -> LocalizedText {
        t("de kantoorinstellingen hebben \(count) probleem/problemen:", "the firm settings have \(count) problem(s):")
    }

    // MARK: - replay, resolve, stale

    static func replayChanged(_ id: String) -> LocalizedText { t("Het advies is veranderd sinds \(id).", "The advice has changed since \(id).") }
    static func replayHolds(_ id: String) -> LocalizedText { t("Het advies van \(id) geldt nog.", "The advice of \(id) still holds.") }
    static let replayQuotesOther = t("(De verschillen staan in het Engels, de taal waarin het verslag is opgeslagen.)",
                                     "(The differences are quoted in Dutch, the language the record was saved in.)")

    static func alreadySuperseded(_ id: String, by newer: [String], latest: [String]) -> LocalizedText {
        let commands = latest.map { "transcripts resolve \($0)" }
        return t("verslag \(id) is al vervangen door \(newer.joined(separator: ", ")); er is niets opgeslagen. "
                 + "Los de nieuwste versie op: \(commands.joined(separator: " of "))",
                 "record \(id) is already superseded by \(newer.joined(separator: ", ")); nothing saved. "
                 + "Resolve the latest version instead: \(commands.joined(separator: " or "))")
    }
    static func otherKnowledge(_ old: String, _ new: String) -> LocalizedText {
        t("let op: het verslag gebruikte kennisbank \(old); het nieuwe advies volgt \(new)",
          "note: the record used knowledge \(old); the new advice follows \(new)")
    }
    static func knowledgeNowAsks(_ question: LocalizedText, fact: String, values: [String]) -> LocalizedText {
        t("de kennisbank vraagt nu ook: \(question.text(.nl)) (\(fact): \(values.joined(separator: ", "))); niets opgeslagen",
          "the knowledge now also asks: \(question.text(.en)) (\(fact): \(values.joined(separator: ", "))); nothing saved")
    }
    static func conclusionNotCarried(_ id: String) -> LocalizedText {
        t("de conclusie van \(id) is niet overgenomen: die was geschreven bij het voorwaardelijke advies; "
          + "geef het nieuwe advies een eigen conclusie met --conclusion TEKST bij transcripts resolve",
          "the conclusion of \(id) was not carried over: it was written for the conditional advice; "
          + "give the new advice its own with --conclusion TEXT on transcripts resolve")
    }
    static func savedSuperseding(_ id: String, _ old: String) -> LocalizedText {
        t("Opgeslagen als \(id); vervangt \(old).", "Saved as \(id); supersedes \(old).")
    }
    static func stillOpen(_ facts: [String]) -> LocalizedText {
        t("Nog open: \(facts.joined(separator: ", "))", "Still open: \(facts.joined(separator: ", "))")
    }
    static func onDate(_ message: String) -> LocalizedText { t("--on: \(message)", "--on: \(message)") }

    // MARK: - sync

    static func notInGit(_ folder: String) -> LocalizedText {
        t("\(folder) staat niet in een git-repository, dus er is niets te synchroniseren. Om verslagen te delen: "
          + "git clone de repository van het team en gebruik een map daarin met --transcripts (zie de README, 'Sharing records through git')",
          "\(folder) is not inside a git repository, so there is nothing to sync. To share records: "
          + "git clone the team's repository and use a folder in it with --transcripts (see the README, 'Sharing records through git')")
    }
    static func noRemote(_ folder: String, path: String) -> LocalizedText {
        t("de git-repository van \(folder) heeft geen remote; voeg die van het team toe met 'git -C \(path) remote add origin URL'",
          "the git repository of \(folder) has no remote; add the team's with 'git -C \(path) remote add origin URL'")
    }
    static func detachedHead(_ folder: String, path: String) -> LocalizedText {
        t("de git-repository van \(folder) staat niet op een branch (detached HEAD); check er eerst een uit, bijv. 'git -C \(path) switch main'",
          "the git repository of \(folder) is not on a branch (detached HEAD); check one out first, e.g. 'git -C \(path) switch main'")
    }
    static func unreachableRemote(_ remote: String) -> LocalizedText {
        t("de remote '\(remote)' is niet bereikbaar", "could not reach the remote '\(remote)'")
    }
    static let pushFailed = t("git push is mislukt", "git push failed")
    static let pullFailed = t("git pull --rebase is mislukt", "git pull --rebase failed")
    static func pullConflict(_ files: [String], root: String) -> LocalizedText {
        t("git pull --rebase is gestopt op een conflict in \(files.joined(separator: ", ")). Verslagen botsen nooit "
          + "(elk heeft een eigen naam), dus dit is een ander bestand. Los het op in \(root): bewerk het bestand, 'git add' het en "
          + "'git rebase --continue', of 'git rebase --abort' om terug te gaan naar waar u was; voer daarna 'transcripts sync' opnieuw uit",
          "git pull --rebase stopped on a conflict in \(files.joined(separator: ", ")). Records never conflict "
          + "(each has its own name), so this is another file. Resolve it in \(root): edit the file, 'git add' it and "
          + "'git rebase --continue', or 'git rebase --abort' to go back to where you were; then run 'transcripts sync' again")
    }
    static func syncFailed(_ what: LocalizedText, _ reason: String, folder: String) -> LocalizedText {
        t("\(what.text(.nl)): \(reason); er gaat niets verloren, uw verslagen blijven vastgelegd in \(folder); probeer 'transcripts sync' later opnieuw",
          "\(what.text(.en)): \(reason); nothing is lost, your records stay committed in \(folder); try 'transcripts sync' again later")
    }
    static func synced(_ folder: String, remote: String, received: Int) -> LocalizedText {
        t("\(folder) gesynchroniseerd met \(remote): \(received) nieuw(e) verslag(en) van het team",
          "synced \(folder) with \(remote): \(received) new record(s) from the team")
    }
}
