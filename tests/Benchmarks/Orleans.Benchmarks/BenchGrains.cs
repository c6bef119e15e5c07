using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace EdgeHive.Orleans.Benchmarks;

public interface IEchoGrain : IGrainWithStringKey
{
    Task<int> Echo(int value);

    Task<string> Where();
}

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value);

    public Task<string> Where() => Task.FromResult(RuntimeIdentity);
}

public interface IFailoverGrain : IGrainWithStringKey
{
    Task Set(int value);

    Task<int> Get();

    /// <summary>The silo port of the silo hosting the activation.</summary>
    Task<int> SiloPort();
}

/// <summary>
/// A grain with persisted state for the failover benchmark: its value is a row of <c>bench_failover</c> in the cluster
/// database, read on activation and written on every change, so an activation on a survivor answers with what the
/// killed silo persisted. (Plain Npgsql rather than a storage provider: this measures membership and re-activation,
/// not a storage provider, and Orleans' AdoNet persistence would need a schema of its own.)
/// </summary>
public sealed class FailoverGrain(BenchDatabase database, ILocalSiloDetails silo) : Grain, IFailoverGrain
{
    private int _value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Source.CreateCommand("SELECT value FROM bench_failover WHERE key = $1");
        command.Parameters.AddWithValue(this.GetPrimaryKeyString());
        _value = await command.ExecuteScalarAsync(cancellationToken) is int stored ? stored : 0;
    }

    public async Task Set(int value)
    {
        await using var command = database.Source.CreateCommand(
            "INSERT INTO bench_failover (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        command.Parameters.AddWithValue(this.GetPrimaryKeyString());
        command.Parameters.AddWithValue(value);
        await command.ExecuteNonQueryAsync();
        _value = value;
    }

    public Task<int> Get() => Task.FromResult(_value);

    public Task<int> SiloPort() => Task.FromResult(silo.SiloAddress.Endpoint.Port);
}

/// <summary>The cluster database as a data source, for <see cref="FailoverGrain"/>.</summary>
public sealed class BenchDatabase(string connectionString) : IDisposable
{
    public NpgsqlDataSource Source { get; } = NpgsqlDataSource.Create(connectionString);

    public void Dispose() => Source.Dispose();
}
