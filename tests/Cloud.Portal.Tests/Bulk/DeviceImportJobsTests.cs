using System.Security.Claims;
using System.Text;
using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Bulk;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>Whole imports against an in-memory cluster: rows are written several at a time, yet each line gets its
/// own outcome, in line order, and rows on one device never race.</summary>
public sealed class DeviceImportJobsTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly ClaimsPrincipal Editor = TestUsers.With("ivan", PortalRoles.Editor);

    private readonly FakeCluster _cluster = new();
    private readonly FakeLifetime _lifetime = new();
    private readonly DeviceImportJobs _jobs;

    public DeviceImportJobsTests()
    {
        _cluster.Models["default/thermostat"] = new DeviceModel("default", "thermostat",
            new DeviceModelSpec(null, [new DeviceModelProperty("target", PropertyType.Double, AccessMode.ReadWrite, "°C", 5, 30, null)]),
            new DeviceModelStatus(0), 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        _jobs = new DeviceImportJobs(new FakePortalBackend(_cluster), TimeProvider.System, _lifetime, NullLogger<DeviceImportJobs>.Instance);
    }

    public void Dispose() => _lifetime.Dispose();

    [Fact]
    public async Task Every_line_gets_its_outcome_in_line_order_and_a_device_named_twice_keeps_its_first_row()
    {
        _cluster.Devices["default/old"] = Device("old", "edge-1", "20", version: 3);
        var rows = Rows(120, i => i switch
        {
            0 => "twice,thermostat,edge-1,21",
            30 => "old,thermostat,edge-2,25",
            60 => "twice,thermostat,edge-2,22",
            90 => "odd,valve,edge-1,20",
            _ => $"dev-{i},thermostat,edge-1,20",
        });

        var status = await ImportAsync(rows);

        Assert.Equal((DeviceImportPhase.Finished, 120, 120), (status.Phase, status.Done, status.Total));
        Assert.Equal(Enumerable.Range(2, 120), status.Outcomes.Select(o => o.Line));
        Assert.Equal(("default/twice", "created"), (status.Outcomes[0].Key, status.Outcomes[0].Word));
        Assert.Equal(("default/old", "updated"), (status.Outcomes[30].Key, status.Outcomes[30].Word));
        Assert.Equal("device default/twice is already in this file (line 2)", status.Outcomes[60].Reason);
        Assert.Equal("model: unknown model 'valve' in namespace default", status.Outcomes[90].Reason);
        Assert.Equal(117, status.Count(DeviceImportAction.Create));
        // The device named twice holds its first row; the update was made against the version read.
        Assert.Equal(("edge-1", "21"), (_cluster.Devices["default/twice"].Spec.NodeName, _cluster.Devices["default/twice"].Spec.Desired["target"]));
        Assert.Equal(("edge-2", 4L), (_cluster.Devices["default/old"].Spec.NodeName, _cluster.Devices["default/old"].ResourceVersion));
        Assert.Equal(0, _cluster.Overlaps);
    }

    [Fact]
    public async Task Rows_on_different_devices_are_written_at_the_same_time_within_the_limit()
    {
        // The first two writes wait for each other: written one by one, the first would time out and stop the import.
        var gated = 0;
        _cluster.BeforeWrite = async _ =>
        {
            if (Interlocked.Increment(ref gated) <= 2)
            {
                await Eventually.TrueAsync(() => _cluster.InFlight >= 2, TimeSpan.FromSeconds(30), "a second write in flight");
            }
        };

        var status = await ImportAsync(Rows(200, i => $"dev-{i},thermostat,edge-1,20"));

        Assert.Equal((DeviceImportPhase.Finished, null), (status.Phase, status.Error));
        Assert.Equal(200, status.Count(DeviceImportAction.Create));
        Assert.InRange(_cluster.MaxInFlight, 2, DeviceImportLimits.MaxConcurrentCalls);
        Assert.Equal(0, _cluster.Overlaps);
    }

    [Fact]
    public async Task A_row_the_cluster_refuses_fails_alone_among_many()
    {
        _cluster.Refused["default/dev-37"] = "node edge-9 does not exist";

        var status = await ImportAsync(Rows(200, i => $"dev-{i},thermostat,edge-1,20"));

        Assert.Equal(DeviceImportPhase.Finished, status.Phase);
        var failed = Assert.Single(status.Outcomes, o => o.Result == DeviceImportAction.Fail);
        Assert.Equal((39, "default/dev-37", "spec.nodeName: node edge-9 does not exist"), (failed.Line, failed.Key, failed.Reason));
        Assert.Equal(199, status.Count(DeviceImportAction.Create));
        Assert.Equal(199, _cluster.Devices.Count);
    }

    [Fact]
    public async Task Stopping_the_portal_mid_import_starts_no_further_row_and_lists_the_rows_written()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _cluster.BeforeWrite = _ => release.Task;
        var job = _jobs.Start(Editor, "devices.csv", Csv(Rows(200, i => $"dev-{i},thermostat,edge-1,20")))!;
        await Eventually.TrueAsync(() => _cluster.InFlight == DeviceImportLimits.MaxConcurrentCalls, Deadline, "every write slot busy");

        _lifetime.StopApplication();
        release.SetResult();
        await Eventually.TrueAsync(() => job.Status.IsOver, Deadline, "the import is over");

        var status = job.Status;
        Assert.Equal(DeviceImportPhase.Failed, status.Phase);
        Assert.StartsWith("The portal stopped during the import", status.Error, StringComparison.Ordinal);
        Assert.InRange(status.Done, 1, 199);
        Assert.All(status.Outcomes, o => Assert.Equal(DeviceImportAction.Create, o.Result));
        Assert.Equal(_cluster.Devices.Keys.Order(StringComparer.Ordinal), status.Outcomes.Select(o => o.Key!).Order(StringComparer.Ordinal));
    }

    private async Task<DeviceImportStatus> ImportAsync(string[] rows)
    {
        var job = _jobs.Start(Editor, "devices.csv", Csv(rows));
        Assert.NotNull(job);
        await Eventually.TrueAsync(() => job.Status.IsOver, Deadline, "the import is over");
        return job.Status;
    }

    private static string[] Rows(int count, Func<int, string> row) => Enumerable.Range(0, count).Select(row).ToArray();

    private static byte[] Csv(string[] rows) => Encoding.UTF8.GetBytes("name,model,node,desired.target\n" + string.Join("\n", rows) + "\n");

    private static Device Device(string name, string node, string target, long version) =>
        new("default", name, new DeviceSpec("thermostat", node, null, new Dictionary<string, string>(), new Dictionary<string, string> { ["target"] = target }),
            DeviceStatus.Initial, version, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
