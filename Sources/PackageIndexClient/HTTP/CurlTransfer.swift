import CCurlShim
import Foundation

/// One easy handle with its request, the bytes received so far and the continuation waiting for it.
/// Only the transport's driver thread touches it once it has been handed over.
final class CurlTransfer {
    let request: HTTPRequest
    var priority: HTTPRequest.Priority { request.priority }
    let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let maxBodyBytes: Int
    private let settings: HTTPTransportSettings
    /// Header bytes received over every response of the transfer (redirects included).
    private var headerBytes = 0
    private var headersTooLarge = false
    private var overBudget = false
    private let budget: InFlightBodyBudget
    /// Body bytes taken from the budget and not yet given back.
    private var budgeted = 0
    /// Whether the run's deadline, not the request timeout, bounds this transfer.
    private var cutByDeadline = false
    /// The most header bytes accepted: real indexes send a few kilobytes.
    static let maxHeaderBytes = 256 * 1024
    var body = Data()
    var headers: [String: String] = [:]
    var statusLineReason = ""
    let continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>

    init?(request: HTTPRequest, settings: HTTPTransportSettings, budget: InFlightBodyBudget,
          continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) {
        guard let easy = curl_easy_init() else { return nil }
        self.request = request
        self.handle = easy
        self.continuation = continuation
        self.maxBodyBytes = request.maxResponseBytes.map { min($0, settings.maxResponseBytes) } ?? settings.maxResponseBytes
        self.settings = settings
        self.budget = budget
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        configure(settings)
    }

