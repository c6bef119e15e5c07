using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Editing;

/// <summary>Reads page N of a filtered, sorted device list through a <see cref="CursorTrail"/>: one read for a page next
/// to a known one, a walk for a jump.</summary>
internal sealed class DevicePager(IPortalBackend backend)
{
    private readonly CursorTrail _trail = new();

    /// <summary>Forgets the cursors (the list changed, so its pages may start elsewhere).</summary>
    public void Invalidate() => _trail.Clear();

    public async Task<PortalPage<Device>> ReadAsync(DeviceFilter filter, string? sortBy, bool descending, int page, int pageSize, CancellationToken cancellationToken)
    {
        _trail.Reset($"{filter.Namespace}|{filter.Node}|{filter.Model}|{filter.State}|{string.Join(',', filter.Labels)}|{sortBy}|{descending}|{pageSize}");
        var (at, cursor) = _trail.Nearest(page);
        while (true)
        {
            var result = await backend.ListDevicesAsync(filter, new PageRequest(sortBy, descending, pageSize, cursor), cancellationToken).ConfigureAwait(false);
            _trail.Next(at, result.NextCursor);
            if (at == page || result.NextCursor is null)
            {
                return result;
            }

            (at, cursor) = (at + 1, result.NextCursor);
        }
    }
}
