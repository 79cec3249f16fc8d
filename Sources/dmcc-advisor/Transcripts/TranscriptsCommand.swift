import ArgumentParser
import DMCCCore
import Foundation

struct Transcripts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcripts",
        abstract: "List, show, verify, replay and resolve saved advice records; find stale advice; share them through git.",
        subcommands: [List.self, Show.self, Verify.self, Replay.self, Resolve.self, Stale.self, Sync.self])
}