    deinit {
        curl_easy_cleanup(handle)
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    private func configure(_ settings: HTTPTransportSettings) {
        pinaudit_easy_setopt_string(handle, CURLOPT_URL, request.url)
        pinaudit_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        pinaudit_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        pinaudit_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        pinaudit_easy_setopt_long(handle, CURLOPT_MAXREDIRS, 10)
        pinaudit_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        if let byteRange = request.byteRange {
            // Offsets count the file's bytes, so the body must come as stored, not compressed.
            headerList = curl_slist_append(headerList, "Range: \(byteRange.headerValue)")
            headerList = curl_slist_append(headerList, "Accept-Encoding: identity")
        } else {
            // An empty string asks for every encoding this libcurl can decode.
            pinaudit_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        }
        pinaudit_easy_setopt_string(handle, CURLOPT_USERAGENT, settings.userAgent)
        pinaudit_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(settings.connectTimeout * 1000))
        if settings.lowSpeedLimit > 0 {
            pinaudit_easy_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, settings.lowSpeedLimit)
            pinaudit_easy_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, Int(settings.lowSpeedTime))
        }
        // A body announced larger than the limit is refused before it arrives.
        pinaudit_easy_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxBodyBytes))
        pinaudit_easy_setopt_long(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        // Over TLS, wait for a connection that can multiplex rather than opening a new one (ALPN
        // says so in the handshake). Plain HTTP is HTTP/1.1 here: waiting would only hold a request
        // until the connection in use finishes its response.
        if request.url.lowercased().hasPrefix("https:") {
            pinaudit_easy_setopt_long(handle, CURLOPT_PIPEWAIT, 1)
        }
        if settings.useNetrc {
            pinaudit_easy_setopt_long(handle, CURLOPT_NETRC, Int(CURL_NETRC_OPTIONAL.rawValue))
            if let netrcFile = settings.netrcFile { pinaudit_easy_setopt_string(handle, CURLOPT_NETRC_FILE, netrcFile) }
        }
        pinaudit_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)

        if let body = request.body {
            // The size first: COPYPOSTFIELDS copies that many bytes (and makes the request a POST).
            pinaudit_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            if body.isEmpty {
                pinaudit_easy_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
            } else {
                body.withUnsafeBytes { bytes in
                    pinaudit_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                }
            }
            if !request.headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                headerList = curl_slist_append(headerList, "Content-Type: application/json")
            }
            // No `Expect: 100-continue` wait before larger bodies.
            headerList = curl_slist_append(headerList, "Expect:")
        }
        for field in request.headers {
            headerList = curl_slist_append(headerList, "\(field.name): \(field.value)")
        }
        if let headerList { pinaudit_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList) }

        let me = Unmanaged.passUnretained(self).toOpaque()
        pinaudit_easy_setopt_pointer(handle, CURLOPT_PRIVATE, me)
        pinaudit_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, me)
        pinaudit_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { buffer, size, count, userdata in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
            return transfer.receiveBody(buffer, size * count)
        }
        pinaudit_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, me)
        pinaudit_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { buffer, size, count, userdata in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
            return transfer.receiveHeaderLine(buffer, size * count)
        }
    }

    /// Sets the transfer's timeout as it starts: the request timeout, or what is left before the
    /// run's deadline when that is sooner. False when the deadline has already passed.
    func arm(now: Date = Date()) -> Bool {
        var timeout = settings.totalTimeout
        if let left = settings.secondsLeft(now: now) {
            guard left > 0.001 else { return false }
            if left < timeout { timeout = left; cutByDeadline = true }
        }
        pinaudit_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, max(1, Int(timeout * 1000)))
        return true
    }

    private func receiveBody(_ buffer: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard let buffer else { return 0 }
        // Returning a different count makes curl abort the transfer with CURLE_WRITE_ERROR.
        if body.count + length > maxBodyBytes { return 0 }
        guard budget.take(length) else {
            overBudget = true
            return 0
        }
        budgeted += length
        if body.isEmpty {
            // All the room the body may take, at once: growing by copies would hold a second copy
            // of a large body for a moment. Pages untouched stay virtual (the allocator maps
            // buffers of 4 MiB and more), so a small body costs no more memory than before.
            body.reserveCapacity(maxBodyBytes)
        }
        body.append(UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: length)
        return length
    }

    private func receiveHeaderLine(_ buffer: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard let buffer else { return 0 }
        headerBytes += length
        if headerBytes > Self.maxHeaderBytes {
            headersTooLarge = true
            return 0
        }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: length)
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            // A new status line: a redirect, 100-continue or the final response begins.
            headers = [:]
            let parts = line.split(separator: " ", maxSplits: 2)
            statusLineReason = parts.count == 3 ? String(parts[2]) : ""
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let existing = headers[name] {
                headers[name] = existing + ", " + value
            } else {
                headers[name] = value
            }
        }
        return length
    }

    /// The outcome once curl reports the transfer done.
    func finish(_ code: CURLcode) -> Result<HTTPResponse, TransportError> {
        releaseBudget()
        guard code == CURLE_OK else {
            let message = String(cString: errorBuffer)
            var error = TransportError.fromCurl(code, detail: message.isEmpty ? String(cString: curl_easy_strerror(code)) : message)
            if headersTooLarge {
                error.kind = .headersTooLarge
            } else if overBudget {
                error.kind = .inFlightLimitExceeded
                body = Data()
            } else if code == CURLE_OPERATION_TIMEDOUT {
                error.kind = timeoutKind(message)
            }
            return .failure(error)
        }
        var status = 0
        pinaudit_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var effective: UnsafePointer<CChar>?
        pinaudit_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective)
        let effectiveURL = effective.map { String(cString: $0) } ?? request.url
        return .success(HTTPResponse(status: status, reasonPhrase: statusLineReason, headers: headers, body: body,
                                     effectiveURL: effectiveURL, httpVersion: httpVersion, newConnections: newConnections))
    }

    /// Gives the body's bytes back to the run's budget (once): the transfer is over.
    func releaseBudget() {
        budget.giveBack(budgeted)
        budgeted = 0
    }

    /// Which limit ended a timed-out transfer: the deadline, the low-speed check (curl says
    /// "Operation too slow. Less than N bytes/sec ..."), the connect timeout (the request was
    /// never about to be sent: no pre-transfer time, even on a reused connection), else the
    /// request timeout.
    private func timeoutKind(_ message: String) -> TransportError.Kind {
        if cutByDeadline, let left = settings.secondsLeft(), left <= 0.05 { return .deadlineExceeded }
        if message.lowercased().contains("too slow") { return .stalled }
        var pretransfer: curl_off_t = 0
        pinaudit_easy_getinfo_off_t(handle, CURLINFO_PRETRANSFER_TIME_T, &pretransfer)
        return pretransfer == 0 ? .connectTimedOut : .timedOut
    }

    private var httpVersion: String {
        var version = 0
        pinaudit_easy_getinfo_long(handle, CURLINFO_HTTP_VERSION, &version)
        switch version {
        case CURL_HTTP_VERSION_1_0: return "1.0"
        case CURL_HTTP_VERSION_1_1: return "1.1"
        case CURL_HTTP_VERSION_2_0: return "2"
        case CURL_HTTP_VERSION_3: return "3"
        default: return ""
        }
    }

    /// Connections curl opened for this transfer (0 when it reused one).
    var newConnections: Int {
        var count = 0
        pinaudit_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &count)
        return count
    }

    /// Bytes received on the wire (compressed size), for statistics.
    var downloadedBytes: Int {
        var size: curl_off_t = 0
        pinaudit_easy_getinfo_off_t(handle, CURLINFO_SIZE_DOWNLOAD_T, &size)
        return Int(size)
    }
}
