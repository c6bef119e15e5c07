using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Bus;

/// <summary>
/// Beehive-style in-process message bus: unicast to a module, multicast to a group, request/response with a timeout
/// (correlated by message id), and one bounded inbox per enabled module. Inboxes use
/// <see cref="BoundedChannelFullMode.Wait"/>: a slow module slows its senders instead of losing messages.
/// </summary>
public sealed partial class ModuleBus
{
    private readonly ConcurrentDictionary<string, Registration> _modules = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<BusMessage>> _pendingSync = new(StringComparer.Ordinal);
    private readonly ModuleBusOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ModuleBus> _logger;

    /// <summary>Creates an empty bus.</summary>
    public ModuleBus(ModuleBusOptions options, TimeProvider time, ILogger<ModuleBus> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.InboxCapacity, 1);
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The clock used for timestamps and sync timeouts.</summary>
    public TimeProvider Time => _time;

    /// <summary>Names of the registered (enabled) modules.</summary>
    public IReadOnlyCollection<string> ModuleNames => _modules.Keys.ToArray();

    /// <summary>
    /// Registers <paramref name="module"/> and creates its inbox. A module disabled by its own flag or by
    /// <see cref="ModuleBusOptions.DisabledModules"/> is skipped and false is returned.
    /// </summary>
    public bool Register(IModule module)
    {
        if (!module.Enabled || _options.DisabledModules.Contains(module.Name))
        {
            LogModuleDisabled(module.Name);
            return false;
        }

        var inbox = Channel.CreateBounded<BusMessage>(new BoundedChannelOptions(_options.InboxCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        if (!_modules.TryAdd(module.Name, new Registration(module, inbox)))
        {
            throw new InvalidOperationException($"A module named '{module.Name}' is already registered.");
        }

        return true;
    }

    /// <summary>True when a module of that name is registered (known and enabled).</summary>
    public bool IsRegistered(string module) => _modules.ContainsKey(module);

    /// <summary>Waits for the next message in <paramref name="module"/>'s inbox.</summary>
    public ValueTask<BusMessage> ReceiveAsync(string module, CancellationToken cancellationToken) =>
        Get(module).Inbox.Reader.ReadAsync(cancellationToken);

    /// <summary>
    /// Puts <paramref name="message"/> in <paramref name="module"/>'s inbox, waiting while the inbox is full.
    /// Returns false (and logs) when the module is unknown or disabled, as Beehive drops such messages.
    /// </summary>
    public async ValueTask<bool> SendAsync(string module, BusMessage message, CancellationToken cancellationToken)
    {
        if (!_modules.TryGetValue(module, out var registration))
        {
            LogNoSuchModule(module, message.Operation, message.Resource);
            return false;
        }

        await registration.Inbox.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Sends <paramref name="message"/> to every enabled module of <paramref name="group"/>; returns how many.</summary>
    public async ValueTask<int> SendToGroupAsync(string group, BusMessage message, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var registration in _modules.Values)
        {
            if (string.Equals(registration.Module.Group, group, StringComparison.Ordinal))
            {
                await registration.Inbox.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        if (count == 0)
        {
            LogEmptyGroup(group, message.Operation, message.Resource);
        }

        return count;
    }

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="module"/> and waits for the response whose parent id is the
    /// message id. Throws <see cref="TimeoutException"/> naming the module when no response comes in time, and
    /// <see cref="InvalidOperationException"/> when the module is unknown or disabled.
    /// </summary>
    public async Task<BusMessage> SendSyncAsync(string module, BusMessage message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var wait = timeout ?? _options.DefaultSyncTimeout;
        var completion = new TaskCompletionSource<BusMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pendingSync.TryAdd(message.Id, completion))
        {
            throw new InvalidOperationException($"A synchronous request with id '{message.Id}' is already waiting.");
        }

        try
        {
            if (!await SendAsync(module, message, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"Module '{module}' is not registered (unknown or disabled); cannot send {message.Operation} {message.Resource}.");
            }

            return await completion.Task.WaitAsync(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(
                $"Module '{module}' did not respond to {message.Operation} {message.Resource} (message {message.Id}) within {wait}.", ex);
        }
        finally
        {
            _pendingSync.TryRemove(message.Id, out _);
        }
    }

    /// <summary>
    /// Answers <paramref name="request"/>: completes a waiting <see cref="SendSyncAsync"/> call, or else delivers the
    /// response to the request's source module. The response's parent id is set to the request id.
    /// </summary>
    public async ValueTask RespondAsync(BusMessage request, BusMessage response, CancellationToken cancellationToken)
    {
        var correlated = string.Equals(response.ParentId, request.Id, StringComparison.Ordinal) ? response : response with { ParentId = request.Id };
        if (_pendingSync.TryRemove(request.Id, out var waiter))
        {
            waiter.TrySetResult(correlated);
            return;
        }

        await SendAsync(request.Source, correlated, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts every registered module and completes when all of them have stopped.</summary>
    public Task RunModulesAsync(CancellationToken cancellationToken)
    {
        var runs = _modules.Values.Select(r => RunModuleAsync(r.Module, cancellationToken)).ToArray();
        return Task.WhenAll(runs);
    }

    private async Task RunModuleAsync(IModule module, CancellationToken cancellationToken)
    {
        LogModuleStarting(module.Name, module.Group);
        try
        {
            // Yield first so that one module's synchronous start-up work cannot delay the others.
            await Task.Yield();
            await module.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        catch (Exception ex)
        {
            LogModuleFailed(ex, module.Name);
            throw;
        }
        finally
        {
            LogModuleStopped(module.Name);
        }
    }

    private Registration Get(string module) =>
        _modules.TryGetValue(module, out var registration)
            ? registration
            : throw new InvalidOperationException($"Module '{module}' is not registered (unknown or disabled).");

    private sealed record Registration(IModule Module, Channel<BusMessage> Inbox);
}
