import ArgumentParser
import DMCCCore
import Foundation

struct Transcripts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcripts",
        abstract: "List, show, verify and replay saved advice records.",
        subcommands: [List.self, Show.self, Verify.self, Replay.self, Resolve.self])
}
