using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace FollowUp.Silo.Reporting;

/// <summary>FollowUp:Report:Mail:* — SMTP server and the ARS list; no Host means the reports are only kept, not mailed.</summary>
public sealed record ReportMailOptions(string Host, int Port, SecureSocketOptions Security, string? User, string? Password, string From, string[] To)
{
    public static ReportMailOptions? Read(IConfiguration config)
    {
        var s = config.GetSection("FollowUp:Report:Mail");
        if (s["Host"] is not { Length: > 0 } host) return null;
        var to = (s["To"] ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (to.Length == 0 || s["From"] is not { Length: > 0 } from)
            throw new ConfigurationException("FollowUp:Report:Mail:From and :To (addresses separated by ';') are required when :Host is set.");
        var security = Enum.TryParse<SecureSocketOptions>(s["Security"], true, out var sec) ? sec : SecureSocketOptions.StartTlsWhenAvailable;
        return new ReportMailOptions(host, s.GetValue("Port", 587), security, s["User"], s["Password"], from, to);
    }
}

/// <summary>Sends a kept daily report to the ARS list: the figures in the body and as a CSV attachment (';', UTF-8 BOM).</summary>
public sealed class ReportMailer(ReportMailOptions options)
{
    public async Task SendAsync(DailyReport report, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = DailyReportFigures.Of(report).Skip(1).Select(f => (f.Key, Value: DailyReportFigures.Format(f.Value)))
            .Concat(AdditionalIndicatorRows.Of(report).Select(f => (f.Key, f.Value))).ToList(); // the selected "Informations complémentaires"
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        foreach (var to in options.To) message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"FollowUp — rapport quotidien du {report.Date:dd/MM/yyyy}";
        var body = new BodyBuilder
        {
            TextBody = $"Rapport quotidien du {report.Date:dd/MM/yyyy} (définitions : README, section Daily " +
            $"report).\r\n\r\n" + string.Join("\r\n", rows.Select(r => $"{r.Key} : {r.Value}"))
        };
        var csv = CsvCells.Line(';', "indicateur", "valeur") + string.Concat(rows.Select(r => CsvCells.Line(';', r.Key, r.Value)));
        body.Attachments.Add($"rapport-{report.Date:yyyy-MM-dd}.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)],
            new ContentType("text", "csv"));
        message.Body = body.ToMessageBody();

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(options.Host, options.Port, options.Security, ct);
        if (options.User is { Length: > 0 } user) await smtp.AuthenticateAsync(user, options.Password ?? "", ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
    }
}
