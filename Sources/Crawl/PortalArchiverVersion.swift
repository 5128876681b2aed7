/// The program's version, written into every warcinfo record and metadata record.
public enum PortalArchiverVersion {
  public static let string = "0.1.0"
}
