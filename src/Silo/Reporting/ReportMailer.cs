using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace FollowUp.Silo.Reporting;

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
        foreach (var to in options.Recipients) message.To.Add(MailboxAddress.Parse(to));
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
        if (options.User is { Length: > 0 } user) await smtp.AuthenticateAsync(user, options.Password, ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
    }
}
