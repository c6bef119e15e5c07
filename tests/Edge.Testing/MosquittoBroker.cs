using System.Diagnostics;
using Xunit;

namespace EdgeHive.Edge.Testing;

/// <summary>
/// A private Debian mosquitto broker on a free loopback port, for the interop tests. mosquitto 2 without a config
/// file listens on loopback only and allows anonymous clients. Killed on dispose.
/// </summary>
public sealed class MosquittoBroker : IAsyncLifetime
{
    public const string Binary = "/usr/sbin/mosquitto";

    private Process? _process;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: run ./test.sh, which installs the mosquitto package.");
        }

        // A port can be taken between probing and binding; retry with another a few times.
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort.Get();
            var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("-p");
            info.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start.");
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            try
            {
                await FreePort.WaitUntilAcceptingAsync(Port, TimeSpan.FromSeconds(20));
                if (!_process.HasExited)
                {
                    return;
                }
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }

            await KillAsync();
            if (attempt >= 3)
            {
                throw new InvalidOperationException("mosquitto did not start listening.");
            }
        }
    }

    public Task DisposeAsync() => KillAsync();

    private async Task KillAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
