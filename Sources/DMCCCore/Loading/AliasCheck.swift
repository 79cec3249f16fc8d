// libyaml's event parser, which Yams is built on. Yams exposes only whole documents, and it
// composes aliases into the tree (and hashes them as mapping keys) before we could count them.
import CYaml

/// Counts the nodes a YAML text stands for once its aliases are resolved, from libyaml's events,
/// without building anything, so that an "alias bomb" is refused in linear time.
enum AliasExpansion {
    /// The line and column (1-based) of the alias that takes a collection past `limit` nodes, or
    /// nil when the text stays within it. Syntax errors are left to the real parse to report.
    static func firstAliasBeyond(_ limit: Int, in bytes: [UInt8]) -> (line: Int, column: Int)? {
        // Without any '*' there is no alias: skip the extra pass for the usual file.
        guard bytes.contains(UInt8(ascii: "*")) else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> (line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var sizes: [String: Int] = [:]
            var open: [(anchor: String?, size: Int)] = []
            func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            }
            /// Adds a finished node of `size` to the collection it is in; true when that goes past the limit.
            func add(_ size: Int, anchor: String?) -> Bool {
                if let anchor { sizes[anchor] = size }
                guard !open.isEmpty else { return size > limit }
                open[open.count - 1].size += size
                return open[open.count - 1].size > limit
            }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let mark = (line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    if add(1, anchor: name(event.data.scalar.anchor)) { return mark }
                case YAML_ALIAS_EVENT:
                    if add(sizes[name(event.data.alias.anchor) ?? ""] ?? 1, anchor: nil) { return mark }
                case YAML_SEQUENCE_START_EVENT:
                    open.append((name(event.data.sequence_start.anchor), 1))
                case YAML_MAPPING_START_EVENT:
                    open.append((name(event.data.mapping_start.anchor), 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let done = open.popLast() else { return nil }
                    if add(done.size, anchor: done.anchor) { return mark }
                default:
                    break
                }
            }
        }
    }
}
