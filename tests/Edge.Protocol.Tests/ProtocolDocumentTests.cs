using System.Text;
using System.Text.RegularExpressions;

namespace EdgeHive.Edge.Protocol.Tests;

/// <summary>Keeps docs/protocol.md honest: every JSON example in it must be readable by the real codec.</summary>
public sealed partial class ProtocolDocumentTests
{
    [Fact]
    public void Every_json_example_in_the_protocol_document_is_a_valid_frame_and_every_kind_has_one()
    {
        var codec = new EdgeMessageCodec();
        var document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "protocol.md"));
        var kinds = new HashSet<string>(StringComparer.Ordinal);

        foreach (Match block in JsonBlock().Matches(document))
        {
            if (!codec.TryRead(Encoding.UTF8.GetBytes(block.Groups[1].Value), out var messages, out var error))
            {
                Assert.Fail($"{error}\n{block.Groups[1].Value}");
                return;
            }

            kinds.UnionWith(messages.Select(m => m.Kind));
        }

        Assert.Equal(EdgeMessageKinds.All.Select(k => k.Kind).Order(StringComparer.Ordinal), kinds.Order(StringComparer.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeHive.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EdgeHive.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
