using System.Collections.Concurrent;
using System.Text.Json;

namespace FollowUp.Web.Application.Calls;

/// <summary>One step of a call script ("fil rouge"): text to say, answers to capture, hints shown when a value is chosen ("field:value").</summary>
public sealed record CallScriptStep(string Title, string Text, string[]? Fields, Dictionary<string, string>? Hints, bool Ctai);

public sealed record CallScript(string Id, string Title, string Duration, IReadOnlyList<CallScriptStep> Steps);

/// <summary>
/// Call scripts are French JSON files (CallScripts/{scriptId}.json, or <see cref="CallScriptsOptions.Path"/>), read again when
/// they change: the ARS edits the texts without a release, on Admin › Éléments de langage (<see cref="MessageTexts"/>,
/// applied by <see cref="FindAsync"/>) or in the files.
/// </summary>
public sealed class CallScripts(CallScriptsOptions options, MessageTexts texts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };
    private readonly string _dir = options.Directory;
    private readonly ConcurrentDictionary<string, (DateTime Stamp, CallScript Script)> _cache = new();

    /// <summary>The ids of the shipped scripts (file names), in order.</summary>
    public IReadOnlyList<string> Ids() => Directory.Exists(_dir)
        ? Directory.GetFiles(_dir, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList()
        : [];

    /// <summary>The script with the ARS's current texts.</summary>
    public async Task<CallScript?> FindAsync(string scriptId) => Find(scriptId) is { } shipped
        ? MessageTexts.Apply(shipped, MessageTexts.FromJson(await texts.CurrentAsync(MessageTexts.CallScript, scriptId)))
        : null;

    /// <summary>The script as shipped (file).</summary>
    public CallScript? Find(string scriptId)
    {
        if (scriptId.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-')) return null;
        var file = Path.Combine(_dir, scriptId + ".json");
        if (!File.Exists(file)) return null;
        var stamp = File.GetLastWriteTimeUtc(file);
        if (_cache.TryGetValue(scriptId, out var c) && c.Stamp == stamp) return c.Script;
        var raw = JsonSerializer.Deserialize<RawScript>(File.ReadAllText(file), Json)
            ?? throw new InvalidOperationException($"Call script {scriptId}.json is empty.");
        var script = new CallScript(scriptId, raw.Title, raw.Duration ?? "",
            raw.Steps.Select(s => new CallScriptStep(s.Title, s.Text, s.Fields, s.Hints, s.Ctai ?? false)).ToList());
        _cache[scriptId] = (stamp, script);
        return script;
    }

    private sealed record RawScript(string Title, string? Duration, List<RawStep> Steps);
    private sealed record RawStep(string Title, string Text, string[]? Fields, Dictionary<string, string>? Hints, bool? Ctai);
}
