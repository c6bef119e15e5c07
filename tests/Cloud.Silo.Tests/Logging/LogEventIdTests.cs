using System.Reflection;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Tests.Logging;

/// <summary>Every <c>[LoggerMessage]</c> event id is used once per assembly, so a log line's id names one place.</summary>
public sealed class LogEventIdTests
{
    public static TheoryData<string> Assemblies => new()
    {
        typeof(CloudSiloApp).Assembly.GetName().Name!,
        typeof(EdgeHive.Cloud.Portal.Auth.PortalOptions).Assembly.GetName().Name!,
        typeof(EdgeHive.Edge.Protocol.EdgeMessage).Assembly.GetName().Name!,
    };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Event_ids_are_unique_within_the_assembly(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var duplicates = EventIds(assembly)
            .GroupBy(e => e.Id)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method))}")
            .ToList();

        Assert.True(duplicates.Count == 0, "Event ids used more than once in " + assemblyName + ":\n" + string.Join('\n', duplicates));
    }

    internal static IEnumerable<(int Id, string Method)> EventIds(Assembly assembly) =>
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is { EventId: > 0 }
        select (attribute.EventId, type.FullName + "." + method.Name);
}
