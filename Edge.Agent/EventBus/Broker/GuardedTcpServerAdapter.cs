using System.Net;
using System.Net.Sockets;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.EventBus.Broker;

/// <summary>
/// The embedded broker's TCP listener, in place of MQTTnet's own: MQTTnet reads a whole packet before any size check,
/// so each connection's stream goes through <see cref="PacketLimitStream"/>, which ends a connection as soon as a
/// fixed header announces a packet over the limit. Binds exactly the address given (never all interfaces by surprise).
/// </summary>
internal sealed partial class GuardedTcpServerAdapter(IPEndPoint bind, int maxPacketSize, ILogger logger) : IMqttServerAdapter
{
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _connections;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    /// <summary>The bound endpoint once started (the real port when 0 was asked for).</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>Open TCP connections, including those that have not sent CONNECT yet.</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        var listener = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(bind);
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _acceptLoop = Task.Run(() => AcceptLoopAsync(listener, options, logger));
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener?.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, MqttServerOptions options, IMqttNetLogger mqttLogger)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                // A connection reset before accept completed: keep serving the others.
                LogAcceptFailed(ex.SocketErrorCode);
                continue;
            }

            _ = Task.Run(() => ServeAsync(socket, options, mqttLogger));
        }
    }

    private async Task ServeAsync(Socket socket, MqttServerOptions options, IMqttNetLogger mqttLogger)
    {
        Interlocked.Increment(ref _connections);
        var remote = socket.RemoteEndPoint;
        var stream = new PacketLimitStream(new NetworkStream(socket, ownsSocket: true), maxPacketSize);
        try
        {
            socket.NoDelay = true;
            var handler = ClientHandler;
            if (handler is null)
            {
                return;
            }

            var channel = new MqttTcpChannel(stream, LocalEndPoint, remote, null);
            var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
            using var adapter = new MqttChannelAdapter(channel, formatter, mqttLogger);
            await handler(new ValidatingChannelAdapter(adapter)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogConnectionFailed(remote?.ToString() ?? "?", ex.Message);
        }
        finally
        {
            if (stream.Violation is { } violation)
            {
                LogPacketRefused(remote?.ToString() ?? "?", violation);
            }

            await stream.DisposeAsync().ConfigureAwait(false);
            Interlocked.Decrement(ref _connections);
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "MQTT client {Remote} sent {Violation}; its connection was closed")]
    private partial void LogPacketRefused(string remote, string violation);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Debug, Message = "MQTT connection from {Remote} ended: {Reason}")]
    private partial void LogConnectionFailed(string remote, string reason);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Debug, Message = "Accepting an MQTT connection failed: {Error}")]
    private partial void LogAcceptFailed(SocketError error);
}
