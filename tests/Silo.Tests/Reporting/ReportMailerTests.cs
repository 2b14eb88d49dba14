using System.Net;
using System.Net.Sockets;
using System.Text;
using FollowUp.Silo.Reporting;
using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace FollowUp.Tests.Reporting;

public class ReportMailerTests
{
    /// <summary>A one-message SMTP server on a local port (the real protocol, nothing mocked in MailKit).</summary>
    private sealed class SmtpSink : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        public int Port { get; }
        public Task<(List<string> Recipients, string Data)> Received { get; }

        public SmtpSink()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            Received = ServeAsync();
        }

        private async Task<(List<string>, string)> ServeAsync()
        {
            using var client = await _listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            var recipients = new List<string>();
            var data = new StringBuilder();
            await writer.WriteLineAsync("220 sink ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ', ':')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO": await writer.WriteLineAsync("250 sink"); break;
                    case "MAIL": await writer.WriteLineAsync("250 OK"); break;
                    case "RCPT": recipients.Add(line[(line.IndexOf('<') + 1)..line.IndexOf('>')]); await writer.WriteLineAsync("250 OK"); break;
                    case "DATA":
                        await writer.WriteLineAsync("354 go ahead");
                        while (await reader.ReadLineAsync() is { } l && l != ".") data.AppendLine(l);
                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "QUIT": await writer.WriteLineAsync("221 bye"); return (recipients, data.ToString());
                    default: await writer.WriteLineAsync("250 OK"); break;
                }
            }
            return (recipients, data.ToString());
        }

        public void Dispose() => _listener.Stop();
    }

    [Fact]
    public async Task The_daily_report_is_mailed_to_the_list_with_its_csv()
    {
        using var sink = new SmtpSink();
        var mailer = new ReportMailer(new ReportMailOptions
        {
            Host = "127.0.0.1",
            Port = sink.Port,
            Security = SecureSocketOptions.None,
            From = "followup@ars.example.fr",
            To = "veille@ars.example.fr;direction@ars.example.fr",
        });
        var report = new DailyReport
        {
            Date = new DateOnly(2026, 11, 25),
            CallsToMake = 4,
            CallsMade = 4,
            MeanCallSeconds = 210,
            MeanCallSecondsByType = new() { ["J2"] = 210, ["J4"] = null },
            RefusalsByReason = new() { ["notConcerned"] = 1 },
            PersonsInFollowUp = 3,
            AdditionalIndicators = [new() { Id = "smsAnswerRate", Unit = "percent", Number = 66.7 },
                new() { Id = "callsByHour", Unit = "count", ByHour = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }],
        };
        await mailer.SendAsync(report);
        var (recipients, data) = await sink.Received.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["veille@ars.example.fr", "direction@ars.example.fr"], recipients);
        Assert.Contains("rapport quotidien du 25/11/2026", data);
        Assert.Contains("rapport-2026-11-25.csv", data);
        Assert.Contains("callsMade : 4", data);
        Assert.Contains("refusalsByReason.notConcerned : 1", data);
        Assert.Contains("additional.smsAnswerRate : 66.7", data); // the selected "Informations complémentaires"
        Assert.Contains("additional.callsByHour.10 : 2", data);
    }

    [Fact]
    public void Mail_settings_are_optional_but_complete_when_given()
    {
        Assert.Null(ReportMailOptions.Read(new ConfigurationBuilder().Build()));
        var half = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string,
            string?>
        { ["FollowUp:Report:Mail:Host"] = "smtp.example.fr" }).Build();
        Assert.Throws<ConfigurationException>(() => { ReportMailOptions.Read(half); });
    }
}
