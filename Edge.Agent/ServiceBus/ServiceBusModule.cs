using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.ServiceBus;

/// <summary>
/// KubeEdge's ServiceBus: cloud requests for applications on this node are forwarded over HTTP to 127.0.0.1 by
/// <see cref="ServiceForwarder"/>, several at a time (a slow application does not hold up the others), and each
/// answer is returned to the requesting module. Requests are not persisted: they only matter while the cloud waits.
/// </summary>
public sealed partial class ServiceBusModule(ModuleBus bus, ServiceForwarder forwarder, ServiceBusOptions options, ILogger<ServiceBusModule> logger, bool enabled = true) : IModule
{
    private readonly ILogger<ServiceBusModule> _logger = logger;

    /// <inheritdoc />
    public string Name => ModuleNames.ServiceBus;

    /// <inheritdoc />
    public string Group => ModuleNames.UserGroup;

    /// <inheritdoc />
    public bool Enabled => enabled;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(options.MaxConcurrentRequests);
        var running = new HashSet<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var message = await bus.ReceiveAsync(Name, cancellationToken).ConfigureAwait(false);
                if (message.Operation != ServiceBusOperations.Request || message.Content is not ServiceRequest request)
                {
                    continue;
                }

                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                running.RemoveWhere(t => t.IsCompleted);
                running.Add(ServeAsync(message, request, slots, cancellationToken));
            }
        }
        finally
        {
            // Every started request ends (answered or cancelled) before the module reports itself stopped.
            await Task.WhenAll(running).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(BusMessage message, ServiceRequest request, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            var response = await forwarder.ForwardAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Error is not null)
            {
                LogForwardFailed(message.Id, request.Method, request.TargetPort, request.Path, response.StatusCode, response.Error);
            }
            else
            {
                LogForwarded(message.Id, request.Method, request.TargetPort, request.Path, response.StatusCode);
            }

            await bus.RespondAsync(message, message.CreateResponse(Name, response, bus.Time), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the cloud's caller times out on its side.
        }
        finally
        {
            slots.Release();
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Service request {Id}: {Method} 127.0.0.1:{Port}{Path} → {Status}")]
    private partial void LogForwarded(string id, string method, int port, string path, int status);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Service request {Id}: {Method} 127.0.0.1:{Port}{Path} failed with {Status}: {Reason}")]
    private partial void LogForwardFailed(string id, string method, int port, string path, int status, string reason);
}
