using Dapper;
using Npgsql;

namespace FollowUp.Web.Application.Calls;

public sealed record CtaiContact(string Department, string Name, string Phone, string Email, string Notes);

/// <summary>The CTAI (cellule territoriale d'appui à l'isolement) of each department, edited by Admin.</summary>
public sealed class CtaiDirectory(NpgsqlDataSource db)
{
    public async Task<CtaiContact?> FindAsync(string department)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<CtaiContact>(
            "SELECT department, name, phone, email, notes FROM ctai_contacts WHERE department = @department", new { department });
    }

    public async Task<IReadOnlyList<CtaiContact>> ListAsync()
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<CtaiContact>("SELECT department, name, phone, email, notes FROM ctai_contacts ORDER BY department")).AsList();
    }

    public async Task SaveAsync(CtaiContact c)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO ctai_contacts (department, name, phone, email, notes) VALUES (@Department, @Name, @Phone, @Email, @Notes)
            ON CONFLICT (department) DO UPDATE SET name = excluded.name, phone = excluded.phone, email = excluded.email, notes = excluded.notes
            """, c);
    }
}
