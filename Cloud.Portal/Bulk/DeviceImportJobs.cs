using System.Collections.Concurrent;
using System.Security.Claims;
using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// Runs device imports and bulk edits in the background of the portal process and keeps the recent ones for their result pages.
/// An import validates every row first (parse, then models and devices read from the cluster, then
/// <see cref="DeviceImportPlanner"/>), then writes row by row as grain calls; each row succeeds or fails alone.
/// Reads and writes run up to <see cref="DeviceImportLimits.MaxConcurrentCalls"/> at a time, because a large file
/// would otherwise wait out tens of thousands of storage round trips one after another; rows on one device still run
/// in file order (<see cref="DeviceImportLanes"/>). A bulk edit (<see cref="StartEdit(System.Security.Claims.ClaimsPrincipal, string, DeviceFilter, DeviceBulkEdit)"/> (or on the grid's selection)) reads the filtered devices
/// page by page instead of a file, plans one step per device (<see cref="DeviceBulkEditPlanner"/>) and applies it the
/// same way, so it shares the progress page and the per-device outcomes.
/// </summary>
internal sealed partial class DeviceImportJobs(
    IPortalBackend backend,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DeviceImportJobs> logger)
{
    /// <summary>Finished jobs kept for their result pages; the oldest go first.</summary>
    private const int Kept = 32;

    private static readonly JobWork ImportWork = new("import", "rows", static (logger, job, status) =>
        Log.ImportFinished(logger, job.Id, status.Count(DeviceImportAction.Create), status.Count(DeviceImportAction.Update),
            status.Count(DeviceImportAction.Unchanged), status.Count(DeviceImportAction.Fail)));

    private static readonly JobWork EditWork = new("edit", "devices", static (logger, job, status) =>
        Log.EditFinished(logger, job.Id, status.Count(DeviceImportAction.Update), status.Count(DeviceImportAction.Delete),
            status.Count(DeviceImportAction.Unchanged), status.Count(DeviceImportAction.Fail)));

    private readonly ConcurrentDictionary<string, DeviceImportJob> _jobs = new(StringComparer.Ordinal);

    public DeviceImportJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>
    /// Starts importing <paramref name="content"/> for <paramref name="user"/>; null when the user may not write
    /// (viewers are refused here, whatever the page showed).
    /// </summary>
    public DeviceImportJob? Start(ClaimsPrincipal user, string fileName, byte[] content) =>
        Launch(user, fileName, ImportWork, job =>
        {
            Log.ImportStarted(logger, job.Id, job.User, fileName, content.Length);
            return ct => PlanImportAsync(job, content, ct);
        });

    /// <summary>
    /// Starts <paramref name="edit"/> on every device matching <paramref name="filter"/> for <paramref name="user"/>;
    /// null when the user may not write. The job's name is <paramref name="title"/>.
    /// </summary>
    public DeviceImportJob? StartEdit(ClaimsPrincipal user, string title, DeviceFilter filter, DeviceBulkEdit edit) =>
        Launch(user, title, EditWork, job =>
        {
            Log.EditStarted(logger, job.Id, job.User, title);
            return ct => PlanEditAsync(job, filter, edit, ct);
        });

    /// <summary>
    /// Starts <paramref name="edit"/> on the devices <paramref name="keys"/> names (the grid's selection) for
    /// <paramref name="user"/>; null when the user may not write. A device deleted meanwhile fails alone.
    /// </summary>
    public DeviceImportJob? StartEdit(ClaimsPrincipal user, string title, IReadOnlyList<string> keys, DeviceBulkEdit edit) =>
        Launch(user, title, EditWork, job =>
        {
            Log.EditStarted(logger, job.Id, job.User, title);
            return ct => PlanSelectedEditAsync(job, keys, edit, ct);
        });

    /// <summary>Refuses viewers, registers the job and runs it in the background: <paramref name="begin"/> logs the start
    /// and returns the planning step, which fails the job itself and returns null when there is nothing to apply.</summary>
    private DeviceImportJob? Launch(
        ClaimsPrincipal user,
        string name,
        JobWork work,
        Func<DeviceImportJob, Func<CancellationToken, Task<IReadOnlyList<DeviceImportStep>?>>> begin)
    {
        if (!user.IsInRole(PortalRoles.Editor))
        {
            return null;
        }

        var job = new DeviceImportJob(Guid.NewGuid().ToString("N"), name, user.Identity?.Name ?? "?", time.GetUtcNow());
        Forget();
        _jobs[job.Id] = job;
        var plan = begin(job);
        _ = Task.Run(() => RunAsync(job, work, plan, lifetime.ApplicationStopping));
        return job;
    }

    /// <summary>Plans, then applies the plan; every way out leaves the job finished or failed with a reason.</summary>
    private async Task RunAsync(
        DeviceImportJob job,
        JobWork work,
        Func<CancellationToken, Task<IReadOnlyList<DeviceImportStep>?>> plan,
        CancellationToken cancellationToken)
    {
        try
        {
            var steps = await plan(cancellationToken).ConfigureAwait(false);
            if (steps is null)
            {
                return;
            }

            job.Start(steps.Count);
            await ApplyAllAsync(job, steps, cancellationToken).ConfigureAwait(false);
            job.Finish();
            work.LogFinished(logger, job, job.Status);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            job.Fail($"The portal stopped during the {work.Noun}; {work.Items} listed below were done, the others were not.");
        }
        catch (Exception ex)
        {
            Log.ImportCrashed(logger, ex, job.Id);
            job.Fail($"The {work.Noun} stopped: " + ex.Message);
        }
    }

    private async Task<IReadOnlyList<DeviceImportStep>?> PlanImportAsync(DeviceImportJob job, byte[] content, CancellationToken cancellationToken)
    {
        var parsed = DeviceFileParser.Parse(content, DeviceFileParser.Detect(job.FileName, content));
        if (parsed.FileError is not null)
        {
            job.Fail(parsed.FileError);
            Log.ImportRefused(logger, job.Id, parsed.FileError);
            return null;
        }

        var models = await ReadAsync(
            parsed.Records.Select(r => r.Namespace + "/" + r.Model), key => backend.OrleansGrains.GetGrain<IDeviceModelGrain>(key).Get(), cancellationToken).ConfigureAwait(false);
        var devices = await ReadAsync(
            parsed.Records.Select(r => r.Key), key => backend.OrleansGrains.GetGrain<IDeviceGrain>(key).Get(), cancellationToken).ConfigureAwait(false);
        return DeviceImportPlanner.Plan(parsed, models, devices);
    }

    private async Task<IReadOnlyList<DeviceImportStep>?> PlanEditAsync(DeviceImportJob job, DeviceFilter filter, DeviceBulkEdit edit, CancellationToken cancellationToken)
    {
        // Every matching device is read before the first write: a write (a move, a label change) can take a device
        // out of the filter, and the cursor of the next page must not depend on it.
        var steps = new List<DeviceImportStep>();
        string? cursor = null;
        try
        {
            do
            {
                var page = await backend.ListDevicesAsync(filter, DeviceExport.Page(cursor), cancellationToken).ConfigureAwait(false);
                if (cursor is null && page.Total > DeviceImportLimits.MaxRows)
                {
                    job.Fail($"The filter matches {page.Total} devices, more than the {DeviceImportLimits.MaxRows} a bulk edit changes at once. Narrow the filter.");
                    return null;
                }

                foreach (var device in page.Items)
                {
                    steps.Add(DeviceBulkEditPlanner.Plan(edit, device, steps.Count + 1));
                }

                cursor = page.NextCursor;
            }
            while (cursor is not null && steps.Count <= DeviceImportLimits.MaxRows);
        }
        catch (ArgumentException ex)
        {
            job.Fail("The filter is not valid: " + ex.Message);
            return null;
        }

        if (steps.Count > DeviceImportLimits.MaxRows)
        {
            job.Fail($"The filter matches more than {DeviceImportLimits.MaxRows} devices, the most a bulk edit changes at once. Narrow the filter.");
            return null;
        }

        return steps;
    }

    private async Task<IReadOnlyList<DeviceImportStep>?> PlanSelectedEditAsync(DeviceImportJob job, IReadOnlyList<string> keys, DeviceBulkEdit edit, CancellationToken cancellationToken)
    {
        var distinct = keys.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > DeviceImportLimits.MaxRows)
        {
            job.Fail($"{distinct.Count} devices are selected, more than the {DeviceImportLimits.MaxRows} a bulk edit changes at once.");
            return null;
        }

        var devices = await ReadAsync(distinct, key => backend.OrleansGrains.GetGrain<IDeviceGrain>(key).Get(), cancellationToken).ConfigureAwait(false);
        return distinct.Select((key, index) => devices.TryGetValue(key, out var device)
                ? DeviceBulkEditPlanner.Plan(edit, device, index + 1)
                : new DeviceImportStep(index + 1, key, DeviceImportAction.Fail, null, null, "the device no longer exists"))
            .ToList();
    }

    /// <summary>What differs between an import and a bulk edit once planned: their name in messages and their summary log line.</summary>
    private sealed record JobWork(string Noun, string Items, Action<ILogger, DeviceImportJob, DeviceImportStatus> LogFinished);

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
                    var result = await backend.OrleansGrains.GetGrain<IDeviceGrain>(step.Key!).Create(step.Spec!).ConfigureAwait(false);
                    return Outcome(step, result, result.Status == OperationStatus.Conflict ? "the device was created by someone else during the import" : null);
                }

            case DeviceImportAction.Update:
                {
                    var result = await backend.OrleansGrains.GetGrain<IDeviceGrain>(step.Key!).Replace(step.Spec!, step.IfMatch).ConfigureAwait(false);
                    return Outcome(step, result, result.Status == OperationStatus.PreconditionFailed ? "the device was changed by someone else meanwhile; not updated" : null);
                }

            case DeviceImportAction.Delete:
                {
                    var result = await backend.OrleansGrains.GetGrain<IDeviceGrain>(step.Key!).Delete(step.IfMatch).ConfigureAwait(false);
                    return Outcome(step, result, result.Status switch
                    {
                        OperationStatus.PreconditionFailed => "the device was changed by someone else meanwhile; not deleted",
                        OperationStatus.NotFound => "the device was deleted by someone else meanwhile",
                        _ => null,
                    });
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
