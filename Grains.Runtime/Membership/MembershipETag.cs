using System.Globalization;

namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>
/// A membership row's ETag: its row version (1 on insert, +1 on every versioned update) as invariant text.
/// Heartbeats leave it alone, so a vote computed against a row is not lost because the suspect still heartbeats.
/// </summary>
internal static class MembershipETag
{
    public static string Format(long rowVersion) => rowVersion.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? etag, out long rowVersion) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out rowVersion);
}
