/// One problem found by `WARCVerifier`, at a file and byte offset.
public struct WARCFault: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var offset: Int64
  public var problem: String
  /// The fault is only that the file is gzip'd whole (readable; `import --recompress` takes it).
  public var wholeFileGzip = false
  public var description: String { "\(file):\(offset): \(problem)" }
}

/// What `WARCVerifier.verify` checked.
public struct WARCVerifySummary: Sendable {
  public var files = 0
  public var records = 0
  public var bytes: Int64 = 0
  public var faults: [WARCFault] = []
}

/// Checks WARC files: gzip members (CRC, length, truncation), record syntax, Content-Length,
/// WARC-Block-Digest and WARC-Payload-Digest (recomputed; the payload of an `application/http`
/// response is the block after the HTTP header).
///
/// Stateless; each call reads its files sequentially with one record in memory.
public enum WARCVerifier {
  /// Verifies `paths` (files; directories are searched for `.warc.gz`/`.warc`).
  public static func verify(paths: [String]) -> WARCVerifySummary {
    var summary = WARCVerifySummary()
    for path in expand(paths) {
      verifyFile(path, into: &summary)
    }
    return summary
  }

  /// Files named by `paths`, directories expanded to the WARC files under them.
  public static func expand(_ paths: [String]) -> [String] {
    var out: [String] = []
    for p in paths {
      var isDir: Bool = false
      if isDirectory(p, &isDir), isDir {
        out +=
          FileOps.files(under: p, suffix: ".warc.gz") + FileOps.files(under: p, suffix: ".warc")
      } else {
        out.append(p)
      }
    }
    return out
  }

  private static func isDirectory(_ p: String, _ isDir: inout Bool) -> Bool {
    var st = stat()
    guard stat(p, &st) == 0 else { return false }
    isDir = (st.st_mode & S_IFMT) == S_IFDIR
    return true
  }

  /// Verifies one file, appending to `summary`.
  ///
  /// A damaged region (a member that does not inflate, a record that does not parse, garbage
  /// between records) is one fault at its start, naming its length; checking goes on after it.
  /// A gzip member holding several records (a file gzip'd whole) is a fault too: such a file
  /// reads, but its records have no offsets of their own, so it cannot be indexed.
  public static func verifyFile(_ path: String, into summary: inout WARCVerifySummary) {
    summary.files += 1
    func fault(_ offset: Int64, _ problem: String) {
      summary.faults.append(WARCFault(file: path, offset: offset, problem: problem))
    }
    func faultWholeFile(_ offset: Int64, _ problem: String) {
      summary.faults.append(
        WARCFault(file: path, offset: offset, problem: problem, wholeFileGzip: true))
    }
    let reader: WARCReader
    do {
      reader = try WARCReader(path: path)
    } catch {
      fault(0, "\(error)")
      return
    }
    var st = stat()
    if stat(path, &st) == 0 { summary.bytes += Int64(st.st_size) }
    reader.skipDamaged = true
    var reported = 0
    func reportSkips() {
      for skip in reader.skipped.dropFirst(reported) {
        fault(
          skip.offset,
          "\(skip.problem) (a damaged region of \(skip.length) bytes; reading goes on at offset \(skip.offset + skip.length))"
        )
      }
      reported = reader.skipped.count
    }
    do {
      while let item = try reader.next() {
        reportSkips()
        summary.records += 1
        let shared = item.recordsInMember > 1
        if shared, item.indexInMember == 0 {
          faultWholeFile(
            item.offset,
            "one gzip member holds \(item.recordsInMember) records: the file is gzip'd whole, not record by record (WARC 1.1 annex D), so its records have no offsets of their own (`portal-archiver import --recompress` stores it one member per record)"
          )
        }
        for p in check(item.record) {
          fault(
            item.offset,
            shared ? "\(p) (record \(item.indexInMember + 1) of the member)" : p)
        }
      }
      reportSkips()
    } catch let WARCError.corrupt(_, offset, problem) {
      reportSkips()
      fault(offset, problem)
    } catch {
      reportSkips()
      fault(0, "\(error)")
    }
  }

  /// The problems of one parsed record (digests, required fields).
  public static func check(_ record: WARCRecord) -> [String] {
    var problems: [String] = []
    let type = record.type ?? ""
    if record.type == nil { problems.append("missing WARC-Type") }
    if record.recordID == nil { problems.append("missing WARC-Record-ID") }
    if record.dateString == nil { problems.append("missing WARC-Date") }
    if let d = record["WARC-Block-Digest"] {
      switch WARCDigest.matches(d, record.block) {
      case false?: problems.append("WARC-Block-Digest mismatch (\(type) \(record.targetURI ?? ""))")
      case nil: problems.append("unsupported WARC-Block-Digest \(d)")
      default: break
      }
    }
    if type == "response", let d = record["WARC-Payload-Digest"] {
      let isHTTP = record["Content-Type"]?.hasPrefix("application/http") ?? false
      let payload = isHTTP ? record.httpPayload : record.block[...]
      switch WARCDigest.matches(d, payload) {
      case false?: problems.append("WARC-Payload-Digest mismatch (\(record.targetURI ?? ""))")
      case nil: problems.append("unsupported WARC-Payload-Digest \(d)")
      default: break
      }
    }
    return problems
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
