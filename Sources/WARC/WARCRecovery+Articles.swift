import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension WARCRecovery {
  /// An article (metadata) record as the `.cdxj` beside a WARC file lists it. Its conversion
  /// record follows it directly, at `offset + length`.
  public struct ArticleEntry: Sendable, Equatable {
    /// The page URL (without the `urn:article:` prefix).
    public var url: String
    public var offset: Int64
    public var length: Int64
  }

  /// The article records the `.cdxj` beside `warcPath` lists (none when it is missing or
  /// unreadable). Read it before the file is re-indexed: the old index is the only list of
  /// what a cut file held. Memory: the index's article lines.
  public static func articleEntries(indexedIn warcPath: String) -> [ArticleEntry] {
    guard
      let text = try? String(contentsOfFile: FileOps.cdxjPath(forWARC: warcPath), encoding: .utf8)
    else { return [] }
    let prefix = WARCRecord.articleURNPrefix
    return text.split(separator: "\n").compactMap { line in
      guard line.hasPrefix(prefix), let e = CDXJEntry.parse(line), e.url.hasPrefix(prefix)
      else { return nil }
      return ArticleEntry(url: String(e.url.dropFirst(prefix.count)), offset: e.offset, length: e.length)
    }
  }

  /// Cuts a `.warc.gz` at `offset` (fsync'd) and writes its index again: used to drop an
  /// article record that a cut left as the file's last record without its conversion record
  /// (both are written again from the response, which survives). Returns the new size.
  public static func cutDerivedTail(_ path: String, at offset: Int64) throws -> Int64 {
    guard truncate(path, off_t(offset)) == 0 else {
      throw WARCError.io(call: "truncate", path: path, errno: errno)
    }
    try FileOps.fsyncPath(path, directory: false)
    _ = try WARCIndexer.writeIndex(forWARC: path)
    return offset
  }
}
