using System.Security.Claims;
using Dapper;
using Npgsql;

namespace FollowUp.Web.Application.Security;

/// <summary>
/// Object-level access (issue 14 §8). A Supervisor (or Operator) with departments (users.departments, set on
/// Admin › Comptes) sees only the persons of those departments: person pages, search, report exports; an Admin sees
/// every department. The live hub lets a screen watch only what its user may see: a person of its departments or the
/// one it is calling, an import it uploaded (or any, for a Supervisor or Admin).
/// </summary>
public sealed class DepartmentAccess(StaffUsers users, NpgsqlDataSource db, IClusterClient cluster)
{
    /// <summary>The departments the user is limited to; empty: every department (Admins, and accounts without departments).</summary>
    public async Task<string[]> LimitsAsync(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin) || user.Identity?.Name is not { } name) return [];
        return (await users.FindAsync(name))?.Departments ?? [];
    }

    public async Task<bool> MaySeeDepartmentAsync(ClaimsPrincipal user, string? department)
    {
        var limits = await LimitsAsync(user);
        return limits.Length == 0 || (department is not null && limits.Contains(department, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Supervisors and Admins: a person of their departments. Anyone at the console: the person of the call in their hands.</summary>
    public async Task<bool> MayWatchPersonAsync(ClaimsPrincipal user, Guid personId)
    {
        if (user.Identity?.Name is not { } name) return false;
        if (user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin))
        {
            var person = await cluster.GetGrain<IPersonGrain>(personId).Get();
            if (person is not null && await MaySeeDepartmentAsync(user, person.Department)) return true;
        }
        if (!user.IsInRole(Roles.Operator) && !user.IsInRole(Roles.Supervisor) && !user.IsInRole(Roles.Admin)) return false;
        var view = await cluster.GetGrain<IOperatorGrain>(name).Get();
        return view.CurrentCall?.PersonId == personId;
    }

    /// <summary>An import's progress: its uploader, or any Supervisor or Admin.</summary>
    public async Task<bool> MayWatchImportAsync(ClaimsPrincipal user, Guid importId)
    {
        if (user.Identity?.Name is not { } name) return false;
        await using var conn = await db.OpenConnectionAsync();
        var createdBy = await conn.QuerySingleOrDefaultAsync<string?>("SELECT created_by FROM imports WHERE id = @importId", new { importId });
        if (createdBy is null) return false;
        return user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin) || createdBy == name;
    }
}
