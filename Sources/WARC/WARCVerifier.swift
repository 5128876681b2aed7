/// One problem found by `WARCVerifier`, at a file and byte offset.
public struct WARCFault: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var offset: Int64
  public var problem: String
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
  public static func verifyFile(_ path: String, into summary: inout WARCVerifySummary) {
    summary.files += 1
    func fault(_ offset: Int64, _ problem: String) {
      summary.faults.append(WARCFault(file: path, offset: offset, problem: problem))
    }
    if path.hasSuffix(".gz") {
      let stream: GzipMemberStream
      do {
        stream = try GzipMemberStream(path: path)
        summary.bytes += (try? stream.file.size()) ?? 0
      } catch {
        fault(0, "\(error)")
        return
      }
      while true {
        do {
          guard let member = try stream.next() else { break }
          var index = 0
          repeat {
            do {
              let (record, next) = try WARCRecord.parse(member.data, from: index)
              summary.records += 1
              for p in check(record) { fault(member.offset, p) }
              index = next
            } catch {
              fault(member.offset, "\(error)")
              break
            }
          } while index < member.data.count
        } catch let WARCError.corrupt(_, offset, problem) {
          fault(offset, problem)
          do {
            if try !stream.resync() { break }
          } catch {
            fault(offset, "\(error)")
            break
          }
        } catch {
          fault(stream.file.position, "\(error)")
          break
        }
      }
    } else {
      do {
        let reader = try WARCReader(path: path)
        while let item = try reader.next() {
          summary.records += 1
          for p in check(item.record) { fault(item.offset, p) }
        }
      } catch let WARCError.corrupt(_, offset, problem) {
        fault(offset, problem)
      } catch {
        fault(0, "\(error)")
      }
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
