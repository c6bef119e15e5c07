namespace EdgeHive.Edge.Protocol;

/// <summary>Which way a message kind travels. A receiver rejects kinds that may not come from its peer.</summary>
public enum MessageDirection
{
    /// <summary>Cloud → edge.</summary>
    Downstream,

    /// <summary>Edge → cloud.</summary>
    Upstream,

    /// <summary>Either way.</summary>
    Both,
}
