using System.Globalization;

namespace FollowUp;

/// <summary>
/// A person's preferred call window: "morning" (09:00–12:00), "midday" (12:00–14:00), "afternoon" (14:00–17:00),
/// "evening" (17:00–20:00, "en fin de journée"), or a local time range "HH:mm-HH:mm".
/// </summary>
public static class CallWindows
{
    public static readonly IReadOnlyDictionary<string, (TimeOnly From, TimeOnly To)> Presets = new Dictionary<string, (TimeOnly, TimeOnly)>
    {
        ["morning"] = (new(9, 0), new(12, 0)),
        ["midday"] = (new(12, 0), new(14, 0)),
        ["afternoon"] = (new(14, 0), new(17, 0)),
        ["evening"] = (new(17, 0), new(20, 0)),
    };

    /// <summary>Reads a preset name or a range "10:00-11:30" (from before to, at least 15 minutes); the normalised text in <paramref
    /// name="normalized"/>.</summary>
    public static bool TryParse(string? value, out TimeOnly from, out TimeOnly to, out string normalized)
    {
        from = to = default;
        normalized = "";
        var v = value?.Trim().ToLowerInvariant() ?? "";
        if (Presets.TryGetValue(v, out var p)) { (from, to, normalized) = (p.From, p.To, v); return true; }
        var parts = v.Replace('–', '-').Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], ["H:mm", "HH:mm", "H'h'mm", "H'h'"], CultureInfo.InvariantCulture, DateTimeStyles.None, out from)
            || !TimeOnly.TryParseExact(parts[1], ["H:mm", "HH:mm", "H'h'mm", "H'h'"], CultureInfo.InvariantCulture, DateTimeStyles.None, out to)
            || to - from < TimeSpan.FromMinutes(15) || to <= from)
            return false;
        normalized = $"{from:HH\\:mm}-{to:HH\\:mm}";
        return true;
    }

    public static bool Contains(string? window, TimeOnly localTime) =>
        TryParse(window, out var from, out var to, out _) && localTime >= from && localTime < to;
}
