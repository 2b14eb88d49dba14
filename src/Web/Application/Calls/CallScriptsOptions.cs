namespace FollowUp.Web.Application.Calls;

/// <summary><c>FollowUp:CallScripts</c>: where the call scripts (French JSON, one file per script id) are read.</summary>
public sealed class CallScriptsOptions : ISectionOptions
{
    public static string Section => "FollowUp:CallScripts";

    /// <summary>A directory of call scripts; empty: the ones shipped next to the web (CallScripts/).</summary>
    public string Path { get; set; } = "";

    public string Directory => Path is { Length: > 0 } p ? p : System.IO.Path.Combine(AppContext.BaseDirectory, "CallScripts");

    public IEnumerable<string> Problems()
    {
        if (Path.Length > 0 && !System.IO.Directory.Exists(Path)) yield return $"FollowUp:CallScripts:Path '{Path}' is not a directory.";
    }
}
