namespace EdgeHive.Edge.Protocol;

/// <summary>Limits the codec enforces when reading and packing frames.</summary>
public sealed record EdgeCodecOptions
{
    /// <summary>Default <see cref="MaxFrameBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxFrameBytes = 1024 * 1024;

    /// <summary>Default <see cref="MaxBatchCount"/>.</summary>
    public const int DefaultMaxBatchCount = 50;

    /// <summary>Default <see cref="MaxDepth"/>: deep enough for every payload, shallow enough to refuse nesting bombs.</summary>
    public const int DefaultMaxDepth = 32;

    /// <summary>Largest frame, in bytes, that is read or written. Default 1 MiB.</summary>
    public int MaxFrameBytes { get; init; } = DefaultMaxFrameBytes;

    /// <summary>Most messages in one batched frame. Default 50, below the rate-limit burst so a full batch can pass.</summary>
    public int MaxBatchCount { get; init; } = DefaultMaxBatchCount;

    /// <summary>Deepest JSON nesting accepted. Default 32.</summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;

    /// <summary>
    /// Direction of the messages this reader receives: <see cref="MessageDirection.Upstream"/> in the cloud,
    /// <see cref="MessageDirection.Downstream"/> on the edge; kinds that may not travel that way are rejected.
    /// <c>null</c> (the default) accepts every kind.
    /// </summary>
    public MessageDirection? Incoming { get; init; }

    /// <summary>Throws when a limit is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameBytes, 256, nameof(MaxFrameBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchCount, 1, nameof(MaxBatchCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDepth, 8, nameof(MaxDepth));
        if (Incoming is MessageDirection.Both)
        {
            throw new ArgumentOutOfRangeException(nameof(Incoming), "Incoming is Upstream, Downstream or null.");
        }
    }
}
