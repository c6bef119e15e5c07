using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeHive.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EdgeHive.EndToEnd.Tests;

/// <summary>
/// Issue 9 item 4: Orleans may run two activations of one grain for a while. Two Cloud.Silo processes on PostgreSQL and
/// the real agent: silo A holds the node's link and its session and device grains; A is frozen with SIGSTOP, so it
/// keeps its activations and sockets while B declares it dead and activates the grains anew; the agent moves to B, new
/// desired values and reports flow through B; then A is thawed and runs what queued up meanwhile (reports the agent
/// had sent on A's socket, a desired value sent to A's REST port, calls B made to A's activations). The session epoch
/// and the ETag-checked grain state must make that harmless: every report stored once and in order, each desired value
/// delivered to the device as a newer write than the one before (once, or once more late when its request was answered
/// 503), the link staying on B, and no write of A's old activations landing.
/// </summary>
public sealed class FrozenSiloTests(ITestOutputHelper output)
{
    private const string Device = "t1";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private EdgeNode? _node;

    [Fact]
    public async Task A_silo_frozen_with_SIGSTOP_that_wakes_after_its_grains_moved_changes_nothing()
    {
        var clock = Stopwatch.StartNew();
        var database = await TestDatabases.CreatePostgresDatabaseAsync("frozen");
        var settings = new Dictionary<string, string>
        {
            ["Cluster:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = database,
            // A silo that stops answering is declared dead within seconds (two missed 1 s probes, the table re-read
            // every 2 s), and the agent notices a silent link after 3 s.
            ["Cluster:ProbeTimeout"] = "00:00:01",
            ["Cluster:NumMissedProbesLimit"] = "2",
            ["Cluster:TableRefreshTimeout"] = "00:00:02",
            ["Gateway:KeepAlive"] = "00:00:01",
            ["Gateway:DeadAfter"] = "00:00:03",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var a = await CloudSiloProcess.StartAsync("A", settings, Deadline);
        CloudSiloProcess? b = null;
        try
        {
            var bPort = FreePort.Get();
            await RunAsync(a, bPort, async () => b = await CloudSiloProcess.StartAsync("B", settings, Deadline, bPort), clock);
        }
        catch
        {
            output.WriteLine("--- silo A ---\n" + a.Output + "\n--- silo B ---\n" + b?.Output + "\n--- agent ---\n" + _node?.Output);
            throw;
        }
        finally
        {
            if (b is not null)
            {
                await b.DisposeAsync();
            }
        }
    }

    private async Task RunAsync(CloudSiloProcess a, int bPort, Func<Task<CloudSiloProcess>> startB, Stopwatch clock)
    {
        void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
        Step("silo A started");

        // Everything is set up through A before B starts, and the agent's first URL is A: the node's link and all its
        // grains (session, node, device, model) are activated on A.
        var token = await a.CreateJoinTokenAsync();
        await a.CreateThermometerModelAsync();
        await using var node = await EdgeNode.StartAsync(Scenario.Node, token, [a.EdgeUri, CloudApp.EdgeUriFor(bPort)]);
        _node = node;
        var before = await AttachedSessionAsync(a, s => true, "the node attaches through A");
        await a.CreateDeviceAsync(Device, Scenario.Node);
        await Eventually.TrueAsync(() => node.HasDeviceAsync("default/" + Device), Deadline, "the agent has the device");
        var port = await node.MqttPortAsync();
        using var desired = await MosquittoSubscription.StartAsync(port, $"$hw/events/device/default/{Device}/twin/cloud_updated", Deadline, count: 10);

        var reports = 0;
        await ReportAsync(port, 3, () => ++reports);
        await WaitReportedAsync(a, reports);

        // Only now B joins: A keeps the activations it has.
        var b = await startB();
        await Eventually.TrueAsync(
            async () => (await SilosAsync(a)).Count(s => s.Status == "active") == 2 && (await SilosAsync(b)).Count(s => s.Status == "active") == 2,
            Deadline, "A and B form one Orleans cluster");
        var onA = await SilosAsync(a);
        var silo = onA.Single(s => s.Self);
        Step($"agent linked to A (session epoch {before.Epoch}); A holds {Describe(silo)}; B holds {Describe(onA.Single(s => !s.Self))}");
        Assert.True(silo.Holds("NodeSessionGrain") && silo.Holds("DeviceGrain"), "A holds the node's session and device grains: " + Describe(silo));

        // A desired value through A; A is frozen as soon as the device has it, so A is likely still busy with the
        // agent's acknowledgement (session outbox, object-sync record and device writes) when it stops.
        await a.SetDesiredAsync(Device, """{"setpoint":"20"}""");
        List<(string Value, long Version)> delivered = [await NextSetpointAsync(desired)];
        Assert.Equal("20", delivered[0].Value);

        // Freeze A: its socket with the agent, its activations and its cluster connections stay, but nothing runs.
        // Reports sent now reach A's socket and wait there unacknowledged.
        a.Freeze();
        Step("A frozen (SIGSTOP)");
        await ReportAsync(port, 2, () => ++reports);

        // An operator's desired value sent to A now waits in A's socket and runs when A is thawed. It is a real request,
        // only late: refused, or applied in order to the current state; never applied to the state A's old activation
        // held.
        var stale = a.Http.PutAsync($"/api/v1/devices/default/{Device}/twin/desired", Json("""{"setpoint":"9"}"""));

        // While A is frozen: a desired value through B (refused while B still waits for A's grains), more reports.
        // A refusal that came from A becoming unavailable (503) does not say the call did not run: B had already sent
        // it to A's activation, and the thawed A may still run it (or pass it on to the grain's new activation), so
        // the value may be applied once more, late — as a new write with a newer version, never on old state.
        var late = new HashSet<string>(StringComparer.Ordinal);
        await Eventually.TrueAsync(async () =>
        {
            using var response = await b.Http.PutAsync(
                $"/api/v1/devices/default/{Device}/twin/desired", Json("""{"setpoint":"21"}"""));
            if ((int)response.StatusCode >= 500)
            {
                late.Add("21");
            }

            return response.IsSuccessStatusCode;
        }, Deadline, "a desired value set through B");
        Step("desired 21 set through B");
        var after = await AttachedSessionAsync(b, s => s.Epoch > before.Epoch, "the agent reconnects to B");
        Assert.NotEqual(before.Silo, after.Silo);
        Step($"agent linked to B (session epoch {after.Epoch})");
        await WaitReportedAsync(b, reports);
        await ReportAsync(port, 3, () => ++reports);
        await WaitReportedAsync(b, reports);
        delivered.Add(await NextSetpointAsync(desired));
        Assert.Equal("21", delivered[^1].Value);
        Step($"reports 1..{reports} stored through B; desired 21 on the device");

        // Thaw A: it runs what queued up (the agent's unacknowledged reports on its socket, B's calls to its old
        // activations) before it learns that the cluster declared it dead, and then it stops.
        a.Thaw();
        Step("A thawed (SIGCONT)");
        await a.WaitForExitAsync(Deadline);
        Step($"A ended by itself (exit code {a.ExitCode})");
        List<string> expected = ["20", "21"];
        var staleOutcome = "no answer";
        try
        {
            using var answer = await stale;
            var body = await answer.Content.ReadAsStringAsync();
            Step($"A answered the desired value sent to it while frozen: {(int)answer.StatusCode} {body[..Math.Min(body.Length, 300)]}");
            staleOutcome = ((int)answer.StatusCode).ToString(CultureInfo.InvariantCulture);
            if (answer.IsSuccessStatusCode)
            {
                // Applied to the current state (with every report stored through B), never to A's old copy.
                using var document = JsonDocument.Parse(body);
                Assert.Equal(reports, document.RootElement.GetProperty("status").GetProperty("twin").GetProperty("temperature").GetProperty("reported").GetProperty("edgeVersion").GetInt64());
                expected.Add("9");
            }
        }
        catch (HttpRequestException ex)
        {
            Step("A ended before answering the desired value sent to it while frozen: " + ex.Message);
        }

        // The link stays on B: more reports and a last desired value go through it.
        await ReportAsync(port, 2, () => ++reports);
        await WaitReportedAsync(b, reports);
        // If the thawed A stored the late value, B's activation learns it on its next write (412, nothing written):
        // the operator reads again and retries, as the problem says.
        await Eventually.TrueAsync(async () =>
        {
            using var response = await b.Http.PutAsync($"/api/v1/devices/default/{Device}/twin/desired", Json("""{"setpoint":"22"}"""));
            Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.PreconditionFailed, $"desired 22 through B: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode;
        }, Deadline, "the last desired value set through B");
        expected.Add("22");

        // What reached the device: every value as a new write with a newer cloud version than the one before (a resend
        // of a value the device has changes nothing and is not published), so the device never goes back to an older
        // write. Each value set reached it once — 9, the value A took late, unless B's newer value overtook it before
        // it was pushed (the node's outbox keeps only the newest message per object) — except that a value whose
        // request was answered 503 may arrive once more, late, as its own newer write. The last value set wins.
        while (delivered[^1].Value != "22" && delivered.Count < expected.Count + late.Count + 2)
        {
            delivered.Add(await NextSetpointAsync(desired));
        }

        var shown = $"desired values on the device: {string.Join(',', delivered.Select(d => $"{d.Value}@{d.Version}"))}; set: {string.Join(',', expected)}; "
            + $"answered 503 (may apply late): {string.Join(',', late)}; the value sent to the frozen A: {staleOutcome}";
        Assert.True(delivered.Zip(delivered.Skip(1)).All(p => p.Second.Version > p.First.Version), "cloud versions strictly increase: " + shown);
        Assert.Equal("22", delivered[^1].Value);
        Assert.Equal(["20", "21"], delivered.Take(2).Select(d => d.Value));
        foreach (var group in delivered.GroupBy(d => d.Value))
        {
            // 9 may also have been applied when A stopped before answering: it had passed the call on.
            Assert.True(expected.Contains(group.Key) || group.Key == "9", "a value that was never set: " + shown);
            Assert.True(group.Count() <= (late.Contains(group.Key) ? 2 : 1), $"{group.Key} delivered {group.Count()} times: " + shown);
        }

        output.WriteLine(shown);
        Step($"reports 1..{reports} stored, desired 22 on the device");

        // Settled: the agent acknowledged everything, and the device has the node's acknowledgement of the last value.
        await Eventually.TrueAsync(async () => await node.OutboxCountAsync() == 0, Deadline, "the agent's outbox is empty: every report acknowledged");
        await Eventually.TrueAsync(
            async () => (await b.GetDeviceAsync(Device)).GetProperty("status").GetProperty("twin").GetProperty("setpoint").GetProperty("sync").GetString() is "inSync" or "InSync",
            Deadline, "the setpoint is in sync");

        // Every report stored exactly once, in order: the last value with edge version = number of reports, and the
        // device's history (its change feed) one write per version, none repeated or going back.
        var device = await b.GetDeviceAsync(Device);
        var reported = device.GetProperty("status").GetProperty("twin").GetProperty("temperature").GetProperty("reported");
        Assert.Equal(Value(reports), reported.GetProperty("value").GetString());
        Assert.Equal(reports, reported.GetProperty("edgeVersion").GetInt64());
        var version = device.GetProperty("resourceVersion").GetInt64();
        var history = await DeviceHistoryAsync(b, version);
        Step($"device history: versions {string.Join(',', history)}");
        Assert.True(history.SequenceEqual(history.Order().Distinct()), "each device version written once, in order: " + string.Join(',', history));
        Assert.Equal(version, history[^1]);

        // No stale write landed: the stored rows are what B's activations hold.
        var stored = await StoredStateAsync(b, "device", "default/" + Device);
        Assert.Equal(version, Member(Member(stored, "device"), "resourceVersion").GetInt64());

        // The link never went back to A: the session is B's, with the epoch it got when the agent moved there.
        var final = await AttachedSessionAsync(b, s => true, "the node's session");
        Assert.Equal((after.Silo, after.Epoch), (final.Silo, final.Epoch));
        var storedSession = await StoredStateAsync(b, "nodesession", Scenario.Node);
        Assert.Equal(after.Epoch, Member(storedSession, "epoch").GetInt64());
        Step("done");
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static string Value(int report) => (20 + (report / 10.0)).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Publishes <paramref name="count"/> reports with mosquitto_pub, each the next value.</summary>
    private static async Task ReportAsync(int port, int count, Func<int> next)
    {
        for (var i = 0; i < count; i++)
        {
            await MqttProbe.PublishAsync(port, Scenario.UpdateTopic(Device), Scenario.Reported(Value(next())));
        }
    }

    private static Task WaitReportedAsync(CloudSiloProcess silo, int reports) =>
        Eventually.TrueAsync(async () =>
        {
            var twin = (await silo.GetDeviceAsync(Device)).GetProperty("status").GetProperty("twin");
            return twin.TryGetProperty("temperature", out var t) && t.TryGetProperty("reported", out var r) && r.ValueKind == JsonValueKind.Object
                && r.GetProperty("edgeVersion").GetInt64() == reports;
        }, Deadline, $"silo {silo.Name} shows report {reports}");

    /// <summary>The setpoint of the next <c>twin/cloud_updated</c> the agent publishes.</summary>
    private async Task<(string Value, long Version)> NextSetpointAsync(MosquittoSubscription updates)
    {
        try
        {
            var update = await updates.NextAsync(Deadline);
            output.WriteLine("cloud_updated: " + update.Payload);
            return Setpoint(update);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No desired value reached the device within {Deadline}.");
        }
    }

    /// <summary>The desired setpoint a <c>twin/cloud_updated</c> carries and its cloud version: the agent publishes one
    /// for each desired change from the cloud it accepts (a resent one it already has changes nothing and is not
    /// published).</summary>
    private static (string Value, long Version) Setpoint((string Topic, string Payload) update)
    {
        var setpoint = JsonDocument.Parse(update.Payload).RootElement.GetProperty("twin").GetProperty("setpoint");
        return (setpoint.GetProperty("expected").GetProperty("value").GetString() ?? "(none)",
            setpoint.GetProperty("expected_version").GetProperty("cloud").GetInt64());
    }

    private sealed record Session(string Silo, long Epoch);

    /// <summary>Waits until REST (through <paramref name="silo"/>) shows the node attached with a session matching
    /// <paramref name="match"/>.</summary>
    private static async Task<Session> AttachedSessionAsync(CloudSiloProcess silo, Func<Session, bool> match, string what)
    {
        Session? session = null;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await silo.Http.GetAsync($"/api/v1/nodes/{Scenario.Node}");
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            var s = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("session");
            if (!s.GetProperty("attached").GetBoolean())
            {
                return false;
            }

            session = new Session(s.GetProperty("silo").GetString()!, s.GetProperty("epoch").GetInt64());
            return match(session);
        }, Deadline, what);
        return session!;
    }

    private sealed record SiloInfo(string Address, string Status, bool Self, Dictionary<string, int> Activations)
    {
        public bool Holds(string grain) => Activations.Any(p => p.Key.EndsWith(grain, StringComparison.Ordinal) && p.Value > 0);
    }

    private static string Describe(SiloInfo silo) =>
        string.Join(", ", silo.Activations.Where(p => p.Key.Contains("Node", StringComparison.Ordinal) || p.Key.Contains("Device", StringComparison.Ordinal))
            .Select(p => $"{p.Key.Split('.')[^1]} {p.Value}"));

    private static async Task<List<SiloInfo>> SilosAsync(CloudSiloProcess silo)
    {
        using var response = await silo.Http.GetAsync("/api/v1/cluster/silos");
        response.EnsureSuccessStatusCode();
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        return [.. items.EnumerateArray().Select(i => new SiloInfo(
            i.GetProperty("address").GetString()!,
            i.GetProperty("status").GetString()!,
            i.GetProperty("self").GetBoolean(),
            i.TryGetProperty("activationsByType", out var types) && types.ValueKind == JsonValueKind.Object
                ? types.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32())
                : []))];
    }

    /// <summary>The stored state row of a grain (<c>GET /api/v1/grains/{type}/{key}</c>), its payload.</summary>
    private static async Task<JsonElement> StoredStateAsync(CloudSiloProcess silo, string type, string key)
    {
        using var response = await silo.Http.GetAsync($"/api/v1/grains/{type}/{Uri.EscapeDataString(key)}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"grain state {type}/{key}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("state");
    }

    /// <summary>A member of stored state, whatever the case of its name.</summary>
    private static JsonElement Member(JsonElement element, string name) =>
        element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The device's resource versions in the order the change feed recorded its writes, from the start of
    /// the feed up to <paramref name="version"/> (read as server-sent events).</summary>
    private static async Task<List<long>> DeviceHistoryAsync(CloudSiloProcess silo, long version)
    {
        var versions = new List<long>();
        using var cts = new CancellationTokenSource(Deadline);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/events?after=0&kind=device&device=default/{Device}");
        using var response = await silo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            var change = JsonDocument.Parse(line["data: ".Length..]).RootElement;
            versions.Add(change.GetProperty("resourceVersion").GetInt64());
            if (versions[^1] >= version)
            {
                break;
            }
        }

        return versions;
    }
}
