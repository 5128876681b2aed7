import Testing
import TestSupport

@testable import Charset

/// Proves the table-driven GB18030 decoder equal to glibc iconv (with the skip-one-byte rule)
/// on every 1-, 2- and 4-byte sequence.
@Suite struct GB18030DecoderTests {
  /// Decodes `sequences` (each followed by a space, which no multi-byte sequence can contain,
  /// so each is decoded on its own) with both decoders and compares.
  func expectSameAsIconv(_ sequences: [[UInt8]], _ label: String) {
    var stream: [UInt8] = []
    stream.reserveCapacity(sequences.count * 5)
    for s in sequences {
      stream.append(contentsOf: s)
      stream.append(0x20)
    }
    let ours = GB18030Decoder.decode(stream)
    guard let reference = IconvDecoder.decode(stream, from: "GB18030") else {
      Issue.record("iconv has no GB18030")
      return
    }
    #expect(ours.replacements == reference.replacements, "\(label)")
    if ours.text != reference.text {
      // Locate the first differing sequence for a readable failure.
      for s in sequences {
        let a = GB18030Decoder.decode(s)
        let b = IconvDecoder.decode(s, from: "GB18030")
        if a.text != b?.text {
          Issue.record(
            "\(label): \(s.map { String($0, radix: 16) }) ours \(a) iconv \(String(describing: b))")
          return
        }
      }
      Issue.record("\(label): streams differ but no single sequence does")
    }
  }

  @Test func tablesAreBuilt() {
    #expect(GB18030Decoder.tables != nil)
  }

  @Test func everySingleByte() {
    expectSameAsIconv((0...0xFF).map { [UInt8($0)] }, "1-byte")
  }

  @Test func everyTwoByteSequence() {
    for lead in 0x81...0xFE {
      expectSameAsIconv((0...0xFF).map { [UInt8(lead), UInt8($0)] }, "lead \(lead)")
    }
  }

  @Test func everyFourByteSequence() {
    // All 1,587,600 sequences of the 4-byte shape, BMP and supplementary ranges and beyond.
    for b1 in 0x81...0xFE {
      var sequences: [[UInt8]] = []
      sequences.reserveCapacity(12600)
      for b2 in 0x30...0x39 {
        for b3 in 0x81...0xFE {
          for b4 in 0x30...0x39 {
            sequences.append([UInt8(b1), UInt8(b2), UInt8(b3), UInt8(b4)])
          }
        }
      }
      expectSameAsIconv(sequences, "4-byte lead \(b1)")
    }
  }

  @Test func fourByteShapesWithInvalidThirdAndFourthBytes() {
    for b1 in [0x81, 0x84, 0x85, 0x90, 0xE3, 0xFE] {
      for b2 in [0x30, 0x39] {
        var sequences: [[UInt8]] = []
        for b3 in 0...0xFF {
          for b4 in 0...0xFF {
            sequences.append([UInt8(b1), UInt8(b2), UInt8(b3), UInt8(b4)])
          }
        }
        expectSameAsIconv(sequences, "4-byte \(b1) \(b2) any any")
      }
    }
  }

  @Test func truncatedSequencesAtTheEnd() {
    let tails: [[UInt8]] = [
      [0x81], [0xFE], [0x81, 0x30], [0x81, 0x30, 0x81], [0x90, 0x30, 0x81], [0x41, 0x81],
      [0xB0, 0xA1, 0xB0], [0x80], [0xFF],
    ]
    for tail in tails {
      let ours = GB18030Decoder.decode(tail)
      let reference = IconvDecoder.decode(tail, from: "GB18030")
      #expect(ours.text == reference?.text, "\(tail)")
      #expect(ours.replacements == reference?.replacements, "\(tail)")
    }
  }

  @Test func knownCodes() throws {
    // 中文 in GBK, · (A1A4), 𠀀 U+20000 (95 32 82 36), 㐀 U+3400 (81 39 EE 39), € (A2E3).
    let bytes: [UInt8] = [
      0xD6, 0xD0, 0xCE, 0xC4, 0xA1, 0xA4, 0x95, 0x32, 0x82, 0x36, 0x81, 0x39, 0xEE, 0x39, 0xA2,
      0xE3,
    ]
    let decoded = GB18030Decoder.decode(bytes)
    #expect(decoded.text == "中文·\u{20000}\u{3400}€")
    #expect(decoded.replacements == 0)
  }

  @Test func longMixedTextRoundTrips() throws {
    let text = String(repeating: "国务院关于镕堃喆珺玥昇·的通知 ASCII text 12345 𠀀㐀\n", count: 200)
    let bytes = try CharsetEncoder.encode(text, to: "GB18030")
    let decoded = GB18030Decoder.decode(bytes)
    #expect(decoded.text == text)
    #expect(decoded.replacements == 0)
  }

  @Test func randomStreamsMatchIconv() {
    // Deterministic; bytes biased towards GB lead/trail ranges and digits.
    var random = SplitMix64()
    func next() -> UInt64 { random.next() }
    for round in 0..<40 {
      var bytes: [UInt8] = []
      for _ in 0..<20_000 {
        let r = next()
        switch r % 4 {
        case 0: bytes.append(UInt8(truncatingIfNeeded: r >> 8))
        case 1: bytes.append(0x30 + UInt8((r >> 8) % 10))
        default: bytes.append(0x81 + UInt8((r >> 8) % 126))
        }
      }
      let ours = GB18030Decoder.decode(bytes)
      let reference = IconvDecoder.decode(bytes, from: "GB18030")
      #expect(ours.text == reference?.text, "round \(round)")
      #expect(ours.replacements == reference?.replacements, "round \(round)")
    }
  }

  @Test func detectorNeverFailsOnRandomBytes() {
    var state: UInt64 = 42
    for round in 0..<30 {
      var bytes: [UInt8] = []
      for _ in 0..<(round * 97) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes.append(UInt8(truncatingIfNeeded: state >> 56))
      }
      for label in [nil, "utf-8", "gbk", "big5", "utf-16", "shift_jis", "iso-2022-jp", "koi8-r"] {
        let page = CharsetDetector.decode(
          bytes, contentType: label.map { "text/html; charset=\($0)" })
        #expect(page.replacements >= 0)
        #expect(page.replacements <= bytes.count)
      }
    }
  }
}
