using System.Threading.Channels;

namespace EdgeHive.Edge.Mqtt.Tests.Infrastructure;

/// <summary>Collects received messages so a test can await the next one with a deadline.</summary>
public sealed class MessageInbox
{
    private readonly Channel<MqttApplicationMessage> _messages = System.Threading.Channels.Channel.CreateUnbounded<MqttApplicationMessage>();

    public int Count => _messages.Reader.Count;

    public ValueTask Add(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        _messages.Writer.TryWrite(message);
        return ValueTask.CompletedTask;
    }

    public async Task<MqttApplicationMessage> NextAsync(TimeSpan? deadline = null)
    {
        using var cts = new CancellationTokenSource(deadline ?? Eventually.Deadline);
        try
        {
            return await _messages.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No message arrived in time.");
        }
    }

    /// <summary>True when nothing arrives within <paramref name="window"/> (used after a marker message proved ordering).</summary>
    public bool TryTake(out MqttApplicationMessage? message) => _messages.Reader.TryRead(out message);
}
