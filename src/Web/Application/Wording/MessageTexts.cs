using System.Data;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace FollowUp.Web.Application.Wording;

/// <summary>
/// "Éléments de langage" (tender art. 3.5): the ARS's edits of the SMS templates (per language) and of the call scripts'
/// texts, versioned in message_text_versions (who, when, the text before), restorable. The defaults are the files
/// shipped with the release (Sms/Templates/{language}.txt, CallScripts/{id}.json). The silos read the SMS edits
/// (<c>SmsTexts</c>), the call screen the script edits at each display.
/// </summary>
public sealed partial class MessageTexts(NpgsqlDataSource db, PlatformClock clock, SmsOptions sms, FollowUpOptions platform)
{
    public const string Sms = "sms";
    public const string CallScript = "callScript";
    public const int MaxScriptTitle = 200;
    public const int MaxScriptText = 4000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The shipped SMS templates by language (FollowUp:Sms:TemplatesPath, as the silo reads them).</summary>
    public IReadOnlyDictionary<string, string> SmsDefaults { get; } = ReadTemplates(sms.TemplatesDirectory);

    public string PublicBaseUrl { get; } = platform.PublicBaseUrl;

    /// <summary>A language written outside GSM-7 (Arabic) may take two UCS-2 segments; the others one GSM-7 segment.</summary>
    public bool Ucs2Allowed(string language) => SmsDefaults.TryGetValue(language, out var t) && !Gsm7.IsGsm7(t);

    /// <summary>The edits in force of one kind, by key (a key back to its default is absent).</summary>
    public async Task<IReadOnlyDictionary<string, string>> CurrentAsync(string kind)
    {
        await using var conn = await db.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string Key, string? Text)>(
            "SELECT DISTINCT ON (key) key, text FROM message_text_versions WHERE kind = @kind ORDER BY key, id DESC", new { kind });
        return rows.Where(r => r.Text is not null).ToDictionary(r => r.Key, r => r.Text!);
    }

    public async Task<string?> CurrentAsync(string kind, string key)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<string?>(
            "SELECT text FROM message_text_versions WHERE kind = @kind AND key = @key ORDER BY id DESC LIMIT 1", new { kind, key });
    }

    /// <summary>The latest changes first.</summary>
    public async Task<IReadOnlyList<MessageTextVersion>> HistoryAsync(int limit = 200)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<Row>("""
            SELECT id, kind, key, text, previous, action, restored_from AS restoredFrom, changed_by AS changedBy, changed_at AS changedAt
            FROM message_text_versions ORDER BY id DESC LIMIT @limit
            """, new { limit })).Select(r => r.ToVersion()).ToList();
    }

    public async Task<MessageTextVersion?> VersionAsync(long id)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QuerySingleOrDefaultAsync<Row>("""
            SELECT id, kind, key, text, previous, action, restored_from AS restoredFrom, changed_by AS changedBy, changed_at AS changedAt
            FROM message_text_versions WHERE id = @id
            """, new { id }))?.ToVersion();
    }

    /// <summary>
    /// Records a change (text null = back to the default) with the text it replaces; false when it changes nothing
    /// (no version is written). Changes of one text are serialised, so "previous" is always the text that was in force.
    /// </summary>
    public async Task<bool> SaveAsync(string kind, string key, string? text, string action, long? restoredFrom, string user)
    {
        var at = clock.Simulation ? await clock.NowAsync() : DateTimeOffset.UtcNow;
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.ReadCommitted);
        await conn.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('message_text:' || @kind || ':' || @key))", new { kind, key }, tx);
        var previous = await conn.QuerySingleOrDefaultAsync<string?>(
            "SELECT text FROM message_text_versions WHERE kind = @kind AND key = @key ORDER BY id DESC LIMIT 1", new { kind, key }, tx);
        if (previous == text) return false;
        await conn.ExecuteAsync("""
            INSERT INTO message_text_versions (kind, key, text, previous, action, restored_from, changed_by, changed_at)
            VALUES (@kind, @key, @text, @previous, @action, @restoredFrom, @user, @at)
            """, new { kind, key, text, previous, action, restoredFrom, user, at = at.UtcDateTime }, tx);
        await tx.CommitAsync();
        return true;
    }

    private sealed record Row(long Id, string Kind, string Key, string? Text, string? Previous, string Action, long? RestoredFrom, string ChangedBy,
        DateTime ChangedAt)
    {
        public MessageTextVersion ToVersion() =>
            new(Id, Kind, Key, Text, Previous, Action, RestoredFrom, ChangedBy,
                new DateTimeOffset(DateTime.SpecifyKind(ChangedAt, DateTimeKind.Utc)));
    }

    public static string ToJson(CallScriptTexts texts) => JsonSerializer.Serialize(texts, Json);

    public static CallScriptTexts? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<CallScriptTexts>(json, Json);

    /// <summary>The texts of a script as shipped.</summary>
    public static CallScriptTexts TextsOf(CallScript script) =>
        new(script.Title, script.Steps.Select(s => new CallScriptStepText(s.Title, s.Text)).ToList());

    /// <summary>The script with the ARS's texts (steps matched by position; a step the edit lacks keeps its shipped text).</summary>
    public static CallScript Apply(CallScript script, CallScriptTexts? texts) => texts is null ? script : script with
    {
        Title = texts.Title,
        Steps = script.Steps.Select((s, i) => i < texts.Steps.Count ? s with { Title = texts.Steps[i].Title, Text = texts.Steps[i].Text } : s)
            .ToList(),
    };

    /// <summary>Field errors of an edit of <paramref name="shipped"/> ("title", "step{n}.title", "step{n}.text", n from 1), in the user's
    /// language.</summary>
    public static Dictionary<string, string> CheckScript(CallScript shipped, CallScriptTexts edit)
    {
        var errors = new Dictionary<string, string>();
        void Check(string field, string value, string original, int max)
        {
            if (string.IsNullOrWhiteSpace(value)) errors[field] = Texts.Get("Err_Required");
            else if (value.Length > max) errors[field] = Texts.Get("Err_TooLong", max);
            else if (PlaceholdersOf(original).Except(PlaceholdersOf(value)).ToList() is { Count: > 0 } missing)
                errors[field] = Texts.Get("Err_PlaceholderMissing", string.Join(", ", missing));
            else if (PlaceholdersOf(value).Except(PlaceholdersOf(original)).ToList() is { Count: > 0 } unknown)
                errors[field] = Texts.Get("Err_PlaceholderUnknown", string.Join(", ", unknown));
        }
        Check("title", edit.Title, shipped.Title, MaxScriptTitle);
        if (edit.Steps.Count != shipped.Steps.Count) errors["steps"] = Texts.Get("Err_ScriptSteps", shipped.Steps.Count);
        for (var i = 0; i < Math.Min(edit.Steps.Count, shipped.Steps.Count); i++)
        {
            Check($"step{i + 1}.title", edit.Steps[i].Title, shipped.Steps[i].Title, MaxScriptTitle);
            Check($"step{i + 1}.text", edit.Steps[i].Text, shipped.Steps[i].Text, MaxScriptText);
        }
        return errors;
    }

    private static HashSet<string> PlaceholdersOf(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex Placeholder();

    private static Dictionary<string, string> ReadTemplates(string dir) => Directory.Exists(dir)
        ? Directory.GetFiles(dir, "*.txt").OrderBy(f => f, StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => File.ReadAllText(f).Trim())
        : [];
}
