using System.Globalization;
using FollowUp.Silo.Protocol;

namespace FollowUp.Silo.Reporting;

/// <summary>
/// Last week's inclusions, which the forecast expects to continue: how many a day, the share of cases (the rest are
/// contacts), the share of persons vulnerable at inclusion, and the share whose plan was anchored on an isolation start
/// (FollowUp:Protocol:Anchor) with its mean lag in days before the inclusion. With no inclusion last week: half cases,
/// none vulnerable, none anchored.
/// </summary>
public sealed record InclusionMix(double PerDay, double CaseShare, double VulnerableShare, double AnchoredShare = 0, int AnchorLagDays = 0)
{
    public static readonly InclusionMix None = new(0, 0.5, 0);

    /// <summary>From the person events of [start, end) (7 days): "included" (detail case/contact),
    /// "sociallyVulnerableIdentified" at inclusion and "planAnchored" (detail isolationStartDate:YYYY-MM-DD).</summary>
    public static InclusionMix From(IEnumerable<PersonEvent> events, DateTimeOffset start, DateTimeOffset end, TimeZoneInfo? zone = null,
        int days = 7)
    {
        var week = events.Where(e => e.At >= start && e.At < end).ToList();
        var included = week.Where(e => e.Event == "included").ToList();
        if (included.Count == 0) return None;
        var cases = included.Count(e => e.Detail == "case");
        var vulnerable = week.Count(e => e.Event == "sociallyVulnerableIdentified" && e.Detail == "inclusion");
        var inclusionDay = included.GroupBy(e => e.PersonId)
            .ToDictionary(g => g.Key, g => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(g.First().At, zone ?? Zones.Paris).DateTime));
        var lags = week.Where(e => e.Event == "planAnchored" && e.Detail?.StartsWith("isolationStartDate:", StringComparison.Ordinal) == true
                && inclusionDay.ContainsKey(e.PersonId)
                && DateOnly.TryParseExact(e.Detail["isolationStartDate:".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out _))
            .Select(e => inclusionDay[e.PersonId].DayNumber - DateOnly.ParseExact(e.Detail!["isolationStartDate:".Length..], "yyyy-MM-dd",
                CultureInfo.InvariantCulture).DayNumber)
            .ToList();
        return new((double)included.Count / days, (double)cases / included.Count, Math.Min(1, (double)vulnerable / included.Count),
            Math.Min(1, (double)lags.Count / included.Count), lags.Count == 0 ? 0 : (int)Math.Round(lags.Average(), MidpointRounding.AwayFromZero));
    }
}
