/// What a consultancy writes once about itself for the letters it hands to clients: its name and
/// contact details, the disclaimer and the caption above the signature, each in both languages
/// (`firm.yaml` in the records folder, shared with the team). Every field is optional: a missing
/// one is left out of the letter, and the disclaimer and caption fall back to neutral defaults.
public struct FirmSettings: Sendable, Equatable {
    public var name: LocalizedText?
    public var address: LocalizedText?
    public var phone: LocalizedText?
    public var email: LocalizedText?
    public var web: LocalizedText?
    public var disclaimer: LocalizedText?
    public var signature: LocalizedText?

    public init(name: LocalizedText? = nil, address: LocalizedText? = nil, phone: LocalizedText? = nil,
                email: LocalizedText? = nil, web: LocalizedText? = nil, disclaimer: LocalizedText? = nil,
                signature: LocalizedText? = nil) {
        self.name = name
        self.address = address
        self.phone = phone
        self.email = email
        self.web = web
        self.disclaimer = disclaimer
        self.signature = signature
    }

    /// No file: a neutral heading, the default disclaimer and caption.
    public static let none = FirmSettings()

    public static let fileName = "firm.yaml"
    static let keys = ["name", "address", "phone", "email", "web", "disclaimer", "signature"]

    /// The settings in `text`, or every problem with its `file:line`. A field is a plain text (the same in
    /// both languages, as a name or a phone number usually is) or `{nl: ..., en: ...}`. What this reader
    /// says itself is said in `language` (every command passes its session's); the YAML reader's own
    /// problems are in English.
    public static func parse(_ text: String, file: String, language: Language = .en) -> Result<FirmSettings, KnowledgeErrors> {
        // A file of comments only (a template not filled in yet) holds no settings, and that is fine.
        if text.split(separator: "\n").allSatisfy({ String($0).trimmingWhitespace.isEmpty || String($0).trimmingWhitespace.hasPrefix("#") }) {
            return .success(.none)
        }
        var reader = FileReader(file: file)
        guard let root = reader.parse(Array(text.utf8)) else { return .failure(KnowledgeErrors(problems: reader.problems)) }
        guard let fields = reader.fields(root, "the firm settings", allowed: keys, required: []) else {
            return .failure(KnowledgeErrors(problems: reader.problems))
        }
        func read(_ key: String) -> LocalizedText? {
            guard let node = fields[key] else { return nil }
            if node.scalar != nil {
                guard let value = reader.string(node, "'\(key)'") else { return nil }
                return LocalizedText(Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0.rawValue, value) }))
            }
            guard let localized = reader.localized(node, "'\(key)'") else { return nil }
            if localized.byLanguage.isEmpty {
                reader.report(.missingField, at: node, RecordText.firmFieldWithoutText(key).text(language))
                return nil
            }
            return localized
        }
        let settings = FirmSettings(name: read("name"), address: read("address"), phone: read("phone"), email: read("email"),
                                    web: read("web"), disclaimer: read("disclaimer"), signature: read("signature"))
        return reader.problems.isEmpty ? .success(settings) : .failure(KnowledgeErrors(problems: reader.problems))
    }

    /// The disclaimer in the letter: the firm's own, else one that says what the advice is and is not.
    public func disclaimer(_ language: Language) -> String {
        disclaimer?.text(language) ?? Self.defaultDisclaimer(language)
    }

    public func signatureCaption(_ language: Language) -> String {
        signature?.text(language) ?? (language == .nl ? "Met vriendelijke groet," : "Kind regards,")
    }

    /// The contact lines under the name, in the order a letterhead gives them.
    public func contact(_ language: Language) -> [String] {
        [address, phone, email, web].compactMap { $0?.text(language) }
    }

    public static func defaultDisclaimer(_ language: Language) -> String {
        switch language {
        case .nl:
            "Dit advies is een beoordeling van de situatie zoals die hierboven is beschreven, naar de regels die golden op de datum van de actie en de stand van onze kennisbank op de genoemde datum. Het is geen juridisch advies in de zin van de advocatuur en geen garantie dat een toezichthouder of rechter er net zo over oordeelt. Verandert de situatie, de datum of de wet, of blijkt een antwoord anders te zijn, dan kan het advies anders uitvallen: vraag het dan opnieuw."
        case .en:
            "This advice assesses the situation as described above, under the rules that applied on the date of the action and our knowledge base as of the date given. It is not legal advice from a lawyer and no guarantee that a regulator or court will take the same view. If the situation, the date or the law changes, or an answer turns out to be different, the advice may change too: ask again."
        }
    }
}
