namespace EdgeHive.Cloud.Silo.Changes;

/// <summary>Options of the change feed (configuration section <c>ChangeFeed</c>).</summary>
public sealed class ChangeFeedOptions
{
    /// <summary>How often each silo's single poller reads new rows. Changes published on the same silo wake it at
    /// once. Default 250 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Changes older than this are deleted. Default 24 h.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>At most this many changes are kept. Default 1,000,000.</summary>
    public long MaxEvents { get; set; } = 1_000_000;

    /// <summary>How often old changes are trimmed. Default 1 min.</summary>
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the poller waits for a missing id (a PostgreSQL transaction that took its id but has not
    /// committed yet) before it gives up on it. Default 2 s.</summary>
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Live changes buffered per reader; a reader further behind re-reads from the table. Default 4096.</summary>
    public int ReaderBuffer { get; set; } = 4096;

    /// <summary>Throws on values that cannot work.</summary>
    public void Validate()
    {
        if (PollInterval <= TimeSpan.Zero || Retention <= TimeSpan.Zero || TrimInterval <= TimeSpan.Zero || GapTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException("ChangeFeed intervals must be positive.");
        }

        if (MaxEvents < 1 || ReaderBuffer < 1)
        {
            throw new ArgumentException("ChangeFeed:MaxEvents and ChangeFeed:ReaderBuffer must be at least 1.");
        }
    }
}
