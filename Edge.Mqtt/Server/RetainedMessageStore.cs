using System.Collections.Concurrent;
using EdgeHive.Edge.Mqtt.Topics;

namespace EdgeHive.Edge.Mqtt.Server;

/// <summary>The last retained message per topic, kept in memory.</summary>
internal sealed class RetainedMessageStore
{
    private readonly ConcurrentDictionary<string, MqttApplicationMessage> _messages = new(StringComparer.Ordinal);

    public int Count => _messages.Count;

    /// <summary>Stores the message; an empty payload deletes the topic's retained message (§3.3.1.3).</summary>
    public void Apply(MqttApplicationMessage message)
    {
        if (message.Payload.IsEmpty)
        {
            _messages.TryRemove(message.Topic, out _);
        }
        else
        {
            _messages[message.Topic] = message with { Retain = true };
        }
    }

    /// <summary>Retained messages whose topic matches <paramref name="filter"/>.</summary>
    public List<MqttApplicationMessage> Matching(string filter)
    {
        var result = new List<MqttApplicationMessage>();
        foreach (var (topic, message) in _messages)
        {
            if (MqttTopic.IsMatch(filter, topic))
            {
                result.Add(message);
            }
        }

        return result;
    }
}
