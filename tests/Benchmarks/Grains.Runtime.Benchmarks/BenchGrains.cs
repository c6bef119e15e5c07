namespace EdgeHive.Benchmarks;

public interface IEchoGrain : IGrainWithStringKey
{
    Task<int> Echo(int value);

    Task<string> Where();
}

public sealed class EchoGrain : Grains.Runtime.Grain, IEchoGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value);

    public Task<string> Where() => Task.FromResult(Activation.Runtime.Self.ToString());
}
