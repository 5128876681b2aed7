/// Where the charset used to decode a page came from.
public enum CharsetSource: String, Sendable, Codable, CaseIterable {
  case header, bom, meta, sniffed, `default`
}
