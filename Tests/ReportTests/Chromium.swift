import Foundation

/// Headless Chromium (the Debian package `chromium`, installed by `make deps`), run on a report
/// written to a temporary file.
enum Chromium {
    /// The browser's path: $CHROMIUM, or the first of the usual names on $PATH; nil when absent.
    static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: explicit) {
            return explicit
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders + ["/usr/bin"] where FileManager.default.isExecutableFile(atPath: folder + "/" + name)
            {
                return folder + "/" + name
            }
        }
        return nil
    }()

    static let isInstalled = path != nil

    struct Output {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Writes `page` to a temporary file and returns its file URL.
    static func save(_ page: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).html")
        try page.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Runs the browser headless on `url` with `arguments`, each run in its own profile, killed
    /// after `timeout` seconds.
    static func run(_ arguments: [String], url: String, timeout: TimeInterval = 90) throws -> Output {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments =
            [
                "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
                "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
            ]
            + arguments + [url]
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString).out")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        // Files, not pipes: a chatty browser cannot block on a full pipe.
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return Output(
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "",
            status: process.terminationStatus)
    }

    /// The DOM after the page's scripts ran, with the what-if fragment if given.
    static func dumpDOM(of page: URL, fragment: String? = nil) throws -> Output {
        try run(["--dump-dom"], url: page.absoluteString + (fragment.map { "#" + $0 } ?? ""))
    }

    /// The console messages Chromium logged that are errors (uncaught exceptions, failed
    /// loads), from its stderr log.
    static func consoleErrors(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { line in
            line.contains("CONSOLE")
                && (line.contains("Uncaught") || line.contains("Error") || line.contains(":ERROR:"))
        }
    }

    /// Takes a screenshot of `page` at the given window size.
    static func screenshot(of page: URL, width: Int = 1000, height: Int = 1400) throws -> Data {
        let png = FileManager.default.temporaryDirectory.appendingPathComponent("shot-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: png) }
        _ = try run(["--screenshot=\(png.path)", "--window-size=\(width),\(height)"], url: page.absoluteString)
        return try Data(contentsOf: png)
    }
}

extension Chromium {
    /// Prints `page` to PDF as a reader's "Save as PDF" would (A4 from the page's `@page` rule;
    /// no browser header or footer).
    static func printToPDF(of page: URL) throws -> Data {
        let pdf = FileManager.default.temporaryDirectory.appendingPathComponent("print-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: pdf) }
        _ = try run(["--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer"], url: page.absoluteString)
        return try Data(contentsOf: pdf)
    }
}

/// The number of pages of a PDF: the `/Count` of its page tree's root, which is the largest
/// `/Count` in the file (intermediate page-tree nodes count their own pages only).
func pdfPageCount(_ pdf: Data) -> Int? {
    let text = String(decoding: pdf, as: UTF8.self)
    let regex = try? NSRegularExpression(pattern: #"/Count (\d+)"#)
    let range = NSRange(text.startIndex..., in: text)
    let counts =
        regex?.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).flatMap { Int(text[$0]) }
        } ?? []
    return counts.max()
}

/// The number of distinct colours in a PNG (sampled on a 4-pixel grid), decoded by a short
/// Python script with the standard library only (zlib); nil when python3 is absent.
func distinctColours(png: Data) throws -> Int? {
    let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    guard let python else { return nil }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("colours-\(UUID().uuidString).png")
    try png.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", pngColourScript, file.path]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}

private let pngColourScript = #"""
    import struct, sys, zlib
    data = open(sys.argv[1], "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
    assert depth == 8, "bit depth %d" % depth
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour_type]
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    colours = set()
    i = 0
    for y in range(height):
        kind = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = previous[x]
            c = previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 4 == 0:
            for x in range(0, stride, 4 * bpp):
                colours.add(bytes(line[x:x + bpp]))
        previous = line
    print(len(colours))
    """#
