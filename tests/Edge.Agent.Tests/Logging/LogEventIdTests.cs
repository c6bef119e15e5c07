using System.Reflection;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Tests.Logging;

/// <summary>Every <c>[LoggerMessage]</c> event id is used once per assembly, so a log line's id names one place.</summary>
public sealed class LogEventIdTests
{
    public static TheoryData<string> Assemblies => new()
    {
        typeof(EdgeHive.Edge.Agent.Hosting.EdgeAgent).Assembly.GetName().Name!,
    };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Event_ids_are_unique_within_the_assembly(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var duplicates = (
                from type in assembly.GetTypes()
                from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
                where attribute is { EventId: > 0 }
                group type.FullName + "." + method.Name by attribute.EventId into g
                where g.Count() > 1
                select $"{g.Key}: {string.Join(", ", g)}")
            .ToList();

        Assert.True(duplicates.Count == 0, "Event ids used more than once in " + assemblyName + ":\n" + string.Join('\n', duplicates));
    }
}
