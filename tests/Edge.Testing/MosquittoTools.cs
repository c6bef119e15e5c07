using System.Diagnostics;

namespace EdgeHive.Edge.Testing;

/// <summary>Runs Debian's mosquitto_pub / mosquitto_sub with a deadline; the process is killed if it overruns.</summary>
public static class MosquittoTools
{
    public const string Pub = "/usr/bin/mosquitto_pub";
    public const string Sub = "/usr/bin/mosquitto_sub";

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, params string[] arguments) =>
        RunAsync(tool, TimeSpan.FromSeconds(30), arguments);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, TimeSpan deadline, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish within {deadline}.");
        }

        return (process.ExitCode, (await output).Trim(), (await error).Trim());
    }

    /// <summary>Starts a long-running tool (a waiting mosquitto_sub); the caller awaits it or kills it.</summary>
    public static Process Start(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {tool}.");
    }
}
