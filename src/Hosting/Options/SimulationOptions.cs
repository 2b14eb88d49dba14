using System.Globalization;

namespace FollowUp;

/// <summary><c>FollowUp:Simulation</c>, read by both processes: the virtual clock (never on in production).</summary>
public sealed class SimulationOptions : ISectionOptions
{
    public static string Section => "FollowUp:Simulation";

    public bool Enabled { get; set; }

    /// <summary>The virtual clock's first instant (ISO 8601; without an offset, UTC); empty: today 00:00 UTC.</summary>
    public string Start { get; set; } = "";

    /// <summary>The first instant of the virtual clock; call it on checked options (<see cref="Problems"/> empty).</summary>
    public DateTimeOffset StartAt() => Parse() ?? new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);

    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(Start) && Parse() is null)
            yield return $"FollowUp:Simulation:Start '{Start}' is not an ISO 8601 instant (e.g. 2026-11-24T08:00:00+01:00).";
    }

    private DateTimeOffset? Parse() =>
        DateTimeOffset.TryParse(Start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v) ? v : null;
}
