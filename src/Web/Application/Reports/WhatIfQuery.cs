using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace FollowUp.Web.Application.Reports;

/// <summary>
/// The weekly page's forecast and what-if inputs, read from the query string (nothing is stored): <c>inclusions</c>
/// (expected inclusions a day, overriding last week's mean), <c>sundays</c> (true: Sundays open), <c>open</c> and
/// <c>close</c> (HH:mm, together), <c>priority</c> (call types in serving order, each once, repeated), <c>inclusionsPercent</c>
/// (−100 … 1000) and <c>operators</c> (operators a day). A bad value is reported under its name, in French.
/// </summary>
public sealed class WhatIfQuery
{
    public static readonly string[] Types = Enum.GetNames<MilestoneType>();
    public static readonly string[] Names = ["inclusions", "sundays", "open", "close", "priority", "inclusionsPercent", "operators"];

    public WhatIfRequest Request { get; private init; } = new();
    public double? Inclusions => Request.InclusionsPerDay;
    public Dictionary<string, string> Errors { get; } = [];
    public bool IsValid => Errors.Count == 0;
    /// <summary>The inputs as given, for the CSV links (empty when none).</summary>
    public string QueryString { get; private init; } = "";

    public static WhatIfQuery Read(IQueryCollection query, IStringLocalizer t)
    {
        var errors = new Dictionary<string, string>();
        double? Number(string name, double min, double max)
        {
            var raw = query[name].ToString().Trim();
            if (raw.Length == 0) return null;
            if (double.TryParse(raw.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
            errors[name] = t["WI_BadNumber", name, raw, min, max];
            return null;
        }
        TimeOnly? Time(string name)
        {
            var raw = query[name].ToString().Trim();
            if (raw.Length == 0) return null;
            if (TimeOnly.TryParseExact(raw, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var v)) return v;
            errors[name] = t["WI_BadTime", name, raw];
            return null;
        }
        var sundays = query["sundays"].ToString().Trim();
        if (sundays.Length > 0 && !bool.TryParse(sundays, out _)) errors["sundays"] = t["WI_BadBool", "sundays", sundays];
        var (open, close) = (Time("open"), Time("close"));
        if (!errors.ContainsKey("open") && !errors.ContainsKey("close"))
        {
            if ((open is null) != (close is null)) errors[open is null ? "open" : "close"] = t["WI_HoursTogether"];
            else if (open >= close) errors["close"] = t["WI_CloseAfterOpen", close!.Value.ToString("HH:mm", CultureInfo.InvariantCulture),
                open!.Value.ToString("HH:mm", CultureInfo.InvariantCulture)];
        }
        var priorities = query["priority"].Select(p => p?.Trim() ?? "").Where(p => p.Length > 0).ToList();
        if (priorities.Count > 0 && (priorities.Count != Types.Length || !Types.All(priorities.Contains)))
            errors["priority"] = t["WI_BadPriorities", string.Join(", ", Types)];
        var request = new WhatIfRequest
        {
            InclusionsPerDay = Number("inclusions", 0, 1_000_000),
            InclusionsPercent = Number("inclusionsPercent", -100, 1000) ?? 0,
            Operators = Number("operators", 0, 100_000),
            SundaysOpen = sundays.Equals("true", StringComparison.OrdinalIgnoreCase),
            Open = errors.ContainsKey("open") || errors.ContainsKey("close") ? null : open,
            Close = errors.ContainsKey("open") || errors.ContainsKey("close") ? null : close,
            Priorities = priorities.Count > 0 && !errors.ContainsKey("priority") ? priorities : null,
        };
        var given = Names.SelectMany(n => query[n].Where(v => !string.IsNullOrEmpty(v)).Select(v => $"{n}={Uri.EscapeDataString(v!)}"));
        var result = new WhatIfQuery { Request = request, QueryString = string.Join('&', given) };
        foreach (var (k, v) in errors) result.Errors[k] = v;
        return result;
    }
}
