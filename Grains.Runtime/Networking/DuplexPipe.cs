using System.IO.Pipelines;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>A reader and a writer that together carry one connection's bytes.</summary>
internal sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    /// <inheritdoc />
    public PipeReader Input { get; } = input;

    /// <inheritdoc />
    public PipeWriter Output { get; } = output;
}
