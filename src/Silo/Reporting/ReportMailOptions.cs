using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace FollowUp.Silo.Reporting;

/// <summary>
/// <c>FollowUp:Report:Mail</c>: the SMTP server and the ARS list the daily report is mailed to; no Host means the
/// reports are only kept, not mailed.
/// </summary>
public sealed class ReportMailOptions : ISectionOptions
{
    public static string Section => "FollowUp:Report:Mail";

    /// <summary>The SMTP server; empty: reports are not mailed.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    /// <summary>Empty: no authentication.</summary>
    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    public string From { get; set; } = "";

    /// <summary>Addresses separated by ';' (or ',').</summary>
    public string To { get; set; } = "";

    public bool Mailed => Host.Length > 0;

    public IReadOnlyList<string> Recipients => To.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The options when reports are mailed (Host set), checked; null when they are only kept.</summary>
    public static ReportMailOptions? Read(IConfiguration config) => SectionOptions.Read<ReportMailOptions>(config) is { Mailed: true } o ? o : null;

    public IEnumerable<string> Problems()
    {
        if (!Mailed) yield break;
        if (Recipients.Count == 0 || From.Length == 0)
            yield return "FollowUp:Report:Mail:From and :To (addresses separated by ';') are required when :Host is set.";
        if (From.Length > 0 && !IsAddress(From)) yield return $"FollowUp:Report:Mail:From '{From}' is not an e-mail address.";
        foreach (var to in Recipients.Where(t => !IsAddress(t)))
            yield return $"FollowUp:Report:Mail:To: '{to}' is not an e-mail address.";
        if (Port is < 1 or > 65535) yield return $"FollowUp:Report:Mail:Port '{Port}' is not a TCP port (1–65535).";
        if (!Enum.IsDefined(Security))
            yield return $"FollowUp:Report:Mail:Security '{Security}' is not one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}.";
    }

    /// <summary>An address MimeKit reads, with a domain.</summary>
    private static bool IsAddress(string text) =>
        MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal);
}
