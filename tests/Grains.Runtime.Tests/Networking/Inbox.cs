using System.Collections.Concurrent;
using EdgeHive.Grains.Runtime.Messaging;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;

namespace EdgeHive.Grains.Runtime.Tests.Networking;

/// <summary>Collects the messages a connection delivers, in arrival order.</summary>
internal sealed class Inbox
{
    private readonly ConcurrentQueue<Message> _messages = new();

    public int Count => _messages.Count;

    public IReadOnlyList<Message> Messages => [.. _messages];

    public void Add(Runtime.Networking.Connection connection, Message message) => _messages.Enqueue(message);

    public Task WaitForAsync(int count, TimeSpan deadline) =>
        Eventually.TrueAsync(() => _messages.Count >= count, deadline, $"{count} messages arrive (have {_messages.Count})");
}
