namespace EdgeHive.Edge.Agent.Options;

/// <summary>Pure validation of the command-line values; each method returns an error message or null.</summary>
public static class AgentOptionsRules
{
    /// <summary>Smallest accepted <c>--mqtt-max-packet</c>.</summary>
    public const int MinMqttMaxPacket = 1024;

    /// <summary>Largest accepted <c>--mqtt-max-packet</c> (the protocol's limit).</summary>
    public const int MaxMqttMaxPacket = 5 + 268_435_455;

    /// <summary>Parses a comma-separated list of <c>ws://</c>/<c>wss://</c> URLs.</summary>
    public static string? ParseCloudUrls(string? text, out IReadOnlyList<Uri> urls)
    {
        var list = new List<Uri>();
        urls = list;
        var parts = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return "--cloud needs at least one WebSocket URL, e.g. wss://cloud.example.com/edge/v1/connect.";
        }

        foreach (var part in parts)
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss") || string.IsNullOrEmpty(uri.Host))
            {
                return $"--cloud: '{part}' is not a ws:// or wss:// URL.";
            }

            list.Add(uri);
        }

        return null;
    }

    /// <summary>
    /// Node names follow Kubernetes' DNS subdomain rule (lowercase letters, digits, '-' and '.', starting and ending
    /// with a letter or digit, at most 253 characters); that also keeps MQTT wildcards out of node topics.
    /// </summary>
    public static string? ValidateNodeName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "--node is required: the name of this edge node.";
        }

        var valid = name.Length <= 253
            && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
            && name.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c) || c is '-' or '.');
        return valid ? null : $"--node: '{name}' is not a valid node name (lowercase letters, digits, '-' and '.', at most 253, starting and ending with a letter or digit).";
    }

    /// <summary>A join token is optional, but when given it must be a single non-empty word.</summary>
    public static string? ValidateToken(string? token) =>
        token is null || (token.Length > 0 && !token.Any(char.IsWhiteSpace)) ? null : "--token must be a non-empty token without spaces.";

    /// <summary>The workloads directory, when given, must be an existing directory.</summary>
    public static string? ValidateWorkloadsDirectory(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(path) || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return $"--workloads: '{path}' is not a directory path.";
        }

        return Directory.Exists(path) ? null : $"--workloads: the directory '{path}' does not exist (create it and put the workloads' executables in it).";
    }

    /// <summary>The data directory must be a usable path.</summary>
    public static string? ValidateDataDirectory(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "--data must name a directory.";
        }

        if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return $"--data: '{path}' contains characters not allowed in a path.";
        }

        return File.Exists(path) ? $"--data: '{path}' is a file, not a directory." : null;
    }

    /// <summary>
    /// The embedded broker's packet limit: at least 1 KiB (a twin update with a few properties must fit) and at most
    /// what MQTT 3.1.1 can express (5 header bytes + 268,435,455).
    /// </summary>
    public static string? ValidateMqttMaxPacket(int bytes) =>
        bytes is >= MinMqttMaxPacket and <= MaxMqttMaxPacket ? null : $"--mqtt-max-packet must be {MinMqttMaxPacket}..{MaxMqttMaxPacket} bytes.";

}
