using System.Text.Json;

namespace EdgeHive.EndToEnd.Tests.Infrastructure;

/// <summary>Steps the end-to-end scenarios share: a node registered with a join token and devices bound to it through REST.</summary>
internal static class Scenario
{
    public const string Node = "e2e-node";

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static string UpdateTopic(string device) => $"$hw/events/device/default/{device}/twin/update";

    /// <summary>A KubeEdge twin update reporting <paramref name="temperature"/>.</summary>
    public static string Reported(string temperature) =>
        """{"event_id":"","timestamp":0,"twin":{"temperature":{"actual":{"value":""" + JsonSerializer.Serialize(temperature)
        + """},"metadata":{"type":"Updated"}}}}""";

    /// <summary>Waits until the node shows in REST, i.e. it registered with its join token.</summary>
    public static Task NodeRegisteredAsync(CloudApp cloud) =>
        Eventually.TrueAsync(async () =>
        {
            using var response = await cloud.Http.GetAsync($"/api/v1/nodes/{Node}");
            return response.IsSuccessStatusCode;
        }, Deadline, $"node {Node} is registered in the cloud");

    /// <summary>Creates the model (once) and the devices through REST and waits until the agent has them.</summary>
    public static async Task CreateBoundDevicesAsync(CloudApp cloud, EdgeNode node, bool createModel, params string[] devices)
    {
        if (createModel)
        {
            await cloud.CreateThermometerModelAsync();
        }

        foreach (var device in devices)
        {
            await cloud.CreateDeviceAsync(device, node.NodeName);
            await Eventually.TrueAsync(
                () => node.HasDeviceAsync("default/" + device),
                Deadline, $"the agent has device {device}");
        }
    }

    /// <summary>Waits until REST shows <paramref name="value"/> as the reported temperature of <paramref name="device"/>.</summary>
    public static async Task<long> ReportedTemperatureAsync(CloudApp cloud, string device, string value)
    {
        long edgeVersion = 0;
        await Eventually.TrueAsync(async () =>
        {
            var reported = await cloud.GetReportedAsync(device, "temperature");
            edgeVersion = reported?.EdgeVersion ?? 0;
            return reported?.Value == value;
        }, Deadline, $"REST shows reported temperature {value} for {device}");
        return edgeVersion;
    }

    /// <summary>The KubeEdge error result's code.</summary>
    public static int Code(string payload) => JsonDocument.Parse(payload).RootElement.GetProperty("code").GetInt32();
}
