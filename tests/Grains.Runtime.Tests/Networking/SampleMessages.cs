using EdgeHive.Grains.Invocation;
using EdgeHive.Grains.Runtime.Messaging;

namespace EdgeHive.Grains.Runtime.Tests.Networking;

/// <summary>Messages covering every kind and every combination of present and absent fields.</summary>
internal static class SampleMessages
{
    public static readonly string[] Variants =
    [
        "minimal", "full", "unicode", "empty-chain", "large-body", "extremes", "negatives", "only-strings", "only-numbers",
    ];

    public static IEnumerable<string> CaseNames() =>
        from kind in Enum.GetValues<MessageKind>()
        from variant in Variants
        select $"{kind}/{variant}";

    public static Message Build(string caseName)
    {
        var parts = caseName.Split('/');
        var message = new Message { Kind = Enum.Parse<MessageKind>(parts[0]) };
        switch (parts[1])
        {
            case "minimal":
                break;
            case "full":
                message.Id = 42;
                message.Target = new GrainId("device", "default/pump-7");
                message.InterfaceName = "EdgeHive.Devices.IDeviceGrain";
                message.MethodId = 3;
                message.Flags = RequestFlags.OneWay | RequestFlags.AlwaysInterleave | RequestFlags.ReadOnly;
                message.TargetActivation = "10.0.0.5:11111@1732233445566";
                message.TimeoutMs = 30_000;
                message.CallChain = ["node/edge-1.GetStatus", "device/default/pump-7.Report"];
                message.ForwardCount = 2;
                message.Status = ResponseStatus.NotHere;
                message.Body = """{"args":[1,"two",null]}"""u8.ToArray();
                break;
            case "unicode":
                message.Id = 7;
                message.Target = new GrainId("gerät", "Küche/温度计/🌡️");
                message.InterfaceName = "IGerät";
                message.CallChain = ["ノード/東京.Ping"];
                message.Body = "„Grüße“ 🎉"u8.ToArray();
                break;
            case "empty-chain":
                message.Id = 1;
                message.CallChain = [];
                message.Target = new GrainId("t", string.Empty);
                message.TargetActivation = string.Empty;
                message.InterfaceName = string.Empty;
                break;
            case "large-body":
                message.Id = 99;
                message.Body = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31)).ToArray();
                break;
            case "extremes":
                message.Id = long.MaxValue;
                message.MethodId = int.MaxValue;
                message.TimeoutMs = int.MaxValue;
                message.ForwardCount = int.MaxValue;
                message.Status = ResponseStatus.Rejected;
                break;
            case "negatives":
                message.Id = long.MinValue;
                message.MethodId = int.MinValue;
                message.TimeoutMs = -1;
                message.ForwardCount = -5;
                break;
            case "only-strings":
                message.Id = -1;
                message.InterfaceName = "IOnly";
                message.TargetActivation = "silo-b";
                message.CallChain = [new string('x', 1000)];
                break;
            case "only-numbers":
                message.Id = 300;
                message.MethodId = 1;
                message.Flags = RequestFlags.ReadOnly;
                message.Status = ResponseStatus.Error;
                message.Body = new byte[] { 0 };
                break;
            default:
                throw new ArgumentException(caseName);
        }

        return message;
    }
}
