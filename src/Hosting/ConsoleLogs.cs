using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace FollowUp;

/// <summary>
/// The console log of both processes: every line starts with its UTC instant (to the millisecond), so an incident's
/// lines in the silos', web's and PostgreSQL's logs can be put in order; <c>FollowUp:Logging:Json=true</c> writes one JSON
/// object a line instead. Orleans' errors about a silo gone are written as warnings, its watchdog's impossible stall at
/// start as information (<see cref="OrleansLogLevels"/>).
/// </summary>
public static class ConsoleLogs
{
    private const string Instant = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static void AddFollowUpConsoleLogs(this IHostApplicationBuilder builder)
    {
        if (builder.Services.AddSectionOptions<LoggingOptions>(builder.Configuration).Json)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = Instant; });
        }
        else
            builder.Logging.AddSimpleConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = Instant + " "; });
        // The console provider behind OrleansLogLevels (the level of two kinds of Orleans entries corrected).
        var console = builder.Services.Single(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider));
        builder.Services.Remove(console);
        builder.Services.AddSingleton<ILoggerProvider>(sp => new OrleansLogLevels(ActivatorUtilities.CreateInstance<ConsoleLoggerProvider>(sp)));
    }
}
