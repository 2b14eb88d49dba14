using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FollowUp.Tests.Security;

/// <summary>Issue 14 §8: a search needs at least 3 characters (no bulk browsing of the file through one or two letters).</summary>
[Collection(PlatformCollection.Name)]
public class SearchTests(PlatformFixture fx)
{
    [Theory]
    [InlineData("a")]
    [InlineData("Du")]
    [InlineData("  06 ")]
    public async Task A_search_under_three_characters_is_refused_naming_the_field(string q)
    {
        using var api = fx.Api();
        var r = await api.GetAsync("/api/persons?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task Three_characters_are_enough()
    {
        var externalId = "search-min-" + Guid.NewGuid().ToString("N")[..8];
        var (id, _) = await fx.IncludeAsync(externalId);
        using var api = fx.Api();
        var hits = await api.GetFromJsonAsync<JsonElement>("/api/persons?q=" + externalId);
        Assert.Contains(hits.EnumerateArray(), h => h.GetProperty("id").GetGuid() == id);
    }
}
