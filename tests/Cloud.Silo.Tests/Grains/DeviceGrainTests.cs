using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

public sealed class DeviceGrainTests : IAsyncLifetime
{
    private CloudSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = await CloudSilo.StartAsync();
        await Fixtures.CreateModelAsync(_silo.Grains);
        await Fixtures.RegisterNodeAsync(_silo.Grains, "edge-1");
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private IDeviceGrain Device(string key = "default/d1") => _silo.Grains.GetGrain<IDeviceGrain>(key);

    private async Task<int> ModelUsers() => (await _silo.Grains.GetGrain<IDeviceModelGrain>("default/thermostat").Get()).Value!.Status.DeviceCount;

    [Fact]
    public async Task Create_with_an_unknown_model_or_node_fails_validation_and_leaves_nothing_behind()
    {
        var noModel = await Device().Create(Fixtures.Spec("edge-1", model: "missing"));
        Assert.Equal(OperationStatus.ValidationFailed, noModel.Status);
        Assert.Equal("spec.model", Assert.Single(noModel.Errors).Property);

        var noNode = await Device().Create(Fixtures.Spec("edge-404"));
        Assert.Equal(OperationStatus.ValidationFailed, noNode.Status);
        Assert.Equal("spec.nodeName", Assert.Single(noNode.Errors).Property);

        Assert.Equal(0, await ModelUsers());
        Assert.Equal(OperationStatus.NotFound, (await Device().Get()).Status);
        Assert.Empty((await _silo.Grains.GetGrain<IEdgeNodeGrain>("edge-1").Get()).Value!.Devices);
    }

    [Theory]
    [InlineData("setpoint", "99", "setpoint")]
    [InlineData("temperature", "20", "temperature")]
    [InlineData("fan-speed", "fast", "fan-speed")]
    [InlineData("no-such", "1", "no-such")]
    public async Task Desired_values_that_break_the_model_fail_validation_naming_the_property(string property, string value, string expected)
    {
        await Fixtures.CreateDeviceAsync(_silo.Grains, "default/d1", Fixtures.Spec("edge-1"));
        var result = await Device().SetDesired(Fixtures.Desired((property, value)), null);
        Assert.Equal(OperationStatus.ValidationFailed, result.Status);
        Assert.Equal(expected, Assert.Single(result.Errors).Property);
        Assert.Equal(1, (await Device().Get()).Value!.ResourceVersion);
    }

    [Fact]
    public async Task Writes_check_if_match_and_answer_412_with_the_current_etag()
    {
        var created = await Fixtures.CreateDeviceAsync(_silo.Grains, "default/d1", Fixtures.Spec("edge-1"));
        var replaced = await Device().Replace(Fixtures.Spec("edge-1", labels: new Dictionary<string, string> { ["site"] = "a" }), created.ETag);
        Assert.Equal(OperationStatus.Ok, replaced.Status);
        Assert.NotEqual(created.ETag, replaced.ETag);

        var stale = await Device().SetDesired(Fixtures.Desired(("setpoint", "20")), created.ETag);
        Assert.Equal(OperationStatus.PreconditionFailed, stale.Status);
        Assert.Equal(replaced.ETag, stale.ETag);

        var staleDelete = await Device().Delete(created.ETag);
        Assert.Equal(OperationStatus.PreconditionFailed, staleDelete.Status);
        Assert.Equal(OperationStatus.NotFound, (await Device("default/none").Replace(Fixtures.Spec(null), null)).Status);
        Assert.Equal(OperationStatus.Conflict, (await Device().Create(Fixtures.Spec(null))).Status);
    }

