using System.Globalization;
using PhoneNumbers;

namespace FollowUp.Web.Application.Persons;

/// <summary>A person to include, as integrations send it (POST /api/persons; also the manual form).</summary>
public sealed record PersonInput(
    string? ExternalId, string? Kind, string? FirstName, string? LastName, string? Phone, string? BirthDate,
    string? Department, string? InclusionDate, bool? SociallyVulnerable, string? Language,
    string? IsolationStartDate = null, string? LastContactDate = null);

/// <summary>Validates and normalises an inclusion: every field error is reported, nothing is guessed.</summary>
public static class Inclusion
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly string[] Languages = QuestionnaireResource.Languages;
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    public static (InclusionRequest? Request, Dictionary<string, string[]> Errors) Validate(PersonInput p, string actor, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        void Err(string field, string message) => errors[field] = [message];

        var externalId = p.ExternalId?.Trim();
        if (string.IsNullOrEmpty(externalId)) Err("externalId", Texts.Get("Err_Required"));
        else if (externalId.Length > 100) Err("externalId", Texts.Get("Err_TooLong", 100));

        PersonKind? kind = p.Kind?.Trim().ToLowerInvariant() switch
        {
            "case" or "cas" or "malade" => PersonKind.Case,
            "contact" => PersonKind.Contact,
            _ => null,
        };
        if (kind is null) Err("kind", Texts.Get("Err_Kind"));

        var firstName = p.FirstName?.Trim();
        var lastName = p.LastName?.Trim();
        if (string.IsNullOrEmpty(firstName)) Err("firstName", Texts.Get("Err_Required"));
        if (string.IsNullOrEmpty(lastName)) Err("lastName", Texts.Get("Err_Required"));
        if (firstName?.Length > FreeText.Name) Err("firstName", SecurityTexts.Get("Err_TooLong", FreeText.Name));
        if (lastName?.Length > FreeText.Name) Err("lastName", SecurityTexts.Get("Err_TooLong", FreeText.Name));

        var (phone, mobile, phoneError) = ParsePhone(p.Phone);
        if (phoneError is not null) Err("phone", phoneError);

        DateOnly? birthDate = null;
        if (!string.IsNullOrWhiteSpace(p.BirthDate))
        {
            if (!TryDate(p.BirthDate, out var b)) Err("birthDate", Texts.Get("Err_Date"));
            else if (b > today || b.Year < 1900) Err("birthDate", Texts.Get("Err_BirthDateRange"));
            else birthDate = b;
        }

        var department = p.Department?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(department) || !IsDepartment(department)) Err("department", Texts.Get("Err_Department"));

        DateOnly inclusionDate = default;
        if (string.IsNullOrWhiteSpace(p.InclusionDate)) Err("inclusionDate", Texts.Get("Err_Required"));
        else if (!TryDate(p.InclusionDate, out inclusionDate)) Err("inclusionDate", Texts.Get("Err_Date"));
        else if (inclusionDate > today) Err("inclusionDate", Texts.Get("Err_Future"));

        // Anchor dates (optional): the isolation start is not in the future; the last contact with the case (contacts
        // only) is not after the inclusion.
        DateOnly? isolationStart = null;
        if (!string.IsNullOrWhiteSpace(p.IsolationStartDate))
        {
            if (!TryDate(p.IsolationStartDate, out var d)) Err("isolationStartDate", Texts.Get("Err_Date"));
            else if (d > today) Err("isolationStartDate", Texts.Get("Err_Future"));
            else isolationStart = d;
        }
        DateOnly? lastContact = null;
        if (!string.IsNullOrWhiteSpace(p.LastContactDate))
        {
            if (!TryDate(p.LastContactDate, out var d)) Err("lastContactDate", Texts.Get("Err_Date"));
            else if (kind == PersonKind.Case) Err("lastContactDate", Texts.Get("Err_LastContactCase"));
            else if (d > today) Err("lastContactDate", Texts.Get("Err_Future"));
            else if (inclusionDate != default && d > inclusionDate) Err("lastContactDate", Texts.Get("Err_LastContactAfterInclusion"));
            else lastContact = d;
        }

        var language = string.IsNullOrWhiteSpace(p.Language) ? "fr" : p.Language.Trim().ToLowerInvariant();
        if (!Languages.Contains(language)) Err("language", Texts.Get("Err_Language", string.Join(", ", Languages)));

        if (errors.Count > 0) return (null, errors);
        return (new InclusionRequest(externalId!, kind!.Value, firstName!, lastName!, phone!, birthDate, department!, inclusionDate,
            p.SociallyVulnerable ?? false, language, mobile, actor, isolationStart, lastContact), errors);
    }

    /// <summary>Parses a French (or overseas) number in national or international form to E.164.</summary>
    public static (string? E164, bool Mobile, string? Error) ParsePhone(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return (null, false, Texts.Get("Err_Required"));
        try
        {
            var n = Phones.Parse(raw, "FR");
            if (!Phones.IsValidNumber(n)) return (null, false, Texts.Get("Err_PhoneInvalid"));
            var type = Phones.GetNumberType(n);
            return (Phones.Format(n, PhoneNumberFormat.E164), type is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE, null);
        }
        catch (NumberParseException)
        {
            return (null, false, Texts.Get("Err_NotPhone"));
        }
    }

    /// <summary>How operators read a stored E.164 number: "06 12 34 56 78" in France, "+262 692 12 34 56" elsewhere.</summary>
    public static string DisplayPhone(string? e164)
    {
        if (string.IsNullOrEmpty(e164)) return "";
        try
        {
            var n = Phones.Parse(e164, "FR");
            return Phones.Format(n, n.CountryCode == 33 ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException) { return e164; }
    }

    public static bool TryDate(string raw, out DateOnly date) =>
        DateOnly.TryParseExact(raw.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool IsDepartment(string d) =>
        d is "2A" or "2B"
        || d.Length == 2 && int.TryParse(d, out var n) && n is >= 1 and <= 95 && n != 20
        || d.Length == 3 && int.TryParse(d, out var o) && o is >= 971 and <= 976;
}
