namespace FollowUp.Web.Api;

/// <summary>The JSON API under /api (API key), one file per resource. Names are read by integrations: keep them.</summary>
public static class ApiEndpoints
{
    public const string Policy = "Api";

    public static void MapFollowUpApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policy);
        UsersApi.Map(api);
        PersonsApi.Map(api);
        OperatorsApi.Map(api);
        CallsApi.Map(api);
        SettingsApi.Map(api);
        ImportsApi.Map(api);
        ReportsApi.Map(api);
        SimulationApi.Map(api);
        AccessLogApi.Map(api);
        KeysApi.Map(api);
        PersonRecordApi.Map(api);
        ReportIndicatorsApi.Map(api);
        api.WithFollowUpDescriptions();
    }
}
