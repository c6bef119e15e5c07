namespace EdgeHive.Grains.CodeGen.Tests.Samples;

/// <summary>A partial grain interface: generated once, with the methods of both parts.</summary>
public partial interface IPartialGrain : IGrainWithStringKey
{
    Task First();
}

/// <summary>Second part.</summary>
public partial interface IPartialGrain
{
    Task<int> Second(int value);
}
