using System.Security.Claims;
using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Bulk;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>Whole bulk edits against an in-memory cluster: every filtered device, page after page, gets its outcome,
/// and a device changed meanwhile fails alone instead of being overwritten.</summary>
public sealed class DeviceBulkEditJobsTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly ClaimsPrincipal Editor = TestUsers.With("ivan", PortalRoles.Editor);

    private readonly FakeCluster _cluster = new();
    private readonly FakeLifetime _lifetime = new();
    private readonly DeviceImportJobs _jobs;

    public DeviceBulkEditJobsTests() =>
        _jobs = new DeviceImportJobs(new FakePortalBackend(_cluster), TimeProvider.System, _lifetime, NullLogger<DeviceImportJobs>.Instance);

    public void Dispose() => _lifetime.Dispose();

    [Fact]
    public async Task Every_filtered_device_over_several_pages_is_edited_and_one_changed_meanwhile_fails_alone()
    {
        for (var i = 0; i < 450; i++)
        {
            Add($"d{i:D3}", i == 5 ? "gold" : null, batch: "x");
        }

        Add("outside", null, batch: "y");
        _cluster.BeforeWrite = key =>
        {
            // Someone else writes d007 after the edit read it.
            if (key == "default/d007")
            {
                var current = _cluster.Devices[key];
                _cluster.Devices[key] = current with { ResourceVersion = current.ResourceVersion + 1 };
            }

            return Task.CompletedTask;
        };

        var status = await RunAsync("labels", setLabels: "tier=gold");

        Assert.Equal((DeviceImportPhase.Finished, 450, 450), (status.Phase, status.Done, status.Total));
        Assert.Equal(Enumerable.Range(0, 450).Select(i => $"default/d{i:D3}"), status.Outcomes.Select(o => o.Key));
        Assert.Equal(Enumerable.Range(1, 450), status.Outcomes.Select(o => o.Line));
        Assert.Equal((448, 1, 1), (status.Count(DeviceImportAction.Update), status.Count(DeviceImportAction.Unchanged), status.Count(DeviceImportAction.Fail)));
        var failed = Assert.Single(status.Outcomes, o => o.Result == DeviceImportAction.Fail);
        Assert.Equal(("default/d007", "the device was changed by someone else meanwhile; not updated"), (failed.Key, failed.Reason));
        Assert.False(_cluster.Devices["default/d007"].Spec.Labels.ContainsKey("tier"));
        Assert.False(_cluster.Devices["default/outside"].Spec.Labels.ContainsKey("tier"));
        Assert.Equal(449, _cluster.Devices.Values.Count(d => d.Spec.Labels.GetValueOrDefault("tier") == "gold"));
        Assert.Equal(0, _cluster.Overlaps);
    }

    [Fact]
    public async Task Delete_removes_the_filtered_devices_except_one_changed_meanwhile()
    {
        Add("a", null, batch: "x");
        Add("b", null, batch: "x");
        Add("keep", null, batch: "y");
        _cluster.BeforeWrite = key =>
        {
            if (key == "default/b")
            {
                _cluster.Devices[key] = _cluster.Devices[key] with { ResourceVersion = 99 };
            }

            return Task.CompletedTask;
        };

        var status = await RunAsync("delete");

        Assert.Equal(["deleted", "failed"], status.Outcomes.Select(o => o.Word));
        Assert.Equal("the device was changed by someone else meanwhile; not deleted", status.Outcomes[1].Reason);
        Assert.Equal(["default/b", "default/keep"], _cluster.Devices.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Viewer_cannot_start_a_bulk_edit()
    {
        var viewer = TestUsers.With("vic", PortalRoles.Viewer);
        Add("a", null, batch: "x");

        Assert.Null(_jobs.StartEdit(viewer, "edit", DeviceFilter.None, Edit("delete")));
        Assert.True(_cluster.Devices.ContainsKey("default/a"));
    }

    private async Task<DeviceImportStatus> RunAsync(string action, string? setLabels = null)
    {
        var job = _jobs.StartEdit(Editor, "edit", DeviceFilter.None with { Labels = ["batch=x"] }, Edit(action, setLabels));
        Assert.NotNull(job);
        await Eventually.TrueAsync(() => job.Status.IsOver, Deadline, "the edit is over");
        return job.Status;
    }

    private static DeviceBulkEdit Edit(string action, string? setLabels = null) =>
        DeviceBulkEditForm.Validate(action, setLabels, null, null, confirmed: true, out var errors)
        ?? throw new InvalidOperationException(string.Join("; ", errors.Values));

    private void Add(string name, string? tier, string batch)
    {
        var labels = new Dictionary<string, string> { ["batch"] = batch };
        if (tier is not null)
        {
            labels["tier"] = tier;
        }

        _cluster.Devices["default/" + name] = new Device("default", name, new DeviceSpec("thermostat", "edge-1", null, labels, new Dictionary<string, string>()),
            DeviceStatus.Initial, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
    }
}
