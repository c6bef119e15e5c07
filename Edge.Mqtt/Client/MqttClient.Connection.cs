using System.Text;
using EdgeHive.Edge.Mqtt.Channel;
using EdgeHive.Edge.Mqtt.Packets;

namespace EdgeHive.Edge.Mqtt.Client;

/// <summary>Connection lifecycle: connect, keepalive, loss, reconnect with backoff, restore of session state.</summary>
public sealed partial class MqttClient
{
    private TaskCompletionSource<ConnAckPacket>? _connAckWaiter;
    private Task _reconnectLoop = Task.CompletedTask;

    private async Task ConnectOnceAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        var transport = _options.TransportFactory is { } factory
            ? await factory(timeout.Token)
            : await TcpTransport.ConnectAsync(_options.Host, _options.Port, timeout.Token);
        var channel = new MqttChannel(transport, _formatter, _options.OutboundQueueCapacity, _time, _log);
        var connAck = new TaskCompletionSource<ConnAckPacket>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _connAckWaiter = connAck;
        }

        channel.Start(OnPacketAsync);
        channel.TrySend(new ConnectPacket
        {
            ClientId = _options.ClientId,
            CleanSession = _options.CleanSession,
            KeepAliveSeconds = (ushort)_options.KeepAlive.TotalSeconds,
            UserName = _options.UserName,
            Password = _options.Password is null ? (ReadOnlyMemory<byte>?)null : Encoding.UTF8.GetBytes(_options.Password),
            Will = _options.Will,
        });

        ConnAckPacket reply;
        try
        {
            var first = await Task.WhenAny(connAck.Task, channel.Completion).WaitAsync(timeout.Token);
            reply = first == connAck.Task
                ? connAck.Task.Result
                : throw new MqttNotConnectedException($"The broker closed the connection before CONNACK ({channel.CloseDetail ?? "no detail"}).");
        }
        catch
        {
            channel.Close(MqttCloseReason.Refused);
            throw;
        }

        if (reply.ReturnCode != MqttConnectReturnCode.Accepted)
        {
            channel.Close(MqttCloseReason.Refused);
            throw new MqttConnectRefusedException(reply.ReturnCode);
        }

        RestoreSession(channel, reply.SessionPresent);
        LogConnected(reply.SessionPresent);
        _ = MonitorAsync(channel);
        _ = KeepAliveLoopAsync(channel);
        Connected?.Invoke(reply.SessionPresent);
    }

    /// <summary>Publishes the channel and re-sends what the broker may lack: subscriptions, unacknowledged QoS 1.</summary>
    private void RestoreSession(MqttChannel channel, bool sessionPresent)
    {
        lock (_gate)
        {
            _channel = channel;
            if (!sessionPresent && _subscriptions.Count > 0)
            {
                // The SUBACK for this id finds no waiter and is ignored.
                var subscriptions = _subscriptions.Select(s => new MqttSubscription(s.Key, s.Value)).ToList();
                channel.TrySend(new SubscribePacket(NextPacketId(), subscriptions));
            }

            // §4.4: unacknowledged PUBLISH packets are re-sent, with DUP if they had gone out before.
            foreach (var entry in _inflight.Values.OrderBy(e => e.Sequence))
            {
                channel.TrySend(entry.Sent ? entry.Packet with { Dup = true } : entry.Packet);
                entry.Sent = true;
            }
        }
    }

    private async Task MonitorAsync(MqttChannel channel)
    {
        var reason = await channel.Completion;
        bool reconnect;
        lock (_gate)
        {
            if (_channel == channel)
            {
                _channel = null;
            }

            reconnect = !_stopped && _options.AutoReconnect && !_disposing.IsCancellationRequested;
        }

        LogConnectionLost(reason, channel.CloseDetail);
        FailPending(new MqttNotConnectedException($"The connection was lost: {reason}."), includeInflight: !reconnect);
        Disconnected?.Invoke();
        if (reconnect)
        {
            _reconnectLoop = ReconnectLoopAsync();
        }
    }

    private async Task ReconnectLoopAsync()
    {
        for (var attempt = 0; !_disposing.IsCancellationRequested; attempt++)
        {
            var delay = ReconnectBackoff.Delay(attempt, _options.ReconnectMinDelay, _options.ReconnectMaxDelay, Random.Shared.NextDouble());
            try
            {
                await Task.Delay(delay, _time, _disposing.Token);
                lock (_gate)
                {
                    if (_stopped)
                    {
                        return;
                    }
                }

                await ConnectOnceAsync(_disposing.Token);
                return;
            }
            catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogReconnectFailed(attempt, ex);
            }
        }
    }

    /// <summary>Pings every half keepalive; a broker silent for 1.5 × keepalive is treated as gone.</summary>
    private async Task KeepAliveLoopAsync(MqttChannel channel)
    {
        var keepAlive = (ushort)_options.KeepAlive.TotalSeconds;
        if (keepAlive == 0)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(keepAlive / 2.0);
        while (!channel.IsClosing)
        {
            try
            {
                await Task.WhenAny(Task.Delay(interval, _time, _disposing.Token), channel.Completion);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (channel.IsClosing)
            {
                return;
            }

            if (KeepAliveLogic.IsExpired(keepAlive, _time.GetElapsedTime(channel.LastReceivedTimestamp)))
            {
                channel.Close(MqttCloseReason.KeepAliveTimeout, "no answer from the broker");
                return;
            }

            channel.TrySend(PingReqPacket.Instance);
        }
    }

    private async Task PublishQos1Async(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        InflightPublish entry;
        MqttChannel? channel;
        lock (_gate)
        {
            if (_stopped && _channel is null)
            {
                throw new MqttNotConnectedException();
            }

            if (_inflight.Count >= _options.MaxPendingPublishes)
            {
                throw new InvalidOperationException($"{_inflight.Count} QoS 1 messages await acknowledgement; the limit is reached.");
            }

            var packet = new PublishPacket
            {
                Topic = message.Topic,
                Payload = message.Payload,
                QualityOfService = MqttQualityOfService.AtLeastOnce,
                Retain = message.Retain,
                PacketId = NextPacketId(),
            };
            entry = new InflightPublish(_sequence++, packet, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _inflight[packet.PacketId] = entry;
            channel = _channel;
            if (channel is not null)
            {
                entry.Sent = channel.TrySend(packet);
            }
        }

        if (channel is not null && !entry.Sent)
        {
            // The outbound queue is full: wait for room (back-pressure) instead of holding it until a reconnect.
            entry.Sent = await channel.SendAsync(entry.Packet, cancellationToken);
        }

        try
        {
            await entry.Acknowledged.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up: stop re-sending (the broker may still have it; that is at-least-once).
            lock (_gate)
            {
                _inflight.Remove(entry.Packet.PacketId);
            }

            throw;
        }
    }

    private async Task<MqttPacket> RequestAsync(Func<ushort, MqttPacket> create, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<MqttPacket>(TaskCreationOptions.RunContinuationsAsynchronously);
        MqttChannel channel;
        ushort id;
        lock (_gate)
        {
            channel = _channel ?? throw new MqttNotConnectedException();
            id = NextPacketId();
            _requests[id] = reply;
        }

        try
        {
            if (!await channel.SendAsync(create(id), cancellationToken))
            {
                throw new MqttNotConnectedException();
            }

            return await reply.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _requests.Remove(id);
            }
        }
    }

    private void FailPending(Exception error, bool includeInflight)
    {
        List<TaskCompletionSource<MqttPacket>> requests;
        List<InflightPublish> inflight = [];
        TaskCompletionSource? ping;
        lock (_gate)
        {
            requests = [.. _requests.Values];
            _requests.Clear();
            ping = _pingWaiter;
            _pingWaiter = null;
            if (includeInflight)
            {
                inflight = [.. _inflight.Values];
                _inflight.Clear();
            }
        }

        requests.ForEach(r => r.TrySetException(error));
        inflight.ForEach(i => i.Acknowledged.TrySetException(error));
        ping?.TrySetException(error);
    }
}
