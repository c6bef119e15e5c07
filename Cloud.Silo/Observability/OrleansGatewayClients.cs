using System.Diagnostics.Metrics;

namespace EdgeHive.Cloud.Silo.Observability;

/// <summary>
/// Cluster clients (standalone portals) the Orleans gateway holds, from Orleans' own instrument
/// <c>orleans-gateway-connected-clients</c> on the meter <c>Microsoft.Orleans</c>, which the gateway moves by +1 when a
/// client connects and −1 when it drops it (a disconnected client is kept for <c>SiloMessagingOptions.ClientDropTimeout</c>,
/// 1 min, in case it comes back). Listened to from construction on (the silo's metrics are built before the
/// silo starts). Meters are process-wide, so this counts the process's gateways: one silo per process in production.
/// </summary>
internal sealed class OrleansGatewayClients : IDisposable
{
    /// <summary>Orleans' meter.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>Orleans' instrument of connected gateway clients.</summary>
    public const string InstrumentName = "orleans-gateway-connected-clients";

    private readonly MeterListener _listener = new();
    private long _count;

    public OrleansGatewayClients()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OrleansMeterName && instrument.Name == InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    /// <summary>Clients connected now.</summary>
    public long Count => Math.Max(0, Interlocked.Read(ref _count));

    public void Dispose() => _listener.Dispose();
}
