using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.Playwright;

namespace FollowUp.Tests;

/// <summary>The generated OpenAPI document and the /api-docs reference page.</summary>
[Collection(PlatformCollection.Name)]
public class OpenApiTests(PlatformFixture fx)
{
    private async Task<(string Json, OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> DocumentAsync()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        var r = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var json = await r.Content.ReadAsStringAsync();
        var settings = new OpenApiReaderSettings();
        var read = OpenApiDocument.Parse(json, "json", settings);
        return (json, read.Document!, read.Diagnostic!);
    }

    [Fact]
    public async Task The_document_is_valid_OpenAPI_3_1_with_the_bearer_scheme_and_problem_details()
    {
        var (json, doc, diagnostic) = await DocumentAsync();
        Assert.Empty(diagnostic.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        var validation = doc.Validate(ValidationRuleSet.GetDefaultRuleSet());
        Assert.Empty(validation ?? []);

        var bearer = Assert.IsType<OpenApiSecurityScheme>(doc.Components!.SecuritySchemes!["Bearer"]);
        Assert.Equal(SecuritySchemeType.Http, bearer.Type);
        Assert.Equal("bearer", bearer.Scheme);
        Assert.NotEmpty(doc.Security!);

        // Request schema with its example; answers; field errors as RFC 9457 problem details.
        var include = doc.Paths["/api/persons"].Operations![HttpMethod.Post];
        var body = include.RequestBody!.Content!["application/json"].Schema!;
        Assert.Contains("externalId", json);
        Assert.Contains("CPAM-2026-000123", json); // PersonInput's example
        Assert.NotNull(body);
        Assert.True(include.Responses!.ContainsKey("201"));
        var badRequest = include.Responses["400"].Content!["application/problem+json"].Schema!;
        Assert.NotNull(badRequest);
        using var parsed = JsonDocument.Parse(json);
        var schemas = parsed.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("HttpValidationProblemDetails").GetProperty("properties").TryGetProperty("errors", out _));
        Assert.True(schemas.GetProperty("PersonView").GetProperty("properties").TryGetProperty("timeline", out _));
        Assert.True(doc.Paths["/api/persons/{id}/callback"].Operations![HttpMethod.Post].Responses!.ContainsKey("409"));
    }

    [Fact]
    public async Task Every_mapped_api_route_is_in_the_document()
    {
        var (_, doc, _) = await DocumentAsync();
        var endpoints = fx.Web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/") == true).ToList();
        Assert.True(endpoints.Count >= 25, $"only {endpoints.Count} /api endpoints found");
        foreach (var e in endpoints)
        {
            // /api/persons/{id:guid} is /api/persons/{id} in OpenAPI.
            var path = System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!, @"\{([^}:?]+)[^}]*\}", "{$1}");
            Assert.True(doc.Paths.TryGetValue(path, out var item), $"{path} is not in the document");
            foreach (var method in e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods)
                Assert.True(item!.Operations!.ContainsKey(new HttpMethod(method)), $"{method} {path} is not in the document");
        }
        Assert.DoesNotContain(doc.Paths.Keys, p => !p.StartsWith("/api/")); // pages, hubs and delivery reports are not the API
    }

    [Fact]
    public async Task The_reference_page_is_for_signed_in_admins_and_loads_nothing_from_elsewhere()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fx.BaseUrl) };
        var denied = await anonymous.GetAsync("/api-docs");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/Login", denied.Headers.Location!.ToString());

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(BrowserTest.LaunchOptions);
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(120_000); // waits, not a speed check: the shared build machine can be very slow
        page.SetDefaultNavigationTimeout(120_000);
        var elsewhere = new List<string>();
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(fx.BaseUrl) && !r.Url.StartsWith("data:")
            && !r.Url.StartsWith("blob:")) elsewhere.Add(r.Url);
        };
        await BrowserLogin.LogInAsync(page, fx, "admin", PlatformFixture.AdminPassword, "/api-docs");
        if (!page.Url.Contains("/api-docs")) await page.GotoAsync(fx.BaseUrl + "/api-docs");
        // Scalar renders the operations from /openapi/v1.json.
        await page.GetByText("/api/persons/{id}/timeline").First.WaitForAsync();
        Assert.Empty(elsewhere);
    }
}
