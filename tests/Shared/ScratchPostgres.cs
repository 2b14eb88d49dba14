using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FollowUp.Tests;

/// <summary>
/// A throwaway PostgreSQL server of its own (initdb in a temporary directory, its own port) for a test that restarts or
/// stops the database: the run's shared server (FOLLOWUP_TEST_DB) serves every other test in parallel and must never
/// go away. Its database is migrated with db/ like <see cref="TestDatabase"/>. Removed at dispose.
/// </summary>
public sealed class ScratchPostgres : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "followup-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
        .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("No PostgreSQL server binaries (initdb) under /usr/lib/postgresql.");

    public int Port { get; } = FreePort();
    public string ConnectionString { get; }
    private string Data => Path.Combine(_root, "data");

    public ScratchPostgres(string database = "followup")
    {
        Directory.CreateDirectory(_root);
        if (Environment.IsPrivilegedProcess) Run("chown", "postgres", _root); // initdb refuses root: the server runs as postgres
        PgTool("initdb", "-D", Data, "-U", "followup", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8");
        File.AppendAllText(Path.Combine(Data, "postgresql.conf"),
            $"\nlisten_addresses = '127.0.0.1'\nport = {Port}\nunix_socket_directories = '{_root}'\nmax_connections = 300\nfsync = off\n");
        Start();
        var server = $"Host=127.0.0.1;Port={Port};Username=followup;Pooling=false";
        using (var conn = new NpgsqlConnection(server + ";Database=postgres"))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
            cmd.ExecuteNonQuery();
        }
        ConnectionString = $"Host=127.0.0.1;Port={Port};Username=followup;Database={database}";
        FollowUp.Silo.Infrastructure.Migrator.Migrate(ConnectionString);
    }

    public void Start() => PgCtl("start", "-l", Path.Combine(_root, "server.log"));

    /// <summary>What ./bench.sh chaos does: <c>pg_ctl restart -m fast</c> (every session ended, the server back when it returns).</summary>
    public void Restart() => PgCtl("restart", "-m", "fast", "-l", Path.Combine(_root, "server.log"));

    public void Stop() => PgCtl("stop", "-m", "fast");

    private void PgCtl(params string[] args) => PgTool("pg_ctl", ["-D", Data, "-w", "-t", "60", .. args]);

    private void PgTool(string tool, params string[] args)
    {
        var path = Path.Combine(_bin, tool);
        if (Environment.IsPrivilegedProcess) Run("runuser", ["-u", "postgres", "--", path, .. args]);
        else Run(path, args);
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({p.ExitCode}): " +
            $"{stderr}{stdout.Result}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try { PgCtl("stop", "-m", "immediate"); } catch (InvalidOperationException) { } // already stopped
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
