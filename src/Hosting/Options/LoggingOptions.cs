namespace FollowUp;

/// <summary><c>FollowUp:Logging</c>, read by both processes: the console log's format.</summary>
public sealed class LoggingOptions : ISectionOptions
{
    public static string Section => "FollowUp:Logging";

    /// <summary>Structured JSON console logs (one object a line, UTC timestamps) instead of the plain console.</summary>
    public bool Json { get; set; }

    /// <summary>Nothing to check beyond the value's type (a value that is not true/false stops the start naming the key).</summary>
    public IEnumerable<string> Problems() => [];
}
