import Glibc

/// Start-up work run on a thread of its own while the main thread does other work, for the
/// start's second core (issue 12): the knowledge's digest is computed beside reading the compiled
/// knowledge. A plain pthread: Foundation's `Thread` and a Dispatch queue cost more to start than
/// the work they would carry.
final class SecondThread<Result>: ThreadBody, @unchecked Sendable {
    // Unchecked: `outcome` is written by the thread before it ends and read only after
    // `pthread_join` returned, which orders the two; `work` is not changed after the start.
    private let work: @Sendable () -> Result
    private var outcome: Result?
    private var thread: pthread_t?

    /// Starts `work`; when no thread can be started, `result()` runs it on the caller's thread.
    init(_ work: @escaping @Sendable () -> Result) {
        self.work = work
        super.init()
        thread = Self.start(self)
    }

    override func run() { outcome = work() }

    /// Waits for the work to end and gives its result.
    func result() -> Result {
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
        if let outcome { return outcome }
        let value = work()
        outcome = value
        return value
    }
}

/// What a thread started by `start` runs; not generic, so that a C function can call it.
class ThreadBody {
    func run() {}

    /// A thread running `body.run()`, which it keeps alive until then; nil when none can be started.
    static func start(_ body: ThreadBody) -> pthread_t? {
        let context = Unmanaged.passRetained(body).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            return nil
        }
        return thread
    }
}
