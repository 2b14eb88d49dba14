namespace FollowUp;

/// <summary>Opening hours of the call platform, changed by the ARS at runtime.</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.OpeningHours")]
public sealed record OpeningHours
{
    /// <summary>One entry per day of the week (Sunday = 0 … Saturday = 6); null when closed that day.</summary>
    [Id(0)] public IReadOnlyList<DayHours?> Days { get; init; } = DefaultDays();
    /// <summary>Open on French public holidays (with that weekday's hours).</summary>
    [Id(1)] public bool OpenOnHolidays { get; init; }

    public static readonly OpeningHours Default = new();

    private static DayHours?[] DefaultDays()
    {
        var nineToSeven = new DayHours(new TimeOnly(9, 0), new TimeOnly(19, 0));
        return [null, nineToSeven, nineToSeven, nineToSeven, nineToSeven, nineToSeven, nineToSeven];
    }
}

[GenerateSerializer, Immutable, Alias("FollowUp.DayHours")]
public sealed record DayHours([property: Id(0)] TimeOnly Open, [property: Id(1)] TimeOnly Close);

/// <summary>What a settings grain answered to a change: saved, or the problems that kept it from being saved.</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.SettingsChange")]
public sealed record SettingsChange([property: Id(0)] IReadOnlyList<SettingProblem> Problems)
{
    public static readonly SettingsChange Done = new([]);
    public bool Saved => Problems.Count == 0;

    /// <summary>The problems by field, as RFC 9457 validation errors.</summary>
    public Dictionary<string, string[]> ByField() => Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
}

/// <summary>One reason a setting was refused; <see cref="Day"/> names the day of the week (Sunday = 0) when it is about one.</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.SettingProblem")]
public sealed record SettingProblem([property: Id(0)] string Field, [property: Id(1)] string Message, [property: Id(2)] int? Day = null);
