using System.Buffers;

namespace EdgeHive.Edge.Mqtt.Tests.Formatter;

/// <summary>Builds a multi-segment sequence, as a pipe hands over data that arrived in pieces.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(ReadOnlyMemory<byte> memory) => Memory = memory;

    public static ReadOnlySequence<byte> Of(byte[] bytes, int segmentSize)
    {
        var first = new Segments(bytes.AsMemory(0, Math.Min(segmentSize, bytes.Length)));
        var last = first;
        for (var offset = segmentSize; offset < bytes.Length; offset += segmentSize)
        {
            var next = new Segments(bytes.AsMemory(offset, Math.Min(segmentSize, bytes.Length - offset)))
            {
                RunningIndex = last.RunningIndex + last.Memory.Length,
            };
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
