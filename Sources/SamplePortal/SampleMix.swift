/// Deterministic hashing for the sample portal (SplitMix64 finaliser and FNV-1a).
///
/// Hand-written rather than `Hasher` because `Hasher` is randomly seeded per process and the site
/// must be byte-identical across runs.
enum SampleMix {
  /// Mixes a list of values into one well-distributed 64-bit number.
  static func hash(_ values: UInt64...) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15
    for v in values { h = finalize(h ^ (v &+ 0x9E37_79B9_7F4A_7C15 &+ (h << 6) &+ (h >> 2))) }
    return h
  }

  /// A number in `0..<bound` derived from the values (bound must be positive).
  static func pick(_ bound: Int, _ values: UInt64...) -> Int {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15
    for v in values { h = finalize(h ^ (v &+ 0x9E37_79B9_7F4A_7C15 &+ (h << 6) &+ (h >> 2))) }
    return Int(h % UInt64(max(bound, 1)))
  }

  static func finalize(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// FNV-1a 64 of a byte buffer (used for strong ETags).
  static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return h
  }
}
