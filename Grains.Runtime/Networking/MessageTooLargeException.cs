using System.Globalization;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>Thrown to the sender when a message encodes to a frame over <see cref="ConnectionOptions.MaxFrameSize"/>;
/// nothing was queued and the connection stays usable.</summary>
internal sealed class MessageTooLargeException : Exception
{
    /// <summary>Creates the exception for a message of <paramref name="frameSize"/> bytes.</summary>
    public MessageTooLargeException(string messageDescription, long frameSize, int maxFrameSize)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"{messageDescription} encodes to {frameSize:N0} bytes, more than the limit of {maxFrameSize:N0} bytes per frame (ConnectionOptions.MaxFrameSize); it was not sent."))
    {
        FrameSize = frameSize;
        MaxFrameSize = maxFrameSize;
    }

    /// <summary>Encoded size (header + body) of the message.</summary>
    public long FrameSize { get; }

    /// <summary>Limit in force.</summary>
    public int MaxFrameSize { get; }
}
