import Foundation
import PackageIndexClient

/// A one-line progress bar on standard error (only on a terminal): lookups done / started, bytes.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var started = 0
    private var finished = 0
    private var lastDraw = Date.distantPast
    private let enabled: Bool
    var bytes: () -> Int = { 0 }

    init(enabled: Bool) { self.enabled = enabled }

    func handle(_ event: IndexProgressEvent) {
        guard enabled else { return }
        lock.lock()
        switch event.kind {
        case .started: started += 1
        case .finished: finished += 1
        }
        let now = Date()
        let draw = now.timeIntervalSince(lastDraw) > 0.08 || finished == started
        if draw { lastDraw = now }
        let (done, total) = (finished, started)
        lock.unlock()
        if draw { render(done: done, total: total) }
    }

    private func render(done: Int, total: Int) {
        let width = 24
        let filled = total == 0 ? 0 : width * done / total
        let mb = Double(bytes()) / 1_048_576
        let line = "\r\u{1B}[2K[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] \(done)/\(total) lookups, " + String(format: "%.1f MB", mb)
        StandardStream.writeMessage(line)
    }

    func finish() {
        guard enabled else { return }
        StandardStream.writeMessage("\r\u{1B}[2K")
    }
}
