using System.Globalization;

namespace EdgeHive.Grains.Cloud;

/// <summary>The ETag every cloud resource shows: its resource version as a strong entity tag (<c>"42"</c>).</summary>
internal static class ResourceETag
{
    public static string Format(long resourceVersion) =>
        "\"" + resourceVersion.ToString(CultureInfo.InvariantCulture) + "\"";
}
