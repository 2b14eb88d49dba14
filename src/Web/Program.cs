using System.Text.Json;
using System.Text.Json.Serialization;
using FollowUp.Web;
using FollowUp.Web.Api;
using FollowUp.Web.Application;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddFollowUpWeb();
    var app = builder.Build();
    var database = app.Services.GetRequiredService<FollowUp.DatabaseOptions>();
    await FollowUp.DatabaseStartup.RunAsync(() => database.Budget.CheckAsync(database.ConnectionString), "Connection budget check");
    await app.SeedFirstAdminAsync();
    await app.Services.GetRequiredService<FollowUp.Web.Application.Imports.ImportRunner>().MarkInterruptedAsync();
    app.UseFollowUpWeb();
    await app.RunAsync();
    return 0;
}
catch (FollowUp.ConfigurationException ex)
{
    Console.Error.WriteLine($"Configuration error: {ex.Message}");
    return 2;
}
catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    Console.Error.WriteLine($"Configuration error: {ex.Message}"); // names the key and the expected type
    return 2;
}

public partial class Program;
