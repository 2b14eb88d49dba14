using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace FollowUp.Silo.Reporting;

/// <summary>
/// The staffing forecast's assumptions (FollowUp:Staffing): the minutes one call of each type takes (the tender's
/// indicative durations by default: J2 7, J4 10, J7 4, J9 4; the J7 test follow-up like J7) and the occupancy, the
/// share of an operator's working time spent on calls and their wrap-up.
/// </summary>
public sealed record StaffingOptions(IReadOnlyDictionary<string, double> CallMinutes, double Occupancy)
{
    public const string CallMinutesSection = "FollowUp:Staffing:CallMinutes";
    public const string OccupancyKey = "FollowUp:Staffing:Occupancy";

    public static readonly IReadOnlyDictionary<string, double> TenderMinutes = new Dictionary<string, double>
    {
        ["J2"] = 7,
        ["J4"] = 10,
        ["J7"] = 4,
        ["J7TestFollowUp"] = 4,
        ["J9"] = 4,
    };

    public static readonly StaffingOptions Default = new(TenderMinutes, 0.75);

    public static StaffingOptions Read(IConfiguration config)
    {
        var minutes = TenderMinutes.ToDictionary(x => x.Key, x => Number(config, $"{CallMinutesSection}:{x.Key}", x.Value, 0, 240));
        return new(minutes, Number(config, OccupancyKey, 0.75, 0, 1));
    }

    /// <summary>A number in (min, max]; empty = the default; anything else stops the start naming the key.</summary>
    private static double Number(IConfiguration config, string key, double fallback, double min, double max)
    {
        var raw = config[key];
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > min && v <= max
            ? v : throw new ConfigurationException($"{key} '{raw}' is not a number above {min} and at most {max}.");
    }
}
