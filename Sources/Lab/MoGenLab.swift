/// Facts about this build of MoGenLab.
public enum MoGenLab {
    /// The release, shown by `runner version` and `runner --version`.
    public static let version = "0.1.0"
}
