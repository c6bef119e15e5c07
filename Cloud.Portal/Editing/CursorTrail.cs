namespace EdgeHive.Cloud.Portal.Editing;

/// <summary>
/// Page numbers over keyset-paged lists: the read model pages by cursor (stable under inserts, no OFFSET scans), a grid
/// pages by number. The trail remembers the cursor that starts each page seen so far for one filter and order; a jump
/// past the known pages walks forward from the nearest known one. A new filter, order or page size starts a new trail.
/// </summary>
internal sealed class CursorTrail
{
    private readonly Dictionary<int, string?> _starts = new() { [0] = null };
    private string _shape = string.Empty;

    /// <summary>Forgets every cursor when <paramref name="shape"/> (filter, order, page size) differs from the last one.</summary>
    public void Reset(string shape)
    {
        if (shape == _shape)
        {
            return;
        }

        _shape = shape;
        _starts.Clear();
        _starts[0] = null;
    }

    /// <summary>Forgets every cursor (the list changed under it).</summary>
    public void Clear()
    {
        _starts.Clear();
        _starts[0] = null;
    }

    /// <summary>The nearest known page at or before <paramref name="page"/> and its starting cursor.</summary>
    public (int Page, string? Cursor) Nearest(int page)
    {
        var known = _starts.Keys.Where(k => k <= page).Max();
        return (known, _starts[known]);
    }

    /// <summary>Records where page <paramref name="page"/> + 1 starts; a null cursor means there is no next page.</summary>
    public void Next(int page, string? nextCursor)
    {
        if (nextCursor is null)
        {
            _starts.Remove(page + 1);
        }
        else
        {
            _starts[page + 1] = nextCursor;
        }
    }
}
