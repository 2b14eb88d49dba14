using Microsoft.Extensions.Logging;

namespace FollowUp;

/// <summary>
/// The console logger, with one correction: Orleans logs at Error (<c>fail:</c>) every message it could not deliver to
/// a silo that is gone — "Failed to address message" with a rejection "Unable to connect to S…" while a killed silo is
/// being declared dead, an activation's directory entry it cannot remove there — though each such call is rejected to its
/// caller and sent again on a live silo (<see cref="IsSiloGone"/>: what <c>TransientFailureRetry</c> retries, and the
/// directory's own retries). Those entries are written as warnings, word for word; everything else as Orleans logs it,
/// so that <c>fail:</c> in the logs means something to act on. Named "Console" for the logging configuration's rules.
/// </summary>
[ProviderAlias("Console")]
public sealed class GoneSiloLogs(ILoggerProvider console) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => categoryName.StartsWith("Orleans", StringComparison.Ordinal)
        ? new Logger(console.CreateLogger(categoryName))
        : console.CreateLogger(categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (console as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    public void Dispose() => console.Dispose();

    /// <summary>
    /// The failure is a silo gone: <c>SiloUnavailableException</c> or <c>ConnectionFailedException</c> in the chain, or a
    /// transient rejection Orleans built from a connection that failed (its text is all it keeps of the cause:
    /// "Exception while sending message: Orleans.Runtime.Messaging.ConnectionFailedException: Unable to connect to …").
    /// Matched by type name: this assembly, shared by the web and the silos, does not reference Orleans.
    /// </summary>
    public static bool IsSiloGone(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var type = e.GetType().Name;
            if (type is "SiloUnavailableException" or "ConnectionFailedException"
                || type == "OrleansMessageRejectionException" && e.Message.Contains("ConnectionFailedException", StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private sealed class Logger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel == LogLevel.Error && IsSiloGone(exception) ? LogLevel.Warning : logLevel, eventId, state, exception, formatter);
    }
}
