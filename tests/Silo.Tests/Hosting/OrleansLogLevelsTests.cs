using System.Reflection;
using Microsoft.Extensions.Logging;

namespace FollowUp.Tests.Hosting;

/// <summary>Orleans' errors about a silo gone (its callers retry them) are written as warnings, its watchdog's stall longer
/// than the process has run as information; every other entry at its own level. The rejection carries its cause only as
/// text, as Orleans builds it.</summary>
public class OrleansLogLevelsTests
{
    private const string Rejection = "Exception while sending message: Orleans.Runtime.Messaging.ConnectionFailedException: " +
        "Unable to connect to S127.0.0.1:11652:154749014, will retry after 12.0471ms";

    [Fact]
    public void Orleans_errors_about_a_silo_gone_are_warnings_and_the_others_keep_their_level()
    {
        var written = new Capture();
        using var logs = new OrleansLogLevels(written);
        var messaging = logs.CreateLogger("Orleans.Messaging");

        messaging.LogError(Rejected(Rejection), "Failed to address message");
        messaging.LogError(new SiloUnavailableException("The target silo became unavailable"), "Failed to unregister activation");
        messaging.LogError(Rejected("The target silo is no longer active: target was S127.0.0.1:11652:154766186, but this silo is " +
            "S127.0.0.1:11652:154766521."), "Failed to address message"); // a silo restarted on the same port
        messaging.LogError(Rejected("Exception while sending message: System.InvalidOperationException: x"), "other");
        messaging.LogError(new InvalidOperationException("x"), "a real error");
        logs.CreateLogger("FollowUp.Silo.Grains.PersonGrain").LogError(new SiloUnavailableException("x"), "ours: as we log it");
        messaging.LogInformation("information stays");

        Assert.Equal([LogLevel.Warning, LogLevel.Warning, LogLevel.Warning, LogLevel.Error, LogLevel.Error, LogLevel.Error, LogLevel.Information],
            written.Levels);
    }

    [Fact]
    public void The_watchdog_stall_longer_than_the_process_has_run_is_information_a_real_one_stays_a_warning()
    {
        var written = new Capture();
        using var logs = new OrleansLogLevels(written);
        var watchdog = logs.CreateLogger("Orleans.Runtime.Watchdog");
        const string Stall = "Participant check thread has not completed for {TimeSinceLastTick}, potentially indicating lock contention or " +
            "deadlock, CPU starvation, or another execution anomaly.";

        watchdog.LogWarning(100150, Stall, TimeSpan.FromHours(6)); // the machine's uptime, as Orleans 10.4 reports at start
        Thread.Sleep(20);
        watchdog.LogWarning(100150, Stall, TimeSpan.FromMilliseconds(10)); // within the time this process has run
        watchdog.LogWarning(100150, ".NET Runtime Platform stalled for {TimeSinceLastTick}", TimeSpan.FromHours(6));

        Assert.Equal([LogLevel.Information, LogLevel.Warning, LogLevel.Warning], written.Levels);
    }

    /// <summary>A rejection as Orleans makes it (its constructor is internal).</summary>
    private static Exception Rejected(string message) => (Exception)Activator.CreateInstance(typeof(OrleansMessageRejectionException),
        BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, null, [message], null)!;

    private sealed class Capture : ILoggerProvider, ILogger
    {
        public List<LogLevel> Levels { get; } = [];
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Levels.Add(logLevel);
        public void Dispose() { }
    }
}
