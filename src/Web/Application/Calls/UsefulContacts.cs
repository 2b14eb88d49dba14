using Dapper;
using Npgsql;

namespace FollowUp.Web.Application.Calls;

/// <summary>The directory of useful contacts per department (the CTAI has its own, <see cref="CtaiDirectory"/>), edited by Admin.</summary>
public sealed class UsefulContacts(NpgsqlDataSource db)
{
    /// <summary>Categories in the order the call screen shows them.</summary>
    public static readonly string[] Categories = ["samu", "mobileTeam", "laboratory", "doctor", "other"];

    public async Task<IReadOnlyList<UsefulContact>> ForDepartmentAsync(string department)
    {
        await using var conn = await db.OpenConnectionAsync();
        return Sorted(await conn.QueryAsync<UsefulContact>(
            "SELECT id, department, category, name, phone, email, notes FROM useful_contacts WHERE department = @department", new { department }));
    }

    public async Task<IReadOnlyList<UsefulContact>> ListAsync()
    {
        await using var conn = await db.OpenConnectionAsync();
        return Sorted(await conn.QueryAsync<UsefulContact>("SELECT id, department, category, name, phone, email, notes FROM useful_contacts"));
    }

    public async Task AddAsync(UsefulContact c)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("INSERT INTO useful_contacts (department, category, name, phone, email, notes) VALUES (@Department, @Category, " +
            "@Name, @Phone, @Email, @Notes)", c);
    }

    public async Task DeleteAsync(long id)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("DELETE FROM useful_contacts WHERE id = @id", new { id });
    }

    private static List<UsefulContact> Sorted(IEnumerable<UsefulContact> rows) =>
        rows.OrderBy(c => c.Department, StringComparer.Ordinal).ThenBy(c => Array.IndexOf(Categories, c.Category)).ThenBy(c => c.Name).ToList();
}
