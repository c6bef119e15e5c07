using System.Reflection;
using EdgeHive.Grains.Runtime.Catalog;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeHive.Grains.Runtime;

/// <summary>
/// Everything the runtime knows about one grain class: its type name, the interfaces it serves, how it is placed,
/// whether it is reentrant, and how to construct it with its persistent states.
/// </summary>
internal sealed class GrainTypeInfo
{
    private readonly ObjectFactory _factory;
    private readonly StateParameter[] _states;

    public GrainTypeInfo(Type grainClass, string name)
    {
        if (!typeof(Grain).IsAssignableFrom(grainClass) || grainClass.IsAbstract)
        {
            throw new ArgumentException($"{grainClass.FullName} must be a non-abstract subclass of Grain.", nameof(grainClass));
        }

        GrainClass = grainClass;
        Name = name;
        Reentrant = grainClass.GetCustomAttribute<ReentrantAttribute>() is not null;
        Placement = grainClass.GetCustomAttribute<PlacementAttribute>(inherit: true)?.Strategy ?? PlacementStrategy.Hash;
        IsRemindable = typeof(IRemindable).IsAssignableFrom(grainClass);

        var constructor = grainClass.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new ArgumentException($"{grainClass.FullName} has no public constructor.", nameof(grainClass));
        _states = constructor.GetParameters()
            .Where(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .Select(p => StateParameter.Create(Name, p))
            .ToArray();
        _factory = ActivatorUtilities.CreateFactory(grainClass, _states.Select(s => s.ParameterType).ToArray());
    }

    /// <summary>The grain type name: the first part of every <see cref="GrainId"/> of this class.</summary>
    public string Name { get; }

    /// <summary>The implementation class.</summary>
    public Type GrainClass { get; }

    /// <summary>Requests may interleave at await points.</summary>
    public bool Reentrant { get; }

    /// <summary>How new activations are placed.</summary>
    public PlacementStrategy Placement { get; }

    /// <summary>The class implements <see cref="IRemindable"/>.</summary>
    public bool IsRemindable { get; }

    /// <summary>Creates the grain instance and its (not yet loaded) persistent states.</summary>
    public Grain Create(IServiceProvider services, GrainActivation activation, IGrainStateStore? storage, out Func<CancellationToken, Task>[] loaders)
    {
        var arguments = new object[_states.Length];
        loaders = new Func<CancellationToken, Task>[_states.Length];
        for (var i = 0; i < _states.Length; i++)
        {
            if (storage is null)
            {
                throw new InvalidOperationException($"Grain class {GrainClass.Name} has persistent state but the silo has no grain storage configured.");
            }

            var (state, loader) = _states[i].Create(storage, activation);
            arguments[i] = state;
            loaders[i] = loader;
        }

        var grain = (Grain)_factory(services, arguments);
        grain.Activation = activation;
        return grain;
    }

    /// <summary>One <c>IPersistentState&lt;T&gt;</c> constructor parameter.</summary>
    private sealed class StateParameter
    {
        private Func<IGrainStateStore, GrainActivation, (object State, Func<CancellationToken, Task> Loader)> _create = null!;

        public Type ParameterType { get; private init; } = null!;

        public static StateParameter Create(string grainTypeName, ParameterInfo parameter)
        {
            var stateName = parameter.GetCustomAttribute<PersistentStateAttribute>()?.StateName;
            var storageType = stateName is null or "default" ? grainTypeName : grainTypeName + "." + stateName;
            var stateType = parameter.ParameterType.GetGenericArguments()[0];
            var method = typeof(StateParameter).GetMethod(nameof(MakeFactory), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(stateType);
            return new StateParameter
            {
                ParameterType = parameter.ParameterType,
                _create = (Func<IGrainStateStore, GrainActivation, (object, Func<CancellationToken, Task>)>)method.Invoke(null, [storageType])!,
            };
        }

        public (object State, Func<CancellationToken, Task> Loader) Create(IGrainStateStore storage, GrainActivation activation) =>
            _create(storage, activation);

        private static Func<IGrainStateStore, GrainActivation, (object, Func<CancellationToken, Task>)> MakeFactory<T>(string storageType)
            where T : class, new() =>
            (storage, activation) =>
            {
                var state = new PersistentState<T>(
                    storage,
                    storageType,
                    activation.GrainId.Key,
                    activation.Runtime.JsonOptions,
                    ex => activation.RequestDeactivation(DeactivationReasonCode.InconsistentState, ex.Message));
                return (state, state.ReadStateAsync);
            };
    }
}
