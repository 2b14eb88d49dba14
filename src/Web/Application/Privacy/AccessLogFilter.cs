using System.Globalization;

namespace FollowUp.Web.Application.Privacy;

/// <summary>Filters of the journal (page and API): person id, user, action, period [From, To).</summary>
public sealed record AccessLogFilter(Guid? PersonId, string? User, string? Action, DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>Reads the query's filters; "from"/"to" are Paris days (YYYY-MM-DD, "to" included) or ISO 8601 instants.</summary>
    public static (AccessLogFilter? Filter, Dictionary<string, string[]> Errors) Parse(string? personId, string? user, string? action, string? from,
        string? to)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? person = null;
        if (!string.IsNullOrWhiteSpace(personId))
        {
            if (Guid.TryParse(personId.Trim(), out var g)) person = g;
            else errors["personId"] = [PrivacyTexts.Get("Err_NotAPersonId", personId)];
        }
        var f = Instant(from, false, "from", errors);
        var t = Instant(to, true, "to", errors);
        if (!string.IsNullOrWhiteSpace(action) && !AccessActions.All.Contains(action.Trim()))
            errors["action"] = [Texts.Get("Err_NotOneOf", action, string.Join(", ", AccessActions.All))];
        if (errors.Count > 0) return (null, errors);
        return (new AccessLogFilter(person, string.IsNullOrWhiteSpace(user) ? null : user.Trim(),
            string.IsNullOrWhiteSpace(action) ? null : action.Trim(), f, t), errors);
    }

    private static DateTimeOffset? Instant(string? value, bool endOfDay, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return PlatformClock.FromLocal((endOfDay ? day.AddDays(1) : day).ToDateTime(TimeOnly.MinValue));
        if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        errors[field] = [PrivacyTexts.Get("Err_NotADateOrInstant", v)];
        return null;
    }
}
