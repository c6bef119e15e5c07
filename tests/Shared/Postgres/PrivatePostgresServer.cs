using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeHive.Testing;

/// <summary>
/// A PostgreSQL server of one test's own (initdb in a fresh directory, a free loopback port), which the test may stop
/// and start again to make the cluster database go away — the suite's shared server must stay up for every other test.
/// Run as the <c>postgres</c> user when the tests run as root (PostgreSQL refuses to run as root). Removed on dispose.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;

    private PrivatePostgresServer(string bin, string dir, int port)
    {
        _bin = bin;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=edgehive;Database=postgres;Pooling=true";

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Creates and starts the server.</summary>
    public static async Task<PrivatePostgresServer> StartAsync()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var bin = versions.Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderBy(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL's initdb is missing: run ./test.sh, which installs the postgresql package.");

        // Directly under /tmp, not TMPDIR: test.sh's run directory is private to root, and the server runs as postgres.
        var dir = Path.Combine("/tmp", "edgehive-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres", dir], asPostgres: false);
        }

        var server = new PrivatePostgresServer(bin, dir, FreePort());
        try
        {
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", server.DataDir, "-A", "trust", "-U", "edgehive"], IsRoot);
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private string DataDir => Path.Combine(_dir, "data");

    /// <summary>Starts the stopped server on the same port and waits until it accepts connections.</summary>
    public Task StartAgainAsync() => RunAsync(
        Path.Combine(_bin, "pg_ctl"),
        ["-D", DataDir, "-l", Path.Combine(_dir, "log"), "-w", "-t", "60", "-o",
            $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
        IsRoot);

    /// <summary>Stops the server as an operator's restart or a failover does: <c>pg_ctl stop -m fast</c> ends every
    /// session and waits until the server is gone.</summary>
    public Task StopAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDir, "-m", "fast", "-w", "stop"], IsRoot);

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDir, "-m", "immediate", "-w", "stop"], IsRoot, check: false);
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort() => TestPorts.Free();

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres, bool check = true)
    {
        var info = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", file])
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
