namespace FollowUp.Tests;

/// <summary>The house rule of CONTRIBUTING.md: C# and Razor lines within 150 characters (src, tests, bench), and our
/// own scripts and style sheets (vendored libraries excepted).</summary>
public class LineLengthTests
{
    private const int Limit = 150;

    [Fact]
    public void Every_csharp_line_is_within_150_characters() => AssertWithinLimit("*.cs", "src", "tests", "bench");

    [Fact]
    public void Every_razor_line_is_within_150_characters() => AssertWithinLimit("*.cshtml", "src");

    [Fact]
    public void Every_script_and_style_line_is_within_150_characters()
    {
        AssertWithinLimit("*.js", Path.Combine("src", "Web", "wwwroot", "js"));
        AssertWithinLimit("*.css", Path.Combine("src", "Web", "wwwroot", "css"));
    }

    private static void AssertWithinLimit(string pattern, params string[] folders)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "FollowUp.sln"))) root = Path.GetDirectoryName(root)!;
        var sep = Path.DirectorySeparatorChar;
        var files = folders
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), pattern, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal)
                && !f.Contains($"{sep}node_modules{sep}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        var longer = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, line.Length)))
            .Where(l => l.Length > Limit)
            .Select(l => $"{l.File}:{l.Line} ({l.Length})")
            .ToList();
        Assert.True(longer.Count == 0, $"Lines over {Limit} characters:\n" + string.Join("\n", longer));
    }
}
