using System.Text.RegularExpressions;

namespace FollowUp.Tests;

/// <summary>
/// CONTRIBUTING.md's "Tables and their owner": the web writes none of the silo's tables (it reads them through its
/// read-only query classes, which write nothing), and the SMS record has one writer, the <c>SmsLedger</c> both
/// processes use (the purge's erasure aside).
/// </summary>
public partial class TableOwnerTests
{
    private static readonly string[] SiloTables =
    [
        "persons", "person_events", "due_calls", "call_priorities", "queue_settings", "sms_messages", "pending_delivery_reports",
        "questionnaire_tokens", "daily_reports", "simulation_clock", "privacy_purges", "operator_status_events",
    ];

    [Fact]
    public void The_web_writes_none_of_the_silo_tables()
    {
        var writes = Writes("src/Web").Where(w => SiloTables.Contains(w.Table)).Select(w => $"{w.File}: {w.Statement}").ToList();
        Assert.True(writes.Count == 0, "The web writes silo tables:\n" + string.Join("\n", writes));
    }

    [Fact]
    public void The_web_query_classes_only_read()
    {
        var writes = Writes("src/Web").Where(w => w.File.EndsWith("Queries.cs", StringComparison.Ordinal))
            .Select(w => $"{w.File}: {w.Statement}").ToList();
        Assert.True(writes.Count == 0, "A query class writes:\n" + string.Join("\n", writes));
    }

    [Fact]
    public void Only_the_sms_ledger_and_the_erasure_write_the_sms_record()
    {
        var writers = Writes("src").Where(w => w.Table is "sms_messages" or "pending_delivery_reports")
            .Select(w => Path.GetFileName(w.File)).Distinct().Order().ToList();
        Assert.Equal(["PrivacyDb.cs", "SmsLedger.cs"], writers);
    }

    private static IEnumerable<(string File, string Table, string Statement)> Writes(string folder)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "FollowUp.sln"))) root = Path.GetDirectoryName(root)!;
        var sep = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal))
            .SelectMany(f => Write().Matches(File.ReadAllText(f))
                .Select(m => (Path.GetRelativePath(root, f), m.Groups["table"].Value, m.Value)));
    }

    [GeneratedRegex(@"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(\s+TABLE)?)\s+(?<table>[a-z_]+)\b")]
    private static partial Regex Write();
}
