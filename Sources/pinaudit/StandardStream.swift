import Foundation
import PinAuditCore

/// Writes to standard output and standard error with `write(2)` and reports failures as values.
/// Foundation's `FileHandle.write(_:)` traps on any write error (a full disk, a closed pipe when
/// SIGPIPE is ignored, as under Python's `subprocess`); pinaudit must end with a message instead.
enum StandardStream {
    enum WriteFailure: Error, CustomStringConvertible {
        /// The reader went away (`| head -1`): nothing more to say to it.
        case readerClosed
        case failed(errno: Int32)

        var description: String {
            switch self {
            case .readerClosed: return "the reader closed the pipe"
            case .failed(let code): return String(cString: strerror(code))
            }
        }
    }

    /// Writes every byte of `text` to `fd`, retrying short writes and interruptions.
    static func write(_ text: String, to fd: Int32) throws(WriteFailure) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written >= 0 { offset += written; continue }
            switch errno {
            case EINTR: continue
            case EAGAIN:
                // A non-blocking descriptor handed down by the caller: wait until it can take more.
                var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&poller, 1, 1000)
            case EPIPE: throw .readerClosed
            case let code: throw .failed(errno: code)
            }
        }
    }

    /// The report on standard output. A closed reader ends the output quietly; any other failure
    /// (a full disk, an I/O error) is an error the user is told about.
    static func writeReport(_ text: String) throws {
        do {
            try write(text, to: STDOUT_FILENO)
        } catch .readerClosed {
            return
        } catch {
            throw InputFailure("cannot write the report to standard output: \(error). Free some space or write the report to a file with -o FILE.")
        }
    }

    /// A message on standard error; if even that cannot be written, there is no one left to tell.
    static func writeMessage(_ text: String) {
        try? write(text, to: STDERR_FILENO)
    }
}
