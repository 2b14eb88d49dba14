using System.Net;
using System.Text.RegularExpressions;
using OtpNet;

namespace FollowUp.Tests;

/// <summary>
/// The tests' authenticator app for one staff account: the TOTP secret read from the enrolment page (Otp.NET computes the
/// codes, as a phone would) and the recovery codes shown after it. The server refuses a 30 s step used before, so each
/// sign-in takes a step not used yet (the current one or the next, which the server's ±1 step tolerance accepts), then a
/// recovery code, and only when both are used up waits for the next step.
/// </summary>
public sealed partial class TestAuthenticator(string secret, long enrolledStep)
{
    private readonly Totp _totp = new(Base32Encoding.ToBytes(secret));
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastStep = enrolledStep;

    public string Secret { get; } = secret;
    public Queue<string> RecoveryCodes { get; } = new();

    [GeneratedRegex("id=\"totp-secret\">([A-Z2-7=]+)<")]
    private static partial Regex SecretRegex();
    [GeneratedRegex("name=\"ProtectedSecret\" value=\"([^\"]+)\"")]
    private static partial Regex ProtectedRegex();
    [GeneratedRegex("<li><code>([a-z0-9-]+)</code></li>")]
    private static partial Regex RecoveryRegex();

    private static long StepAt(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeSeconds() / 30;

    /// <summary>The secret on an enrolment page (/Account/TwoFactor), as a user types it in an app.</summary>
    public static string SecretOn(string enrolmentPage) => SecretRegex().Match(enrolmentPage).Groups[1].Value;

    /// <summary>The form fields that confirm the enrolment shown on <paramref name="enrolmentPage"/>, with the app it makes.</summary>
    public static (TestAuthenticator App, Dictionary<string, string> Fields) Enrol(string enrolmentPage)
    {
        var secret = SecretOn(enrolmentPage);
        Assert.False(string.IsNullOrEmpty(secret), "no TOTP secret on the enrolment page");
        var now = DateTime.UtcNow;
        var app = new TestAuthenticator(secret, StepAt(now));
        return (app, new()
        {
            ["ProtectedSecret"] = WebUtility.HtmlDecode(ProtectedRegex().Match(enrolmentPage).Groups[1].Value),
            ["Code"] = app._totp.ComputeTotp(now),
        });
    }

    /// <summary>Keeps the recovery codes shown once after the enrolment.</summary>
    public void KeepRecoveryCodes(string page)
    {
        foreach (Match m in RecoveryRegex().Matches(page)) RecoveryCodes.Enqueue(m.Groups[1].Value);
        Assert.Equal(10, RecoveryCodes.Count);
    }

    /// <summary>A code the server has not seen yet: TOTP of an unused step, else a recovery code, else the next step's TOTP.</summary>
    public async Task<string> NextCodeAsync(bool allowRecovery = true)
    {
        await _gate.WaitAsync();
        try
        {
            while (true)
            {
                var now = DateTime.UtcNow;
                var step = StepAt(now);
                for (var s = step; s <= step + 1; s++)
                    if (s > _lastStep)
                    {
                        _lastStep = s;
                        return _totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(s * 30).UtcDateTime);
                    }
                if (allowRecovery && RecoveryCodes.TryDequeue(out var code)) return code;
                await Task.Delay(TimeSpan.FromSeconds((step + 1) * 30 - new DateTimeOffset(now).ToUnixTimeSeconds() + 0.2));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A TOTP code for the current step, whether used before or not (to test that reuse is refused).</summary>
    public string CurrentCode() => _totp.ComputeTotp(DateTime.UtcNow);
}
