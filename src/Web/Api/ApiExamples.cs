using System.Text.Json.Nodes;
using FollowUp.Web.Application;

namespace FollowUp.Web.Api;

/// <summary>Examples shown in the OpenAPI document, by schema type (fictitious persons only).</summary>
public static class ApiExamples
{
    private static readonly Dictionary<Type, Func<JsonNode>> Examples = new()
    {
        [typeof(PersonInput)] = () => new JsonObject
        {
            ["externalId"] = "CPAM-2026-000123",
            ["kind"] = "contact",
            ["firstName"] = "Jeanne",
            ["lastName"] = "Martin",
            ["phone"] = "06 12 34 56 78",
            ["birthDate"] = "1980-05-04",
            ["department"] = "13",
            ["inclusionDate"] = "2026-11-23",
            ["sociallyVulnerable"] = false,
            ["language"] = "fr",
        },
        [typeof(ApiDocs.CreatedPerson)] = () => new JsonObject { ["id"] = "6f1c2b0e-8a51-4f7e-9a51-3f0c1d2e4b5a" },
        [typeof(HttpValidationProblemDetails)] = () => new JsonObject
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            ["title"] = "One or more validation errors occurred.",
            ["status"] = 400,
            ["errors"] = new JsonObject { ["phone"] = new JsonArray("numéro invalide"), ["department"] = new JsonArray("département inconnu") },
        },
        [typeof(Microsoft.AspNetCore.Mvc.ProblemDetails)] = () => new JsonObject
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
            ["title"] = "Conflict",
            ["status"] = 409,
            ["detail"] = "This call is assigned to another operator.",
        },
        [typeof(UsersApi.UserInput)] = () => new JsonObject
        {
            ["userName"] = "j.dupont",
            ["displayName"] = "Julie Dupont",
            ["role"] = "Operator",
            ["password"] = "<initial password, 12 characters or more>",
            ["departments"] = new JsonArray("13", "83"),
        },
        [typeof(SettingsApi.PrioritiesInput)] = () => new JsonObject
        {
            ["order"] = new JsonArray("J2", "J4", "J7", "J7TestFollowUp", "J9"),
            ["vulnerableFirst"] = true,
        },
        [typeof(SimulationApi.AdvanceInput)] = () => new JsonObject { ["to"] = "2026-11-25T10:00:00+01:00" },
        [typeof(PersonRecordApi.EndInput)] = () => new JsonObject { ["reason"] = "hospitalised", ["text"] = "Hospitalisé le 24/11" },
        [typeof(PersonRecordApi.PhoneInput)] = () => new JsonObject { ["phone"] = "+33 6 98 76 54 32" },
        [typeof(PersonRecordApi.VulnerabilityInput)] = () => new JsonObject { ["sociallyVulnerable"] = true },
        [typeof(PersonRecordApi.CallbackInput)] = () => new JsonObject { ["at"] = "2026-11-25T14:30:00+01:00" },
        [typeof(ApiDocs.CallOutcomeInput)] = () => new JsonObject
        {
            ["outcome"] = "reached",
            ["answers"] = new JsonObject { ["consent"] = "true", ["difficulty"] = "none", ["sociallyVulnerable"] = "false" },
        },
        [typeof(TimelineEntry)] = () => new JsonObject
        {
            ["at"] = "2026-11-25T09:00:04+01:00",
            ["event"] = "smsSent",
            ["actor"] = "system",
            ["detail"] = "J2",
        },
    };

    public static JsonNode? For(Type type) => Examples.TryGetValue(type, out var example) ? example() : null;
}
