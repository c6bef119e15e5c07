namespace EdgeHive.Grains;

/// <summary>Identity of a grain: its grain type name (for example <c>device</c>) and its string key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>Formats as <c>type/key</c>; the key may itself contain slashes.</summary>
    public override string ToString() => Type + "/" + Key;

    /// <summary>Parses the <c>type/key</c> form produced by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{value}' is not a grain id of the form type/key.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }

    /// <summary>True when both parts are set.</summary>
    public bool IsDefault => Type is null;
}
