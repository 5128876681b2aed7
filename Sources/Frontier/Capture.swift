/// One archived response or revisit, as indexed in the state DB (the CDXJ of the state).
public struct Capture: Sendable, Equatable {
  public var url: String
  /// 14-digit UTC timestamp (YYYYMMDDhhmmss).
  public var timestamp: String
  /// WARC-Date of the record (ISO 8601), for WARC-Refers-To-Date.
  public var warcDate: String
  public var recordID: String
  public var status: Int
  public var mime: String
  public var digest: String?
  public var recordType: String
  /// WARC file path relative to the archive root.
  public var file: String
  public var offset: Int64
  public var length: Int64
  public var runID: Int64

  public init(
    url: String, timestamp: String, warcDate: String, recordID: String, status: Int, mime: String,
    digest: String?, recordType: String, file: String, offset: Int64, length: Int64, runID: Int64
  ) {
    self.url = url
    self.timestamp = timestamp
    self.warcDate = warcDate
    self.recordID = recordID
    self.status = status
    self.mime = mime
    self.digest = digest
    self.recordType = recordType
    self.file = file
    self.offset = offset
    self.length = length
    self.runID = runID
  }
}

/// An article response whose metadata and conversion records wait for its host's site model.
public struct PendingArticle: Sendable, Equatable {
  public var url: String
  public var host: String
  public var file: String
  public var offset: Int64
  public var length: Int64

  public init(url: String, host: String, file: String, offset: Int64, length: Int64) {
    self.url = url
    self.host = host
    self.file = file
    self.offset = offset
    self.length = length
  }
}

/// A page error recorded for `status`.
public struct PageError: Sendable, Equatable {
  public var runID: Int64
  public var url: String
  public var kind: String
  public var message: String
  public var at: Double

  public init(runID: Int64, url: String, kind: String, message: String, at: Double) {
    self.runID = runID
    self.url = url
    self.kind = kind
    self.message = message
    self.at = at
  }
}
