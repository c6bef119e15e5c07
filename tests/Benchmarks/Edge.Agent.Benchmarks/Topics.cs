using System.Text.Json;

namespace EdgeHive.Edge.Agent.Benchmarks;

/// <summary>KubeEdge device MQTT API topics and payloads the benchmark uses (devices live in namespace <c>default</c>).</summary>
internal static class Topics
{
    public static string Update(string device) => $"$hw/events/device/default/{device}/twin/update";

    public static string Delta(string device) => Update(device) + "/delta";

    /// <summary>A twin update reporting <paramref name="temperature"/> as the actual value.</summary>
    public static string Reported(string temperature) =>
        """{"event_id":"","timestamp":0,"twin":{"temperature":{"actual":{"value":""" + JsonSerializer.Serialize(temperature)
        + """},"metadata":{"type":"Updated"}}}}""";
}
