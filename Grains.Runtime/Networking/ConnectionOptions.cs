namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>Limits and timeouts of one connection (silo↔silo or client↔silo). Both ends should use the same values.</summary>
internal sealed class ConnectionOptions
{
    /// <summary>Default of <see cref="MaxFrameSize"/>: 4 MiB.</summary>
    public const int DefaultMaxFrameSize = 4 * 1024 * 1024;

    /// <summary>Default of <see cref="SendQueueCapacity"/>: 10,000 messages.</summary>
    public const int DefaultSendQueueCapacity = 10_000;

    /// <summary>
    /// Largest frame, in bytes after the 4-byte length prefix (header + body), that is sent or accepted. Default 4 MiB:
    /// grain arguments and state are small JSON documents, so a bigger frame is a bug or an attack; the limit also
    /// bounds what a peer can make the receiver buffer. A larger outbound message throws
    /// <see cref="MessageTooLargeException"/> to the sender; a larger inbound one closes the connection.
    /// </summary>
    public int MaxFrameSize { get; set; } = DefaultMaxFrameSize;

    /// <summary>
    /// Messages that may wait in a connection's outbound queue. Default 10,000: about a second of traffic at full
    /// speed, enough to absorb bursts; beyond it <see cref="Connection.Send"/> throws <see cref="SendQueueFullException"/>
    /// and <see cref="Connection.SendAsync"/> waits for room.
    /// </summary>
    public int SendQueueCapacity { get; set; } = DefaultSendQueueCapacity;

    /// <summary>
    /// How long a graceful close may take (flush the queue, then wait for the peer to close its side) before the
    /// connection is aborted. Default 10 s.
    /// </summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a TCP connect may take before it fails with <see cref="ConnectionFailedException"/>. Default 5 s:
    /// a peer on the same network answers in milliseconds, and a dead one should be reported quickly.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws when a value is out of range; call at start-up.</summary>
    public void Validate()
    {
        // Below 64 bytes not even a request header fits; above 1 GiB the pooled buffers stop being pooled.
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameSize, 64, nameof(MaxFrameSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxFrameSize, 1 << 30, nameof(MaxFrameSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SendQueueCapacity, nameof(SendQueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CloseTimeout, TimeSpan.Zero, nameof(CloseTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
    }
}
