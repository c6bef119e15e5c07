using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Changes;

/// <summary>
/// The change feed over a database table. Each silo runs ONE poller that reads new rows in id order and fans them out
/// to the in-process readers, so a thousand SSE clients cost one query per poll, not a thousand. A reader first reads
/// the stored rows up to the poller's watermark (taken atomically with its subscription), then takes the live rows
/// after it; a reader that falls behind its buffer is dropped from the live fan-out and catches up from the table.
/// </summary>
internal sealed partial class DatabaseChangeFeed : IChangeFeed, IAsyncDisposable
{
    private const int BatchSize = 500;
    private readonly IChangeStore _store;
    private readonly string _clusterId;
    private readonly ChangeFeedOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<Channel<ChangeEvent>> _readers = [];
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private Task? _poller;
    private long _watermark;

    public DatabaseChangeFeed(IChangeStore store, string clusterId, ChangeFeedOptions options, TimeProvider time, ILogger<DatabaseChangeFeed> logger)
    {
        options.Validate();
        _store = store;
        _clusterId = clusterId;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task PublishAsync(ChangeEvent change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        await EnsureStartedAsync(ct).ConfigureAwait(false);
        await _store.InsertAsync(_clusterId, change, ct).ConfigureAwait(false);
        _wake.Release();
    }

    public async Task<long> LatestIdAsync(CancellationToken ct)
    {
        await EnsureStartedAsync(ct).ConfigureAwait(false);
        return await _store.MaxIdAsync(_clusterId, ct).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ChangeEvent> ReadAsync(
        long afterId,
        Func<ChangeEvent, bool>? filter,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await EnsureStartedAsync(ct).ConfigureAwait(false);
        var last = afterId;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var reader = Subscribe(out var watermark);
            try
            {
                // Stored rows up to the watermark; everything after it arrives through the live channel.
                while (last < watermark)
                {
                    var batch = await _store.ReadAsync(_clusterId, last, watermark, BatchSize, ct).ConfigureAwait(false);
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    foreach (var change in batch)
                    {
                        last = change.Id;
                        if (filter is null || filter(change))
                        {
                            yield return change;
                        }
                    }
                }

                last = Math.Max(last, watermark);
                await foreach (var change in reader.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    if (change.Id <= last)
                    {
                        continue;
                    }

                    last = change.Id;
                    if (filter is null || filter(change))
                    {
                        yield return change;
                    }
                }

                // The channel completed: this reader fell behind. Loop and catch up from the table.
                Log.ReaderLagged(_logger, last);
            }
            finally
            {
                Unsubscribe(reader);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as IChangeFeed, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_poller is { } poller)
        {
            try
            {
                await poller.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        lock (_lock)
        {
            foreach (var reader in _readers)
            {
                reader.Writer.TryComplete();
            }

            _readers.Clear();
        }

        _stopping.Dispose();
    }

    private async Task EnsureStartedAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _poller) is not null)
        {
            return;
        }

        await _startLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_poller is null)
            {
                await _store.InitializeAsync(ct).ConfigureAwait(false);
                Volatile.Write(ref _watermark, await _store.MaxIdAsync(null, ct).ConfigureAwait(false));
                Volatile.Write(ref _poller, Task.Run(() => PollLoopAsync(_stopping.Token), CancellationToken.None));
            }
        }
        finally
        {
            _startLock.Release();
        }
    }

    private Channel<ChangeEvent> Subscribe(out long watermark)
    {
        var channel = Channel.CreateBounded<ChangeEvent>(new BoundedChannelOptions(_options.ReaderBuffer)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        lock (_lock)
        {
            watermark = _watermark;
            _readers.Add(channel);
        }

        return channel;
    }

    private void Unsubscribe(Channel<ChangeEvent> reader)
    {
        lock (_lock)
        {
            _readers.Remove(reader);
        }

        reader.Writer.TryComplete();
    }
}
