using System.Net.Sockets;
using System.Text;
using EdgeHive.Edge.Agent.EventBus.Broker;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeHive.Edge.Agent.Tests.EventBus;

/// <summary>
/// A subscriber that stops reading: its queue fills to <see cref="EmbeddedBrokerOptions.MaxPendingMessagesPerClient"/>;
/// QoS 0 messages past it are dropped and counted, a QoS 1 message past it is counted and its client disconnected.
/// </summary>
public sealed class BrokerQueueTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_stalled_subscriber_loses_messages_only_countably(int qos)
    {
        await using var broker = new EmbeddedMqttBroker(new EmbeddedBrokerOptions { Port = 0, MaxPendingMessagesPerClient = 10 }, NullLoggerFactory.Instance);
        await broker.StartAsync();

        // A raw subscriber that never reads after its SUBACK: the socket buffers fill, then its queue.
        using var stalled = new TcpClient();
        await stalled.ConnectAsync("127.0.0.1", broker.Port);
        var stream = stalled.GetStream();
        stalled.ReceiveBufferSize = 4096;
        await stream.WriteAsync(Connect("stalled"));
        await stream.ReadExactlyAsync(new byte[4]);
        await stream.WriteAsync(Subscribe("load/#", qos));
        await stream.ReadExactlyAsync(new byte[5]);

        var payload = new byte[64 * 1024];
        await Eventually.TrueAsync(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await broker.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("load/x").WithPayload(payload)
                    .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).Build(), default);
            }

            return (qos == 0 ? broker.DroppedQos0 : broker.DroppedQos1) > 0;
        }, Deadline, "the stalled subscriber's queue overflowed");

        Assert.Equal(0, qos == 0 ? broker.DroppedQos1 : broker.DroppedQos0);
        if (qos == 1)
        {
            // Not silently: the slow consumer is disconnected (and the drop logged, event 6005).
            await Eventually.TrueAsync(() => broker.ConnectionCount == 0, Deadline, "the slow consumer was disconnected");
        }
    }

    private static byte[] Connect(string clientId)
    {
        var id = Encoding.UTF8.GetBytes(clientId);
        byte[] body = [0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0x02, 0x00, 0x00, 0x00, (byte)id.Length, .. id];
        return [0x10, (byte)body.Length, .. body];
    }

    private static byte[] Subscribe(string filter, int qos)
    {
        var topic = Encoding.UTF8.GetBytes(filter);
        byte[] body = [0x00, 0x01, 0x00, (byte)topic.Length, .. topic, (byte)qos];
        return [0x82, (byte)body.Length, .. body];
    }
}
