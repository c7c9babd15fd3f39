/// Control characters in the text a user's terminal will show.
///
/// An id or a name holding ESC (U+001B) could rewrite the terminal when a table or a message
/// prints it, and NUL or a line break would break the line-per-candidate outputs. They are
/// refused where names and ids are loaded (states.csv's `id`, `name`, `name_fr`, `name_es`, `region`, `subregion`;
/// every text of model.yaml), and escaped as `\u{1B}` in every diagnostic, which may quote a cell
/// of any file.
enum ControlCharacters {
    /// Whether `scalar` is a control character: C0 (U+0000–U+001F, ESC among them), DEL (U+007F)
    /// or C1 (U+0080–U+009F, where U+009B is a terminal's escape sequence introducer).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The sentence that refuses `text` when it holds a control character (tabs and line breaks
    /// allowed when `allowingLineBreaks`, for free text), or nil.
    static func problem(in text: String, allowingLineBreaks: Bool = false) -> String? {
        for (offset, scalar) in text.unicodeScalars.enumerated() where isControl(scalar) {
            if allowingLineBreaks, scalar == "\n" || scalar == "\t" { continue }
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            let name = scalar == "\u{1B}" ? " (ESC, which starts a terminal escape sequence)" : ""
            return "holds the control character \(code)\(name) at character \(offset + 1); "
                + "ids and names must be printable text"
        }
        return nil
    }
}

extension String {
    /// The text with every control character written as `\u{…}`, safe to print on a terminal.
    var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: ControlCharacters.isControl) else { return self }
        var escaped = ""
        for scalar in unicodeScalars {
            if ControlCharacters.isControl(scalar) {
                escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
