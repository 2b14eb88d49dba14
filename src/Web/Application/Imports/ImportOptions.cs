namespace FollowUp.Web.Application.Imports;

/// <summary><c>FollowUp:Import</c>: how big an inclusion file may be, and how it is worked through.</summary>
public sealed class ImportOptions : ISectionOptions
{
    public static string Section => "FollowUp:Import";

    /// <summary>Largest file accepted (bytes), refused before its body is read.</summary>
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Files of at most this many lines are answered at once; bigger ones run in the background.</summary>
    public int SyncMaxLines { get; set; } = 1000;

    /// <summary>Largest file accepted (lines).</summary>
    public int MaxLines { get; set; } = CsvInclusionFile.DefaultMaxLines;

    /// <summary>Inclusions in flight at once for one import.</summary>
    public int Parallelism { get; set; } = 64;

    /// <summary>A running import whose web node has not touched it for this long (its heartbeat, every half second) is marked
    /// interrupted: its node died.</summary>
    public int InterruptedAfterSeconds { get; set; } = 60;

    public IEnumerable<string> Problems()
    {
        if (MaxBytes < 1) yield return $"FollowUp:Import:MaxBytes must be positive (got {MaxBytes}).";
        if (SyncMaxLines < 0) yield return $"FollowUp:Import:SyncMaxLines must not be negative (got {SyncMaxLines}).";
        if (MaxLines < 1) yield return $"FollowUp:Import:MaxLines must be positive (got {MaxLines}).";
        if (InterruptedAfterSeconds < 5)
            yield return $"FollowUp:Import:InterruptedAfterSeconds must be at least 5 (got {InterruptedAfterSeconds}).";
        if (Parallelism < 1) yield return $"FollowUp:Import:Parallelism must be at least 1 (got {Parallelism}).";
    }
}
