using EdgeHive.Grains.Runtime.Messaging;

namespace EdgeHive.Grains.Runtime.Tests.Networking;

/// <summary>Field-by-field comparison of messages (Message has reference equality).</summary>
internal static class MessageAssert
{
    public static void Equal(Message expected, Message actual)
    {
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Target, actual.Target);
        Assert.Equal(expected.InterfaceName, actual.InterfaceName);
        Assert.Equal(expected.MethodId, actual.MethodId);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.TargetActivation, actual.TargetActivation);
        Assert.Equal(expected.TimeoutMs, actual.TimeoutMs);
        if (expected.CallChain is null)
        {
            Assert.Null(actual.CallChain);
        }
        else
        {
            Assert.NotNull(actual.CallChain);
            Assert.Equal(expected.CallChain, actual.CallChain);
        }

        Assert.Equal(expected.ForwardCount, actual.ForwardCount);
        Assert.Equal(expected.Status, actual.Status);
        Assert.True(expected.Body.Span.SequenceEqual(actual.Body.Span), $"Bodies differ ({expected.Body.Length} vs {actual.Body.Length} bytes).");
    }
}
