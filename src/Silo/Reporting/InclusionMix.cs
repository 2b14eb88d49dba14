namespace FollowUp.Silo.Reporting;

/// <summary>
/// Last week's inclusions, which the forecast expects to continue: how many a day, the share of cases (the rest are
/// contacts) and the share of persons vulnerable at inclusion. With no inclusion last week: half cases, none vulnerable.
/// </summary>
public sealed record InclusionMix(double PerDay, double CaseShare, double VulnerableShare)
{
    public static readonly InclusionMix None = new(0, 0.5, 0);

    /// <summary>From the person events of [start, end) (7 days): "included" (detail case/contact) and
    /// "sociallyVulnerableIdentified" at inclusion.</summary>
    public static InclusionMix From(IEnumerable<PersonEvent> events, DateTimeOffset start, DateTimeOffset end, int days = 7)
    {
        var week = events.Where(e => e.At >= start && e.At < end).ToList();
        var included = week.Where(e => e.Event == "included").ToList();
        if (included.Count == 0) return None;
        var cases = included.Count(e => e.Detail == "case");
        var vulnerable = week.Count(e => e.Event == "sociallyVulnerableIdentified" && e.Detail == "inclusion");
        return new((double)included.Count / days, (double)cases / included.Count, Math.Min(1, (double)vulnerable / included.Count));
    }
}
