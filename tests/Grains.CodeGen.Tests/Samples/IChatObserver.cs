namespace EdgeHive.Grains.CodeGen.Tests.Samples;

/// <summary>An observer interface.</summary>
public interface IChatObserver : IGrainObserver
{
    [OneWay]
    void Received(string from, string text);

    Task Closed();
}
