using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace FollowUp.Bench;

/// <summary>
/// Import end to end (parsed, validated, persisted, first reminder registered) for 10k and 100k-line files, against
/// the machine's PostgreSQL insert ceiling measured in the same run: single-row INSERTs of person rows from 16
/// connections (the import's parallelism).
/// </summary>
public static class ImportBench
{
    public static async Task RunAsync(string server, string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [10_000, 100_000];
        var rows = new List<(string Name, double PerSecond, double Ratio)>();
        foreach (var n in sizes)
        {
            var cs = BenchKit.CreateDatabase(server, "import");
            try
            {
                var ceiling = await InsertCeilingAsync(cs, Math.Min(n, 20_000));
                await using var platform = await Platform.StartAsync(cs);
                using var api = platform.Api();
                var file = File(n);
                var (self0, pg0) = (ProcessCpu.Self(), ProcessCpu.Postgres());
                var sw = Stopwatch.StartNew();
                var result = await Platform.ImportAsync(api, file);
                sw.Stop();
                var (self, pg) = (ProcessCpu.Self() - self0, ProcessCpu.Postgres() - pg0);
                var accepted = result.GetProperty("accepted").GetInt32();
                if (accepted != n) throw new InvalidOperationException($"import accepted {accepted} of {n}");
                var perSecond = n / sw.Elapsed.TotalSeconds;
                rows.Add(($"baseline: INSERT persons rows, 16 connections ({Math.Min(n, 20_000)})", ceiling, 1));
                rows.Add(($"import {n} lines end to end", perSecond, perSecond / ceiling));
                Console.WriteLine($"  {n} lines: {sw.Elapsed.TotalSeconds:F1} s; CPU ms per person: silo + web (this process) " +
                    $"{1000 * self / n:F2}, PostgreSQL {(pg is { } p ? (1000 * p / n).ToString("F2") : "?")}, " +
                    $"all {(pg is { } q ? (1000 * (self + q) / n).ToString("F2") : "?")}");
            }
            finally { BenchKit.DropDatabase(server, cs); }
        }
        Console.WriteLine();
        Console.WriteLine("Import throughput (persons/s) vs PostgreSQL insert ceiling of the same run");
        Console.WriteLine($"{"measure",-56} {"rows/s",10} {"× ceiling",10}");
        foreach (var (name, ps, ratio) in rows) Console.WriteLine($"{name,-56} {ps,10:F0} {ratio,10:F3}");
    }

    internal static byte[] File(int n)
    {
        var sb = new StringBuilder("externalId;kind;lastName;firstName;phone;birthDate;department;inclusionDate;sociallyVulnerable\n");
        for (var i = 0; i < n; i++)
            sb.Append($"bench-{i};{(i % 2 == 0 ? "cas" : "contact")};Nom{i};Prénom{i % 97};06{10_000_000 + i};01/01/1980;")
                .Append($"{(i % 2 == 0 ? "13" : "83")};23/11/2026;{(i % 10 == 0 ? "oui" : "non")}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static async Task<double> InsertCeilingAsync(string cs, int n)
    {
        await using var ds = NpgsqlDataSource.Create(cs);
        await using (var c = await ds.OpenConnectionAsync())
            await c.ExecuteAsync("CREATE TABLE bench_persons (LIKE persons INCLUDING ALL)");
        var (_, wall) = await BenchKit.MeasureAsync(16, n, async i =>
        {
            await using var conn = await ds.OpenConnectionAsync();
            await conn.ExecuteAsync("""
                INSERT INTO bench_persons (id, external_id, kind, first_name, last_name, phone, birth_date, department, inclusion_date,
                    socially_vulnerable, status, next_wake_at)
                VALUES (@id, @ext, 'Case', 'Prénom', @ln, '+33610000000', '1980-01-01', '13', '2026-11-23', false, 'active', now())
                """, new { id = Guid.NewGuid(), ext = $"b-{i}", ln = $"Nom{i}" });
        });
        return n / wall.TotalSeconds;
    }
}
