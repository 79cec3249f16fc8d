/// What the core says about a saved record and a signing key, in both languages, in one table:
/// why a record fails `transcripts verify` (and `show`, `replay`, `resolve`), who signed it, what is
/// wrong with a signing key, and why a save with an unusable key is refused (`advise --save` and the
/// wizard say the same). The shell's own messages are in its `CLIText`; the wizard's in `WizardText`.
public enum RecordText {
    static func t(_ nl: String, _ en: String) -> LocalizedText { LocalizedText(nl: nl, en: en) }

    // MARK: - What a record's check finds

    static func unknownFormat(_ format: String) -> LocalizedText {
        t("onbekend verslagformaat '\(format)'", "unknown record format '\(format)'")
    }
    static func holdsOtherRecord(_ found: String, expected: String) -> LocalizedText {
        t("het bestand bevat verslag '\(found)', niet '\(expected)'", "the file holds record '\(found)', not '\(expected)'")
    }
    static let noSeal = t("het verslag heeft geen zegel", "the record has no seal")
    static let brokenSeal = t("de inhoud klopt niet met het SHA-256-zegel: het verslag is gewijzigd nadat het is opgeslagen",
                              "the content does not match its SHA-256 seal: the record was changed after it was saved")
    static let markdownDiffers = t("de Markdown-kopie wijkt af van wat het JSON-verslag zegt",
                                   "the Markdown copy differs from what the JSON record states")
    static let markdownMissing = t("de Markdown-kopie ontbreekt", "the Markdown copy is missing")
    static let notJSON = t("het JSON-bestand is geen geldige JSON", "the JSON file is not valid JSON")
    static func keyTwice(_ key: String) -> LocalizedText {
        t("de sleutel '\(key)' staat twee keer in één object: een lezer ziet de ene waarde en het zegel de andere",
          "the key '\(key)' appears twice in one object: a reader sees one value and the seal another")
    }
    static func notAnAdviceRecordFile(_ detail: String) -> LocalizedText {
        t("het JSON-bestand is geen adviesverslag (\(detail))", "the JSON file is not an advice record (\(detail))")
    }
    static let holdsMore = t("het JSON-bestand bevat meer dan het verslag laat zien (een onbekende sleutel, een null of een anders geschreven waarde)",
                             "the JSON file holds more than the record shows (an unknown key, a null or a value written differently)")

    // MARK: - A record file that cannot be shown (RecordFile.Failure)

    static func notAnAdviceRecord(_ detail: String?) -> LocalizedText {
        detail.map { t("geen adviesverslag (\($0))", "not an advice record (\($0))") } ?? t("geen adviesverslag", "not an advice record")
    }
    static func keyTwiceRefused(_ key: String) -> LocalizedText {
        t("de sleutel '\(key)' staat twee keer in één object; het verslag wordt geweigerd",
          "the key '\(key)' appears twice in one object; the record is refused")
    }
    static let fileHoldsMore = t("het bestand bevat meer dan het verslag laat zien (een onbekende sleutel, een null of een anders geschreven waarde)",
                                 "the file holds more than the record shows (an unknown key, a null or a value written differently)")

    // MARK: - The firm settings (firm.yaml)

    static func firmFieldWithoutText(_ key: String) -> LocalizedText {
        t("'\(key)' heeft geen tekst; schrijf het als gewone tekst of als {nl: ..., en: ...}",
          "'\(key)' has no text; write it as plain text or as {nl: ..., en: ...}")
    }

    // MARK: - Who signed a record (after `ok   ID  ` or `FAIL ID: `)

    static func signedBy(_ name: String) -> LocalizedText { t("ondertekend door \(name)", "signed by \(name)") }
    static let sealedUnsigned = t("verzegeld, niet ondertekend", "sealed, unsigned")
    static let sealedNotSigned = t("verzegeld, maar niet ondertekend", "sealed, but not signed")
    static func untrustedKey(_ fingerprint: String) -> LocalizedText {
        t("ondertekend met een sleutel die niet vertrouwd wordt (vingerafdruk \(fingerprint))",
          "signed with a key that is not trusted (fingerprint \(fingerprint))")
    }
    static let signatureMismatch = t("de handtekening klopt niet", "the signature does not match")

