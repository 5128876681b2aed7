/// Tiny binary resources of the sample portal: a valid JPEG per article and a valid PDF.
enum SampleAssets {
  /// An 8×8 grey baseline JPEG carrying `comment` in a COM segment (so every image differs).
  ///
  /// Built by hand: one DC and one AC Huffman table of a single 1-bit code each, one block whose
  /// DC difference is 0 followed by end-of-block.
  static func jpeg(comment: String) -> [UInt8] {
    var b: [UInt8] = [0xFF, 0xD8]
    // APP0 JFIF.
    b += [
      0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00,
      0x01, 0x00, 0x00,
    ]
    // COM.
    let text = Array(comment.utf8.prefix(200))
    let comLength = text.count + 2
    b += [0xFF, 0xFE, UInt8(comLength >> 8), UInt8(comLength & 0xFF)] + text
    // DQT: table 0, all ones.
    b += [0xFF, 0xDB, 0x00, 0x43, 0x00] + [UInt8](repeating: 1, count: 64)
    // SOF0: 8-bit, 8×8, one component (id 1, 1×1 sampling, table 0).
    b += [0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]
    // DHT: DC table 0 and AC table 0, each one code of length 1 for symbol 0.
    let counts: [UInt8] = [1] + [UInt8](repeating: 0, count: 15)
    b += [0xFF, 0xC4, 0x00, 0x14, 0x00] + counts + [0x00]
    b += [0xFF, 0xC4, 0x00, 0x14, 0x10] + counts + [0x00]
    // SOS: one component, tables 0/0, spectral 0–63.
    b += [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]
    // Scan: DC "0" (difference 0), AC "0" (EOB), padded with ones.
    b += [0x3F]
    b += [0xFF, 0xD9]
    return b
  }

  /// A one-page PDF 1.4 showing `line` (ASCII), with a correct cross-reference table.
  static func pdf(line: String) -> [UInt8] {
    let safe = String(
      line.unicodeScalars.filter { $0.isASCII && $0 != "(" && $0 != ")" && $0 != "\\" }
        .map(Character.init))
    let stream = "BT /F1 18 Tf 36 72 Td (\(safe)) Tj ET"
    let objects = [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 360 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    var out = "%PDF-1.4\n"
    var offsets: [Int] = []
    for (k, body) in objects.enumerated() {
      offsets.append(out.utf8.count)
      out += "\(k + 1) 0 obj\n\(body)\nendobj\n"
    }
    let xref = out.utf8.count
    out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for o in offsets {
      let digits = String(o)
      out += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
    }
    out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return Array(out.utf8)
  }
}
