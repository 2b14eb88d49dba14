using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using FollowUp.Web.Application;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Tests.Security;

/// <summary>
/// Issue 14 §8: an operator is denied on every supervisor page (enumerated from the pages' authorization, not a hand
/// list) and on every hub method (enumerated from LiveHub) for what it does not own; a Supervisor limited to
/// departments sees only those (search, record, report exports, hub).
/// </summary>
[Collection(PlatformCollection.Name)]
public class AccessControlTests(PlatformFixture fx)
{
    private static ClaimsPrincipal As(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "probe"), new Claim(ClaimTypes.Role, role)], "probe"));

    /// <summary>Every page an Operator may not open but a Supervisor or an Admin may, from the endpoints' authorization data.</summary>
    private async Task<List<string>> SupervisorPagesAsync()
    {
        var services = fx.Web.Services;
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = services.GetRequiredService<IAuthorizationService>();
        var pages = new List<string>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is null
                || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) continue;
            var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
            if (policy is null) continue;
            async Task<bool> Allowed(string role) => (await authorization.AuthorizeAsync(As(role), policy)).Succeeded;
            if (!await Allowed(Roles.Operator) && (await Allowed(Roles.Supervisor) || await Allowed(Roles.Admin)))
            {
                // Route parameters: optional ones left out, required ones given an id that exists nowhere.
                var path = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(s =>
                    string.Concat(s.Parts.Select(p => p switch
                    {
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { IsOptional: true } => "",
                        _ => Guid.NewGuid().ToString(),
                    })))).TrimEnd('/');
                pages.Add(path == "" ? "/" : path);
            }
        }
        return pages.Distinct().ToList();
    }

    [Fact]
    public async Task An_operator_is_denied_on_every_supervisor_page()
    {
        var pages = await SupervisorPagesAsync();
        foreach (var expected in new[] { "/Dashboard", "/Persons", "/Persons/Detail", "/Reports", "/Reports/Week", "/Imports", "/Admin/Users",
            "/Privacy/Journal" })
            Assert.Contains(expected, pages);

        await fx.OperatorAsync("acl.op", "access-control-2026");
        using var op = await StaffClient.SignInAsync(fx, "acl.op", "access-control-2026");
        foreach (var page in pages)
        {
            var r = await op.Http.GetAsync(page);
            Assert.True(r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                        || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Login")),
                $"{page}: {r.StatusCode} {r.Headers.Location}");
        }
        using var admin = await StaffClient.SignInAsync(fx, "admin", PlatformFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, await admin.StatusAsync("/Dashboard")); // the same pages open for their roles
    }

    private async Task<HubConnection> HubAsync(StaffClient client)
    {
        var hub = new HubConnectionBuilder().WithUrl(fx.BaseUrl + "/hubs/live", o => o.Cookies = client.Cookies).Build();
        await hub.StartAsync();
        return hub;
    }

    /// <summary>The hub's own methods (what a browser may invoke), with an argument for each of its parameters.</summary>
    private static IEnumerable<MethodInfo> HubMethods() =>
        typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(LiveHub));

    private static object[] Arguments(MethodInfo m, Guid personId, Guid importId) => m.GetParameters().Select(p => p.Name switch
    {
        "personId" => (object)personId,
        "importId" => importId,
        _ => throw new InvalidOperationException($"LiveHub.{m.Name}: no test argument for '{p.Name}' (add it here)"),
    }).ToArray();

    [Fact]
    public async Task An_operator_is_denied_on_every_hub_method_for_what_it_does_not_own()
    {
        var (other, _) = await fx.IncludeAsync("acl-other-" + Guid.NewGuid().ToString("N")[..8]);
        var (status, body) = await fx.ImportAsync(System.Text.Encoding.UTF8.GetBytes(
            "externalId;kind;lastName;firstName;phone;department;inclusionDate\nacl-imp-" + Guid.NewGuid()
                .ToString("N")[..8] + ";contact;Martin;Paul;0612345678;13;" + (await fx.TodayAsync()).ToString("yyyy-MM-dd") + "\n"));
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted, body.ToString());
        var import = body.GetProperty("importId").GetGuid();

        // The operator's own call: the one person it may watch.
        await fx.OperatorAsync("acl.hub.op", "access-control-2026", "48");
        var (mine, _) = await fx.DueCallAsync("acl-mine-" + Guid.NewGuid().ToString("N")[..8], "48");
        using (var api = fx.Api())
        {
            var call = await (await api.PostAsync("/api/operators/acl.hub.op/next", null)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(mine, call.GetProperty("personId").GetGuid());
        }
        using var op = await StaffClient.SignInAsync(fx, "acl.hub.op", "access-control-2026");
        await using var opHub = await HubAsync(op);
        await opHub.InvokeAsync("WatchPerson", mine);

        var methods = HubMethods().ToList();
        Assert.Contains(methods, m => m.Name == "WatchDashboard");
        foreach (var m in methods)
        {
            var e = await Assert.ThrowsAsync<HubException>(() => opHub.InvokeCoreAsync(m.Name, Arguments(m, other, import)));
            Assert.Contains("Forbidden", e.Message);
        }

        // A Supervisor may watch all of them.
        await fx.StaffAsync("acl.hub.sup", "access-control-2026", "Supervisor");
        using var sup = await StaffClient.SignInAsync(fx, "acl.hub.sup", "access-control-2026");
        await using var supHub = await HubAsync(sup);
        foreach (var m in methods) await supHub.InvokeCoreAsync(m.Name, Arguments(m, other, import));
    }

    [Fact]
    public async Task A_supervisor_limited_to_departments_sees_only_those()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (inside, _) = await fx.IncludeAsync("acl-in-" + tag, department: "13");
        var (outside, _) = await fx.IncludeAsync("acl-out-" + tag, department: "75");
        await fx.StaffAsync("acl.sup13", "access-control-2026", "Supervisor", departments: "13");
        using var sup = await StaffClient.SignInAsync(fx, "acl.sup13", "access-control-2026");

        var search = await sup.Http.GetStringAsync("/Persons?q=acl-in-" + tag);
        Assert.Contains(inside.ToString(), search);
        Assert.DoesNotContain(outside.ToString(), await sup.Http.GetStringAsync("/Persons?q=acl-out-" + tag));
        Assert.Equal(HttpStatusCode.OK, await sup.StatusAsync($"/Persons/Detail?id={inside}"));
        Assert.Equal(HttpStatusCode.Forbidden, await sup.StatusAsync($"/Persons/Detail?id={outside}"));
        Assert.Equal(HttpStatusCode.Forbidden, await sup.StatusAsync("/Persons/Detail?externalId=acl-out-" + tag));
        var change = await sup.PostFormAsync($"/Persons/Detail?id={inside}", new() { ["id"] = outside.ToString(), ["vulnerable"] = "true" },
            $"/Persons/Detail?id={outside}&handler=Vulnerable");
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);

        // Reports: its department by default, another one refused, in the page and the exports.
        var csv = await sup.Http.GetAsync("/Reports?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.EndsWith("-13.csv", csv.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal(HttpStatusCode.Forbidden, await sup.StatusAsync("/Reports?department=75"));
        Assert.Equal(HttpStatusCode.Forbidden, await sup.StatusAsync("/Reports?department=75&handler=Csv"));
        Assert.Equal(HttpStatusCode.Forbidden, await sup.StatusAsync("/Reports?department=75&handler=Xlsx"));

        await using var hub = await HubAsync(sup);
        await hub.InvokeAsync("WatchPerson", inside);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("WatchPerson", outside));
    }

    [Fact]
    public async Task A_supervisor_limited_to_departments_sees_only_their_dashboard_figures_live()
    {
        await fx.OperatorAsync("op.acl.dash", "operator-pass-acl-d", "19");
        await fx.DueCallAsync("acl-dash-19", "19");
        await fx.DueCallAsync("acl-dash-23", "23");
        await fx.StaffAsync("acl.sup19", "access-control-2026", "Supervisor", departments: "19");
        using var sup = await StaffClient.SignInAsync(fx, "acl.sup19", "access-control-2026");

        // The page: its department only, no "every department", whatever the URL asks.
        var page = await sup.Http.GetStringAsync("/Dashboard?department=23");
        Assert.Contains("data-department=\"19\"", page);
        Assert.DoesNotContain("<option value=\"\">", page);
        Assert.DoesNotContain("<option value=\"23\"", page);
        Assert.DoesNotContain("\"23\":", System.Net.WebUtility.HtmlDecode(page)); // not in the first snapshot either

        // Live: the pushed snapshots carry 19 only, and no region totals.
        var received = new List<System.Text.Json.JsonElement>();
        await using var hub = await HubAsync(sup);
        hub.On<System.Text.Json.JsonElement>("dashboard", s => { lock (received) received.Add(s); });
        await hub.InvokeAsync("WatchDashboard");
        using (var api = fx.Api())
        {
            var call = await (await api.PostAsync("/api/operators/op.acl.dash/next", null)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            var callId = call.GetProperty("callId").GetString();
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/calls/{callId}/start", null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/calls/{callId}/outcome", new { outcome = "noAnswer" })).StatusCode);
        }
        // Pushed within a second (a generous wait for a starved machine). Pushes are one-way: a web node another test
        // stopped (its subscription not yet expired) no longer holds them back for Orleans' 30 s response timeout.
        for (var i = 0; i < 300 && received.Count == 0; i++) await Task.Delay(100);
        System.Text.Json.JsonElement[] snapshots;
        lock (received) snapshots = [.. received];
        Assert.NotEmpty(snapshots);
        Assert.All(snapshots, s =>
        {
            Assert.Equal(["19"], s.GetProperty("byDepartment").EnumerateObject().Select(d => d.Name));
            Assert.Equal(0, s.GetProperty("callsMade").GetInt32());
            Assert.Equal(0, s.GetProperty("callsToMakeToday").GetInt32());
        });
    }
}
