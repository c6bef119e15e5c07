using EdgeHive.Grains.CodeGen.Tests.Samples;
using EdgeHive.Grains.Invocation;

namespace EdgeHive.Grains.CodeGen.Tests;

public sealed class RegistryTests
{
    public static TheoryData<Type> SampleInterfaces =>
    [
        typeof(ICounterGrain),
        typeof(IAuditedCounterGrain),
        typeof(IReminderSampleGrain),
        typeof(IChatObserver),
        typeof(Samples.Alpha.IEchoGrain),
        typeof(Samples.Beta.IEchoGrain),
        typeof(SampleContainer.INestedGrain),
        typeof(IPartialGrain),
        typeof(IRemindable),
    ];

    [Theory]
    [MemberData(nameof(SampleInterfaces))]
    public void Grain_interface_is_registered_under_its_full_type_name(Type type)
    {
        var info = GrainInterfaceRegistry.Get(type);

        Assert.Equal(type, info.InterfaceType);
        Assert.Equal(type.FullName, info.Name);
        Assert.True(GrainInterfaceRegistry.TryGet(type.FullName!, out var byName));
        Assert.Same(info, byName);
    }

    [Theory]
    [MemberData(nameof(SampleInterfaces))]
    public void Create_request_returns_a_request_for_every_method_id(Type type)
    {
        var info = GrainInterfaceRegistry.Get(type);

        for (var id = 0; id < info.MethodNames.Count; id++)
        {
            var request = info.CreateRequest(id);
            Assert.NotNull(request);
            Assert.Equal(id, request.MethodId);
            Assert.Equal(info.MethodNames[id], request.MethodName);
            Assert.Equal(info.Name, request.InterfaceName);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Create_request_for_unknown_method_id_returns_null(int methodId) =>
        Assert.Null(GrainInterfaceRegistry.Get(typeof(ICounterGrain)).CreateRequest(methodId));

    [Fact]
    public void Method_names_are_the_interfaces_own_methods_in_declaration_order()
    {
        Assert.Equal(
            new[] { "Reset", "Add", "GetValue", "Ping", "Notify", "Describe", "Touch" },
            GrainInterfaceRegistry.Get(typeof(ICounterGrain)).MethodNames);
        Assert.Equal(new[] { "History" }, GrainInterfaceRegistry.Get(typeof(IAuditedCounterGrain)).MethodNames);
        Assert.Equal(new[] { "IsArmed" }, GrainInterfaceRegistry.Get(typeof(IReminderSampleGrain)).MethodNames);
        Assert.Equal(new[] { "ReceiveReminder" }, GrainInterfaceRegistry.Get(typeof(IRemindable)).MethodNames);
    }

    [Fact]
    public void Partial_interface_is_registered_once_with_the_methods_of_all_parts() =>
        Assert.Equal(new[] { "First", "Second" }, GrainInterfaceRegistry.Get(typeof(IPartialGrain)).MethodNames);

    [Theory]
    [InlineData(typeof(IGrain))]
    [InlineData(typeof(IGrainWithStringKey))]
    [InlineData(typeof(IGrainObserver))]
    public void Marker_interfaces_are_not_registered(Type marker)
    {
        // Touch a sample so this assembly's module initializer has certainly run.
        Assert.True(GrainInterfaceRegistry.TryGet(typeof(ICounterGrain), out _));

        Assert.False(GrainInterfaceRegistry.TryGet(marker, out _));
    }

    [Fact]
    public void Created_proxy_implements_the_interface_and_addresses_the_grain()
    {
        var invoker = new Infrastructure.RecordingInvoker();
        var id = new GrainId("counter", "a/b");

        var proxy = GrainInterfaceRegistry.Get(typeof(IAuditedCounterGrain)).CreateProxy(invoker, id);

        Assert.IsAssignableFrom<IAuditedCounterGrain>(proxy);
        Assert.IsAssignableFrom<ICounterGrain>(proxy);
        Assert.Equal(id, proxy.GrainId);
        Assert.Same(invoker, proxy.Invoker);
        Assert.Equal(typeof(IAuditedCounterGrain).FullName, proxy.InterfaceName);
    }
}
