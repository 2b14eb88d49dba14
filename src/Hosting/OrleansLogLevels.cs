using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FollowUp;

/// <summary>
/// The console logger, with two corrections to the level of Orleans' entries, so that <c>fail:</c> and <c>warn:</c> in the
/// logs mean something to act on; each entry is written word for word, everything else as Orleans logs it. Named
/// "Console" for the logging configuration's rules.
/// <list type="bullet">
/// <item>Orleans logs at Error every message it could not deliver to a silo that is gone — "Failed to address message"
/// with a rejection "Unable to connect to S…" while a killed silo is being declared dead, an activation's directory entry
/// it cannot remove there — though each such call is rejected to its caller and sent again on a live silo
/// (<see cref="IsSiloGone"/>: what <c>TransientFailureRetry</c> retries, and the directory's own retries): warnings.</item>
/// <item>Orleans 10.4's watchdog measures its first participant check from timestamp 0, so each silo's start logs
/// "Participant check thread has not completed for" the machine's uptime (<see cref="IsImpossibleStall"/>): a stall
/// longer than this process has run did not happen, written as information.</item>
/// </list>
/// </summary>
[ProviderAlias("Console")]
public sealed class OrleansLogLevels(ILoggerProvider console) : ILoggerProvider, ISupportExternalScope
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public ILogger CreateLogger(string categoryName) => categoryName.StartsWith("Orleans", StringComparison.Ordinal)
        ? new Logger(console.CreateLogger(categoryName), this)
        : console.CreateLogger(categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (console as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    public void Dispose() => console.Dispose();

    /// <summary>
    /// The failure is a silo gone: <c>SiloUnavailableException</c> or <c>ConnectionFailedException</c> in the chain, or a
    /// transient rejection Orleans built from a connection that failed or for a silo restarted since (its text is all it
    /// keeps of the cause: "Exception while sending message: Orleans.Runtime.Messaging.ConnectionFailedException: Unable
    /// to connect to …", "The target silo is no longer active: target was S…, but this silo is S…").
    /// Matched by type name: this assembly, shared by the web and the silos, does not reference Orleans.
    /// </summary>
    public static bool IsSiloGone(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var type = e.GetType().Name;
            if (type is "SiloUnavailableException" or "ConnectionFailedException"
                || type == "OrleansMessageRejectionException" && (e.Message.Contains("ConnectionFailedException", StringComparison.Ordinal)
                    || e.Message.StartsWith("The target silo is no longer active", StringComparison.Ordinal)))
                return true;
        }
        return false;
    }

    /// <summary>The watchdog's "participant check has not completed" entry reporting a stall longer than the time since this
    /// logger was made (before the silo started): Orleans' first check measured from timestamp 0.</summary>
    public bool IsImpossibleStall<TState>(TState state) =>
        state is IReadOnlyList<KeyValuePair<string, object?>> values
        && values.Any(v => v is { Key: "{OriginalFormat}", Value: string f }
            && f.StartsWith("Participant check thread has not completed", StringComparison.Ordinal))
        && values.Any(v => v.Value is TimeSpan stall && stall > Stopwatch.GetElapsedTime(_started));

    private sealed class Logger(ILogger inner, OrleansLogLevels levels) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = logLevel switch
            {
                LogLevel.Error when IsSiloGone(exception) => LogLevel.Warning,
                LogLevel.Warning when levels.IsImpossibleStall(state) => LogLevel.Information,
                _ => logLevel,
            };
            inner.Log(level, eventId, state, exception, formatter);
        }
    }
}
