using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EdgeHive.Grains.CodeGen.Model;

/// <summary>An equatable stand-in for <see cref="Location"/>, which keeps its syntax tree (and so a whole
/// compilation) alive and must not be cached in pipeline outputs.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location) =>
        location is { IsInSource: true, SourceTree: { } tree }
            ? new LocationInfo(tree.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : null;
}
