namespace EdgeHive.Edge.Protocol.Tests;

public sealed class PendingMessageMergeTests
{
    private readonly EdgeMessageFactory _cloud = Samples.CloudFactory();

    [Fact]
    public void Only_the_newest_version_of_an_object_is_kept_at_its_first_position()
    {
        var a1 = _cloud.DeviceUpsert(Samples.Thermometer("a"), 1);
        var b2 = _cloud.DeviceUpsert(Samples.Thermometer("b"), 2);
        var a3 = _cloud.DeviceUpsert(Samples.Thermometer("a") with { Description = "moved" }, 3);
        var c4 = _cloud.DeviceModelUpsert(Samples.ThermometerModel(), 4);
        var a5 = _cloud.DeviceDelete("default", "a", 5);

        var merged = PendingMessageMerge.MergePerObject([a1, b2, a3, c4, a5]);

        Assert.Equal([a5.Id, b2.Id, c4.Id], merged.Select(m => m.Id));
    }

    [Fact]
    public void An_older_version_arriving_later_does_not_replace_a_newer_one()
    {
        var newer = _cloud.DeviceUpsert(Samples.Thermometer("a"), 9);
        var older = _cloud.DeviceUpsert(Samples.Thermometer("a"), 4);

        var merged = PendingMessageMerge.MergePerObject([newer, older]);

        Assert.Equal(newer.Id, Assert.Single(merged).Id);
    }

    [Fact]
    public void On_equal_versions_the_later_message_wins()
    {
        var first = _cloud.DeviceUpsert(Samples.Thermometer("a"), 7);
        var second = _cloud.DeviceUpsert(Samples.Thermometer("a"), 7);

        var merged = PendingMessageMerge.MergePerObject([first, second]);

        Assert.Equal(second.Id, Assert.Single(merged).Id);
    }

    [Fact]
    public void Membership_and_device_messages_share_the_device_key()
    {
        var added = _cloud.MembershipAdd("edge-1", Samples.Thermometer("a"), 3);
        var updated = _cloud.DeviceUpsert(Samples.Thermometer("a"), 4);
        var removed = _cloud.MembershipRemove("edge-1", "default", "a", 5);

        var merged = PendingMessageMerge.MergePerObject([added, updated, removed]);

        Assert.Equal(removed.Id, Assert.Single(merged).Id);
    }

    [Fact]
    public void A_device_and_its_desired_twin_are_different_objects()
    {
        var device = _cloud.DeviceUpsert(Samples.Thermometer("a"), 3);
        var twin = _cloud.TwinDesired(new TwinDesiredUpdate { Namespace = "default", Name = "a" }, 4);

        var merged = PendingMessageMerge.MergePerObject([device, twin]);

        Assert.Equal([device.Id, twin.Id], merged.Select(m => m.Id));
    }

    [Fact]
    public void Messages_without_key_or_version_are_never_merged_and_keep_their_place()
    {
        var request1 = _cloud.ServiceRequest(new ServiceRequest { Method = "GET", Path = "/", TargetPort = 80 });
        var a1 = _cloud.DeviceUpsert(Samples.Thermometer("a"), 1);
        var request2 = _cloud.ServiceRequest(new ServiceRequest { Method = "GET", Path = "/", TargetPort = 80 });
        var unversioned1 = _cloud.Create(new DeviceDelete { Namespace = "default", Name = "x" }, ResourceKeys.Device("default", "x"));
        var unversioned2 = _cloud.Create(new DeviceDelete { Namespace = "default", Name = "x" }, ResourceKeys.Device("default", "x"));
        var a2 = _cloud.DeviceUpsert(Samples.Thermometer("a"), 2);

        var merged = PendingMessageMerge.MergePerObject([request1, a1, request2, unversioned1, unversioned2, a2]);

        Assert.Equal([request1.Id, a2.Id, request2.Id, unversioned1.Id, unversioned2.Id], merged.Select(m => m.Id));
    }

    [Fact]
    public void Nothing_pending_merges_to_nothing()
    {
        Assert.Empty(PendingMessageMerge.MergePerObject([]));
    }
}
