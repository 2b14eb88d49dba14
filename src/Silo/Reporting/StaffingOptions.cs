using System.Globalization;

namespace FollowUp.Silo.Reporting;

/// <summary>
/// <c>FollowUp:Staffing</c>, the staffing forecast's assumptions: the minutes one call of each type takes (the
/// tender's indicative durations by default: J2 7, J4 10, J7 4, J9 4; the J7 test follow-up like J7) and the occupancy,
/// the share of an operator's working time spent on calls and their wrap-up.
/// </summary>
public sealed class StaffingOptions : ISectionOptions
{
    private const double MaxCallMinutes = 240;

    public static readonly IReadOnlyDictionary<string, double> TenderMinutes = new Dictionary<string, double>
    {
        ["J2"] = 7,
        ["J4"] = 10,
        ["J7"] = 4,
        ["J7TestFollowUp"] = 4,
        ["J9"] = 4,
    };

    public StaffingOptions()
    {
    }

    public StaffingOptions(IReadOnlyDictionary<string, double> callMinutes, double occupancy)
    {
        foreach (var (type, minutes) in callMinutes) CallMinutes[type] = minutes;
        Occupancy = occupancy;
    }

    /// <summary>The tender's assumptions.</summary>
    public static StaffingOptions Default => new();

    public static string Section => "FollowUp:Staffing";

    /// <summary>Minutes of one call by call type (<c>FollowUp:Staffing:CallMinutes:J2</c> …), each in (0, 240].</summary>
    public Dictionary<string, double> CallMinutes { get; } = new(TenderMinutes, StringComparer.OrdinalIgnoreCase);

    /// <summary>In (0, 1].</summary>
    public double Occupancy { get; set; } = 0.75;

    public IEnumerable<string> Problems()
    {
        foreach (var (type, minutes) in CallMinutes)
            if (!TenderMinutes.ContainsKey(type))
                yield return $"FollowUp:Staffing:CallMinutes:{type} is not a call type ({string.Join(", ", TenderMinutes.Keys)}).";
            else if (Outside(minutes, MaxCallMinutes))
                yield return $"FollowUp:Staffing:CallMinutes:{type} '{Format(minutes)}' is not a number above 0 and at most {MaxCallMinutes}.";
        if (Outside(Occupancy, 1)) yield return $"FollowUp:Staffing:Occupancy '{Format(Occupancy)}' is not a number above 0 and at most 1.";
    }

    private static bool Outside(double value, double max) => !(value > 0 && value <= max);

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
