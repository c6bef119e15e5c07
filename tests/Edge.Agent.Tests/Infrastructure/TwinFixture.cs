using EdgeHive.Edge.Agent.DeviceTwin;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Edge.Agent.Tests.Infrastructure;

/// <summary>A DeviceTwinService over a temp database for node <c>edge-1</c>, with a manual clock.</summary>
public sealed class TwinFixture : IAsyncDisposable
{
    public const string Node = "edge-1";

    private TwinFixture(TempAgentDatabase temp, ManualTimeProvider time, int outboxCapacity)
    {
        Temp = temp;
        Time = time;
        Outbox = new OutboxStore(temp.Database, time, outboxCapacity);
        Devices = new DeviceStore(temp.Database, Outbox);
        Service = new DeviceTwinService(Devices, Node, time, NullLogger<DeviceTwinService>.Instance);
    }

    public TempAgentDatabase Temp { get; }

    public ManualTimeProvider Time { get; }

    public OutboxStore Outbox { get; }

    public DeviceStore Devices { get; }

    public DeviceTwinService Service { get; }

    public long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public static async Task<TwinFixture> CreateAsync(int outboxCapacity = 1000) =>
        new(await TempAgentDatabase.CreateAsync(), new ManualTimeProvider(), outboxCapacity);

    /// <summary>Binds a device to the node through the cloud membership path.</summary>
    public async Task BindAsync(string id, Dictionary<string, MsgTwin?>? twin = null, Dictionary<string, MsgAttr?>? attributes = null)
    {
        var update = new MembershipUpdate
        {
            AddedDevices = [new MsgDevice { Id = id, Name = id[(id.IndexOf('/') + 1)..], Twin = twin, Attributes = attributes }],
        };
        var outcome = await Service.ApplyMembershipAsync(update, CancellationToken.None);
        Assert.Empty(outcome.Rejections);
    }

    public Task<TwinOutcome> MqttAsync(string topic, string payload) =>
        Service.HandleMqttAsync(topic, Json.Utf8(payload), CancellationToken.None);

    public async ValueTask DisposeAsync() => await Temp.DisposeAsync();
}
