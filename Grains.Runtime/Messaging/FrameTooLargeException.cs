using System.Globalization;

namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>
/// A frame's length prefix announced more bytes than the receiver accepts. Thrown as soon as the prefix is read, so a
/// hostile or confused peer cannot make the receiver buffer a huge frame.
/// </summary>
internal sealed class FrameTooLargeException : Exception
{
    /// <summary>Creates the exception for an announced length over the limit.</summary>
    public FrameTooLargeException(long announcedLength, int maxFrameSize)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"Frame announces {announcedLength:N0} bytes, more than the limit of {maxFrameSize:N0} bytes."))
    {
        AnnouncedLength = announcedLength;
        MaxFrameSize = maxFrameSize;
    }

    /// <summary>Length the prefix announced.</summary>
    public long AnnouncedLength { get; }

    /// <summary>Limit in force.</summary>
    public int MaxFrameSize { get; }
}
