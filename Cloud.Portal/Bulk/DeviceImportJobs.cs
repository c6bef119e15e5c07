using System.Collections.Concurrent;
using System.Security.Claims;
using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// Runs device imports in the background of the portal process and keeps the recent ones for their result pages.
/// An import validates every row first (parse, then models and devices read from the cluster, then
/// <see cref="DeviceImportPlanner"/>), then writes row by row as grain calls; each row succeeds or fails alone.
/// Reads and writes run up to <see cref="DeviceImportLimits.MaxConcurrentCalls"/> at a time, because a large file
/// would otherwise wait out tens of thousands of storage round trips one after another; rows on one device still run
/// in file order (<see cref="DeviceImportLanes"/>).
/// </summary>
internal sealed partial class DeviceImportJobs(
    IPortalBackend backend,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DeviceImportJobs> logger)
{
    /// <summary>Finished jobs kept for their result pages; the oldest go first.</summary>
    private const int Kept = 32;

    private readonly ConcurrentDictionary<string, DeviceImportJob> _jobs = new(StringComparer.Ordinal);

    public DeviceImportJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>
    /// Starts importing <paramref name="content"/> for <paramref name="user"/>; null when the user may not write
    /// (viewers are refused here, whatever the page showed).
    /// </summary>
    public DeviceImportJob? Start(ClaimsPrincipal user, string fileName, byte[] content)
    {
        if (!user.IsInRole(PortalRoles.Editor))
        {
            return null;
        }

        var job = new DeviceImportJob(Guid.NewGuid().ToString("N"), fileName, user.Identity?.Name ?? "?", time.GetUtcNow());
        Forget();
        _jobs[job.Id] = job;
        Log.ImportStarted(logger, job.Id, job.User, fileName, content.Length);
        _ = Task.Run(() => RunAsync(job, content, lifetime.ApplicationStopping));
        return job;
    }

    private async Task RunAsync(DeviceImportJob job, byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            var parsed = DeviceFileParser.Parse(content, DeviceFileParser.Detect(job.FileName, content));
            if (parsed.FileError is not null)
            {
                job.Fail(parsed.FileError);
                Log.ImportRefused(logger, job.Id, parsed.FileError);
                return;
            }

            var models = await ReadAsync(
                parsed.Records.Select(r => r.Namespace + "/" + r.Model), key => backend.Grains.GetGrain<IDeviceModelGrain>(key).Get(), cancellationToken).ConfigureAwait(false);
            var devices = await ReadAsync(
                parsed.Records.Select(r => r.Key), key => backend.Grains.GetGrain<IDeviceGrain>(key).Get(), cancellationToken).ConfigureAwait(false);
            var steps = DeviceImportPlanner.Plan(parsed, models, devices);
            job.Start(steps.Count);
            await ApplyAllAsync(job, steps, cancellationToken).ConfigureAwait(false);
            job.Finish();
            var status = job.Status;
            Log.ImportFinished(logger, job.Id, status.Count(DeviceImportAction.Create), status.Count(DeviceImportAction.Update),
                status.Count(DeviceImportAction.Unchanged), status.Count(DeviceImportAction.Fail));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            job.Fail("The portal stopped during the import; rows listed below were done, the others were not.");
        }
        catch (Exception ex)
        {
            Log.ImportCrashed(logger, ex, job.Id);
            job.Fail("The import stopped: " + ex.Message);
        }
    }

    /// <summary>Reads each distinct key once, several at a time; keys the cluster does not know are left out. The
    /// result does not depend on the order the reads finish in.</summary>
    private static async Task<Dictionary<string, T>> ReadAsync<T>(
        IEnumerable<string> keys, Func<string, Task<OperationResult<T>>> get, CancellationToken cancellationToken)
    {
        var distinct = keys.Distinct(StringComparer.Ordinal).ToArray();
        var results = new OperationResult<T>?[distinct.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, distinct.Length),
            Concurrency(cancellationToken),
            async (index, _) => results[index] = await get(distinct[index]).ConfigureAwait(false)).ConfigureAwait(false);

        var found = new Dictionary<string, T>(StringComparer.Ordinal);
        for (var index = 0; index < distinct.Length; index++)
        {
            if (results[index] is { IsOk: true } result)
            {
                found[distinct[index]] = result.Value!;
            }
        }

        return found;
    }

    /// <summary>
    /// Applies the plan lane by lane, several lanes at a time. Once cancelled, no further row starts; rows already
    /// started finish and are recorded, so the result page lists exactly the rows that were written.
    /// </summary>
    private Task ApplyAllAsync(DeviceImportJob job, IReadOnlyList<DeviceImportStep> steps, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(DeviceImportLanes.Split(steps), Concurrency(cancellationToken), async (lane, _) =>
        {
            foreach (var index in lane)
            {
                cancellationToken.ThrowIfCancellationRequested();
                job.Record(index, await ApplyAsync(steps[index]).ConfigureAwait(false));
            }
        });

    private static ParallelOptions Concurrency(CancellationToken cancellationToken) => new()
    {
        MaxDegreeOfParallelism = DeviceImportLimits.MaxConcurrentCalls,
        CancellationToken = cancellationToken,
    };

    private async Task<DeviceImportOutcome> ApplyAsync(DeviceImportStep step)
    {
        switch (step.Action)
        {
            case DeviceImportAction.Create:
                {
                    var result = await backend.Grains.GetGrain<IDeviceGrain>(step.Key!).Create(step.Spec!).ConfigureAwait(false);
                    return Outcome(step, result, result.Status == OperationStatus.Conflict ? "the device was created by someone else during the import" : null);
                }

            case DeviceImportAction.Update:
                {
                    var result = await backend.Grains.GetGrain<IDeviceGrain>(step.Key!).Replace(step.Spec!, step.IfMatch).ConfigureAwait(false);
                    return Outcome(step, result, result.Status == OperationStatus.PreconditionFailed ? "the device was changed by someone else during the import; not updated" : null);
                }

            default:
                return new DeviceImportOutcome(step.Line, step.Key, step.Action, step.Reason);
        }
    }

    private static DeviceImportOutcome Outcome(DeviceImportStep step, OperationResult<Device> result, string? reason)
    {
        if (result.IsOk)
        {
            return new DeviceImportOutcome(step.Line, step.Key, step.Action, null);
        }

        reason ??= result.Errors.Count > 0
            ? string.Join("; ", result.Errors.Select(e => $"{e.Property}: {e.Message}"))
            : result.Message ?? result.Status.ToString();
        return new DeviceImportOutcome(step.Line, step.Key, DeviceImportAction.Fail, reason);
    }

    private void Forget()
    {
        foreach (var old in _jobs.Values.Where(j => j.Status.IsOver).OrderByDescending(j => j.StartedAt).Skip(Kept - 1))
        {
            _jobs.TryRemove(old.Id, out _);
        }
    }
}
