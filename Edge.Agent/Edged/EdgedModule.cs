using System.Text.Json;
using System.Threading.Channels;
using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.Edged.Runtime;
using EdgeHive.Edge.Agent.Edged.Serialization;
using EdgeHive.Edge.Agent.Edged.Supervision;
using EdgeHive.Edge.Agent.MetaManager;
using EdgeHive.Edge.Agent.Outbox;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Logging;
using LogLine = EdgeHive.Edge.Protocol.WorkloadLogLine;

namespace EdgeHive.Edge.Agent.Edged;

/// <summary>
/// KubeEdge's Edged: runs the workloads MetaManager stored for this node. On start it reads every stored assignment
/// (so an agent restart, also offline, finds its workloads running again) and supervises them; later assignments and
/// removals arrive from MetaManager once committed. Every status change goes upstream through the outbox (newest per
/// workload), so it reaches the cloud after an outage; log requests from the cloud are answered from the runtime's
/// files. Without <c>--workloads DIR</c> the runtime refuses every spec, so each assignment shows as
/// <c>Failed</c>/<c>WorkloadsDisabled</c> and nothing runs.
/// </summary>
public sealed partial class EdgedModule : IModule, IWorkloadStatusSink
{
    private readonly ModuleBus _bus;
    private readonly MetaStore _meta;
    private readonly OutboxStore _outbox;
    private readonly OutboxDispatcher _dispatcher;
    private readonly ILogger<EdgedModule> _logger;
    private readonly Channel<WorkloadStatus> _statuses = Channel.CreateUnbounded<WorkloadStatus>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Builds the module over a process runtime with <paramref name="runtimeOptions"/>; nothing runs before <see cref="StartAsync"/>.</summary>
    public EdgedModule(
        ModuleBus bus, MetaStore meta, OutboxStore outbox, OutboxDispatcher dispatcher,
        ProcessRuntimeOptions runtimeOptions, SupervisorOptions supervisorOptions, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _bus = bus;
        _meta = meta;
        _outbox = outbox;
        _dispatcher = dispatcher;
        _logger = loggers.CreateLogger<EdgedModule>();
        Runtime = new ProcessRuntime(runtimeOptions, time, loggers.CreateLogger<ProcessRuntime>());
        Supervisor = new WorkloadSupervisor(Runtime, supervisorOptions, time, loggers.CreateLogger<WorkloadSupervisor>(), this);
        RunsWorkloads = runtimeOptions.WorkloadsDirectory is not null;
    }

    /// <inheritdoc />
    public string Name => ModuleNames.Edged;

    /// <inheritdoc />
    public string Group => ModuleNames.EdgedGroup;

    /// <inheritdoc />
    public bool Enabled => true;

    /// <summary>True when the node opted in with a workloads directory.</summary>
    public bool RunsWorkloads { get; }

    /// <summary>The process runtime.</summary>
    public ProcessRuntime Runtime { get; }

    /// <summary>The supervisor of this node's workloads.</summary>
    public WorkloadSupervisor Supervisor { get; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var supervise = Supervisor.RunAsync(cancellationToken);
        var report = ReportStatusesAsync(cancellationToken);
        try
        {
            foreach (var stored in await _meta.ListAsync(CloudObject.WorkloadKind, cancellationToken).ConfigureAwait(false))
            {
                if (CloudObject.ToWorkloadSpec(stored) is { } spec)
                {
                    Supervisor.Apply(spec);
                }
                else
                {
                    LogUnreadableAssignment(stored.Key);
                }
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                var message = await _bus.ReceiveAsync(Name, cancellationToken).ConfigureAwait(false);
                switch (message)
                {
                    case { Operation: EdgedOperations.Apply, Content: WorkloadSpec spec }:
                        Supervisor.Apply(spec);
                        break;
                    case { Operation: EdgedOperations.Remove, Content: WorkloadKey key }:
                        Supervisor.Remove(key);
                        break;
                    case { Operation: EdgedOperations.Logs, Content: WorkloadLogsRequest request }:
                        var answer = await ReadLogsAsync(request, cancellationToken).ConfigureAwait(false);
                        await _bus.RespondAsync(message, message.CreateResponse(Name, answer, _bus.Time), cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        if (!LinkEvents.IsLinkEvent(message))
                        {
                            LogUnknownMessage(message.Operation, message.Content?.GetType().Name ?? "nothing");
                        }

                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            // The supervisor stops every workload before it returns; statuses written after this are not needed.
            await supervise.ConfigureAwait(false);
            _statuses.Writer.TryComplete();
            await report.ConfigureAwait(false);
        }
    }

    /// <summary>The answer to a log request: the newest lines, or why there are none.</summary>
    public async Task<WorkloadLogsResponse> ReadLogsAsync(WorkloadLogsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Tail is < 1 or > WorkloadLogsRequest.MaxTail)
        {
            return new WorkloadLogsResponse { StatusCode = 400, Error = $"tail must be 1..{WorkloadLogsRequest.MaxTail}, not {request.Tail}" };
        }

        if (!RunsWorkloads)
        {
            return new WorkloadLogsResponse { StatusCode = 503, Error = "this node runs no workloads (the agent was started without --workloads)" };
        }

        var key = new WorkloadKey(request.Namespace, request.Name);
        var lines = await Supervisor.ReadLogsAsync(key, request.Tail, cancellationToken).ConfigureAwait(false);
        if (lines is null)
        {
            return new WorkloadLogsResponse { StatusCode = 404, Error = $"workload {key} is not assigned to this node" };
        }

        return new WorkloadLogsResponse
        {
            StatusCode = 200,
            Lines = [.. lines.Select(l => new LogLine { Time = l.Time.ToUnixTimeMilliseconds(), Stream = l.Stream, Text = l.Text })],
        };
    }

    /// <inheritdoc />
    void IWorkloadStatusSink.StatusChanged(WorkloadStatus status) => _statuses.Writer.TryWrite(status);

    /// <inheritdoc />
    void IWorkloadStatusSink.Removed(WorkloadKey key) => LogRemoved(key.ToString());

    /// <summary>Writes status changes to the outbox in order, each replacing the workload's unsent older one.</summary>
    private async Task ReportStatusesAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _statuses.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var drafts = new List<OutboxDraft>();
                while (_statuses.Reader.TryRead(out var status))
                {
                    drafts.Add(new OutboxDraft(
                        OutboxKinds.WorkloadStatus,
                        ResourceKeys.Workload(status.Namespace, status.Name),
                        JsonSerializer.Serialize(status, EdgedJsonContext.Default.WorkloadStatus)));
                }

                try
                {
                    await _outbox.AppendAsync(drafts, cancellationToken).ConfigureAwait(false);
                    _dispatcher.NotifyAppended();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The supervisor publishes the next change anyway; a lost status is superseded by it.
                    LogStatusNotStored(ex, drafts.Count);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 9050, Level = LogLevel.Warning, Message = "Edged: the stored assignment of workload {Key} cannot be read; it is not run")]
    private partial void LogUnreadableAssignment(string key);

    [LoggerMessage(EventId = 9051, Level = LogLevel.Warning, Message = "Edged: ignored bus message {Operation} with {Content}")]
    private partial void LogUnknownMessage(string operation, string content);

    [LoggerMessage(EventId = 9052, Level = LogLevel.Information, Message = "Edged: workload {Key} stopped and removed")]
    private partial void LogRemoved(string key);

    [LoggerMessage(EventId = 9053, Level = LogLevel.Error, Message = "Edged: {Count} workload status changes could not be written to the outbox")]
    private partial void LogStatusNotStored(Exception exception, int count);
}
