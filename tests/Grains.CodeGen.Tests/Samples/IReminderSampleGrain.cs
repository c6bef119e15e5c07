namespace EdgeHive.Grains.CodeGen.Tests.Samples;

/// <summary>Inherits a grain interface from another assembly (IRemindable in Grains.Abstractions).</summary>
public interface IReminderSampleGrain : IRemindable
{
    Task<bool> IsArmed();
}