    [Fact]
    public async Task Merge_patch_sets_and_removes_desired_values_and_refuses_status()
    {
        await Fixtures.CreateDeviceAsync(_silo.Grains, "default/d1", Fixtures.Spec("edge-1", desired: new Dictionary<string, string> { ["power"] = "true" }));
        var patched = await Device().Patch("""{"spec":{"desired":{"setpoint":"21.5","power":null}}}""", null);
        Assert.Equal(OperationStatus.Ok, patched.Status);
        Assert.Equal("21.5", patched.Value!.Spec.Desired["setpoint"]);
        Assert.False(patched.Value.Spec.Desired.ContainsKey("power"));
        Assert.Null(patched.Value.Status.Twin["power"].Desired!.Value);

        var status = await Device().Patch("""{"status":{"state":"online"}}""", null);
        Assert.Equal(OperationStatus.ValidationFailed, status.Status);
        Assert.Equal("status", Assert.Single(status.Errors).Property);
    }

    [Fact]
    public async Task Reported_values_are_idempotent_on_replay_and_stale_versions_are_ignored()
    {
        await Fixtures.CreateDeviceAsync(_silo.Grains, "default/d1", Fixtures.Spec("edge-1"));
        var before = await _silo.Feed.LatestIdAsync(CancellationToken.None);
        var report = new EdgeTwinReport(1, new Dictionary<string, ReportedPropertyUpdate> { ["temperature"] = new("20.5", 5, DateTimeOffset.UtcNow) });

        var first = await Device().ReportFromEdge("edge-1", report);
        var replay = await Device().ReportFromEdge("edge-1", report);
        Assert.Equal(["temperature"], first.Value!.Applied);
        Assert.Empty(replay.Value!.Applied);
        Assert.Equal(first.Value.ResourceVersion, replay.Value.ResourceVersion);

        var stale = await Device().ReportFromEdge("edge-1", new EdgeTwinReport(2, new Dictionary<string, ReportedPropertyUpdate> { ["temperature"] = new("1", 4, DateTimeOffset.UtcNow) }));
        Assert.Empty(stale.Value!.Applied);
        Assert.Equal("20.5", (await Device().Get()).Value!.Status.Twin["temperature"].Reported!.Value);

        var changes = await ReadChangesAsync(before, 1);
        Assert.Equal(ChangeOperationsReported, Assert.Single(changes, c => c.Key == "default/d1").Operation);
    }

    [Fact]
    public async Task Edge_writes_from_another_node_are_forbidden_and_state_comes_only_from_the_edge()
    {
        await Fixtures.CreateDeviceAsync(_silo.Grains, "default/d1", Fixtures.Spec("edge-1"));
        var t = DateTimeOffset.UtcNow.AddMinutes(-1);
        Assert.Equal(OperationStatus.Forbidden, (await Device().SetState("edge-2", DeviceState.Online, t)).Status);

        var online = await Device().SetState("edge-1", DeviceState.Online, t);
        Assert.Equal(DeviceState.Online, online.Value!.Status.State);
        Assert.Equal(t, online.Value.Status.LastOnlineTime);

        var older = await Device().SetState("edge-1", DeviceState.Offline, t.AddSeconds(-5));
        Assert.Equal(DeviceState.Online, older.Value!.Status.State);
        Assert.Equal(online.Value.ResourceVersion, older.Value.ResourceVersion);
    }

    [Fact]
    public async Task Delete_releases_the_model_and_the_node()
    {
        await Fixtures.CreateDeviceAsync(_silo.Grains, "default/d1", Fixtures.Spec("edge-1"));
        Assert.Equal(1, await ModelUsers());
        var deleted = await Device().Delete("*");
        Assert.Equal(OperationStatus.Ok, deleted.Status);
        Assert.Equal(0, await ModelUsers());
        Assert.Empty((await _silo.Grains.GetGrain<IEdgeNodeGrain>("edge-1").Get()).Value!.Devices);
        Assert.Equal(OperationStatus.NotFound, (await Device().Delete(null)).Status);
    }

    private const string ChangeOperationsReported = "reported";

    private async Task<List<Changes.ChangeEvent>> ReadChangesAsync(long after, int atLeast)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var result = new List<Changes.ChangeEvent>();
        try
        {
            await foreach (var change in _silo.Feed.ReadAsync(after, c => c.Kind == "device", cts.Token))
            {
                result.Add(change);
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.True(result.Count >= atLeast, $"expected at least {atLeast} device changes, got {result.Count}");
        return result;
    }
}
