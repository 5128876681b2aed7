import Crypto

/// Digests in the forms WARC uses: `sha1:` + RFC 4648 base32, `sha256:` + hex; read also in
/// base64 (warcio's `example-digest.warc`, some Browsertrix versions) and hex.
public enum WARCDigest {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

  /// `sha1:` + base32 (RFC 4648) of the SHA-1 of `bytes` (20 bytes → 32 characters, no padding).
  public static func sha1Base32<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    var hasher = Insecure.SHA1()
    if let done: Void = bytes.withContiguousStorageIfAvailable({
      hasher.update(bufferPointer: UnsafeRawBufferPointer($0))
    }) {
      _ = done
    } else {
      hasher.update(data: Array(bytes))
    }
    return "sha1:" + base32(Array(hasher.finalize()))
  }

  /// `sha256:` + lowercase hex of the SHA-256 of `bytes`.
  public static func sha256Hex(_ bytes: [UInt8]) -> String {
    "sha256:" + hex(Array(SHA256.hash(data: bytes)))
  }

  /// RFC 4648 base32, with `=` padding when the input is not a multiple of 5 bytes.
  public static func base32(_ data: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((data.count + 4) / 5 * 8)
    var buffer: UInt64 = 0
    var bits = 0
    for byte in data {
      buffer = (buffer << 8) | UInt64(byte)
      bits += 8
      while bits >= 5 {
        bits -= 5
        out.append(alphabet[Int((buffer >> UInt64(bits)) & 31)])
      }
    }
    if bits > 0 { out.append(alphabet[Int((buffer << UInt64(5 - bits)) & 31)]) }
    while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) }
    return String(decoding: out, as: UTF8.self)
  }

  /// Decodes RFC 4648 base32 (padding optional, case-insensitive); nil on a bad character.
  public static func base32Decode(_ text: String) -> [UInt8]? {
    var out: [UInt8] = []
    var buffer: UInt64 = 0
    var bits = 0
    for c in text.uppercased().utf8 where c != UInt8(ascii: "=") {
      guard let v = alphabet.firstIndex(of: c) else { return nil }
      buffer = (buffer << 5) | UInt64(v)
      bits += 5
      if bits >= 8 {
        bits -= 8
        out.append(UInt8((buffer >> UInt64(bits)) & 0xff))
      }
    }
    return out
  }

  /// Decodes RFC 4648 base64 (standard or URL-safe alphabet, padding optional); nil on a bad
  /// character.
  public static func base64Decode(_ text: String) -> [UInt8]? {
    var out: [UInt8] = []
    var buffer: UInt32 = 0
    var bits = 0
    for c in text.utf8 where c != UInt8(ascii: "=") {
      let v: UInt32
      switch c {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
      case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a")) + 26
      case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0")) + 52
      case UInt8(ascii: "+"), UInt8(ascii: "-"): v = 62
      case UInt8(ascii: "/"), UInt8(ascii: "_"): v = 63
      default: return nil
      }
      buffer = ((buffer << 6) | v) & 0xFFFFFF
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8((buffer >> UInt32(bits)) & 0xff))
      }
    }
    return out
  }

  /// Lowercase hex.
  public static func hex(_ data: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(data.count * 2)
    for b in data {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether `digest` (`sha1:`/`sha256:`/`md5:`, in base32, hex or base64) is the digest of
  /// `bytes`. Returns nil when the algorithm or encoding is not understood.
  ///
  /// The encoding is told by the value's length: for SHA-1, 32 characters (base32), 40 (hex) or
  /// 28 with `=` / 27 without (base64).
  public static func matches<C: Collection>(_ digest: String, _ bytes: C) -> Bool?
  where C.Element == UInt8 {
    guard let colon = digest.firstIndex(of: ":") else { return nil }
    let algo = digest[..<colon].lowercased()
    let value = String(digest[digest.index(after: colon)...])
    let raw: [UInt8]
    switch algo {
    case "sha1": raw = hash(Insecure.SHA1.self, bytes)
    case "sha256": raw = hash(SHA256.self, bytes)
    case "md5": raw = hash(Insecure.MD5.self, bytes)
    default: return nil
    }
    if value.count == raw.count * 2, value.lowercased() == hex(raw) { return true }
    if let decoded = base32Decode(value), decoded.count == raw.count { return decoded == raw }
    if value.count == raw.count * 2 { return false }
    let base64Length = (raw.count + 2) / 3 * 4
    if value.count == base64Length || value.count == (raw.count * 8 + 5) / 6,
      let decoded = base64Decode(value), decoded.count == raw.count
    {
      return decoded == raw
    }
    return nil
  }

  private static func hash<H: HashFunction, C: Collection>(_: H.Type, _ bytes: C) -> [UInt8]
  where C.Element == UInt8 {
    var h = H()
    if bytes.withContiguousStorageIfAvailable({
      h.update(bufferPointer: UnsafeRawBufferPointer($0))
    }) == nil {
      h.update(data: Array(bytes))
    }
    return Array(h.finalize())
  }
}