    // MARK: - A signing key that cannot be used

    static let keyLineMalformed = t("verwacht 'name NAAM' of 'private-key BASE64'", "expected 'name NAME' or 'private-key BASE64'")
    static func keyUnknownField(_ field: String) -> LocalizedText { t("onbekend veld '\(field)'", "unknown field '\(field)'") }
    static let keyNoPrivateKey = t("geen regel 'private-key'", "no 'private-key' line")
    static let keyNot32Bytes = t("de privésleutel is geen 32 bytes in base64", "the private key is not 32 bytes of base64")
    static let keyNoName = t("geen regel 'name'", "no 'name' line")
    static func keyAtLine(_ line: Int, _ reason: LocalizedText) -> LocalizedText {
        t("regel \(line): \(reason.text(.nl))", "line \(line): \(reason.text(.en))")
    }

    // MARK: - The team's trusted keys (trusted-keys)

    static let trustedLineMalformed = t("verwacht 'NAAM SLEUTEL' (een naam, dan de publieke sleutel in base64)",
                                        "expected 'NAME KEY' (a name, then the base64 public key)")
    /// Also said by `keys trust` for a key given on its command line.
    public static func notAPublicKey(_ key: String) -> LocalizedText {
        t("'\(key)' is geen publieke sleutel (44 tekens base64, zoals 'dmcc-advisor keys show' hem toont)",
          "'\(key)' is not a public key (44 characters of base64, as 'dmcc-advisor keys show' prints)")
    }
    static func trustedTwice(_ name: String, line: Int) -> LocalizedText {
        t("deze sleutel wordt al vertrouwd als '\(name)' op regel \(line)", "this key is already trusted as '\(name)' on line \(line)")
    }

    /// Why the consultant's signing key `path` cannot be used, and what to do: `readError` is the
    /// system's reason when the file cannot be read; else `damage` says what is wrong with it.
    public static func signingKeyUnusable(_ path: String, readError: String?, damage: LocalizedText?) -> LocalizedText {
        if let readError {
            return t("uw ondertekeningssleutel \(path) kan niet worden gelezen (\(readError)); maak het bestand leesbaar voor uzelf "
                     + "(chmod 600), maak een nieuwe sleutel met 'dmcc-advisor keys init --force', of zet het bestand opzij om "
                     + "zonder handtekening op te slaan",
                     "your signing key \(path) cannot be read (\(readError)); make the file readable for yourself (chmod 600), "
                     + "make a new key with 'dmcc-advisor keys init --force', or move the file away to save unsigned")
        }
        return t("uw ondertekeningssleutel \(path) is beschadigd\(damage.map { " (\($0.text(.nl)))" } ?? ""); herstel het bestand, "
                 + "maak een nieuwe sleutel met 'dmcc-advisor keys init --force' (en laat het team de nieuwe publieke sleutel "
                 + "vertrouwen), of zet het bestand opzij om zonder handtekening op te slaan",
                 "your signing key \(path) is damaged\(damage.map { " (\($0.text(.en)))" } ?? ""); repair the file, make a new key "
                 + "with 'dmcc-advisor keys init --force' (and have the team trust the new public key), or move the file away "
                 + "to save unsigned")
    }

    /// A save refused because the signing key cannot be used: never saved unsigned.
    public static func notSavedKeyUnusable(_ path: String, readError: String?, damage: LocalizedText?) -> LocalizedText {
        let why = signingKeyUnusable(path, readError: readError, damage: damage)
        return t("niet opgeslagen: \(why.text(.nl)); er is niets opgeslagen", "not saved: \(why.text(.en)); nothing was saved")
    }
}
