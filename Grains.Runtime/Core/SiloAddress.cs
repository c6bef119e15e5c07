using System.Globalization;

namespace EdgeHive.Grains.Runtime;

/// <summary>
/// One incarnation of a silo: the endpoint it listens on for silo-to-silo traffic plus a generation (its start time in
/// milliseconds) so that a silo restarted on the same endpoint is a different member.
/// </summary>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    /// <summary>Formats as <c>host:port@generation</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}@{Generation}");

    /// <summary>The <c>host:port</c> part.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    /// <summary>Parses the form produced by <see cref="ToString"/>.</summary>
    public static SiloAddress Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = value.LastIndexOf('@');
        var colon = at < 0 ? -1 : value.LastIndexOf(':', at);
        if (at < 0 || colon <= 0)
        {
            throw new FormatException($"'{value}' is not a silo address of the form host:port@generation.");
        }

        return new SiloAddress(
            value[..colon],
            int.Parse(value.AsSpan(colon + 1, at - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture),
            long.Parse(value.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
