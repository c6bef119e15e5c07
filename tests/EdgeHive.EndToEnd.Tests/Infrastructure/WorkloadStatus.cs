using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeHive.Testing;

namespace EdgeHive.EndToEnd.Tests.Infrastructure;

/// <summary>A workload's per-node status as REST shows it, and the processes behind it.</summary>
internal static class WorkloadStatus
{
    /// <summary>Waits until the one node status of workload <c>default/{name}</c> satisfies <paramref name="condition"/>.</summary>
    public static async Task<JsonElement> NodeStatusAsync(CloudApp cloud, string name, Func<JsonElement, bool> condition, string what)
    {
        JsonElement found = default;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await cloud.Http.GetAsync($"/api/v1/workloads/default/{name}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            var nodes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetProperty("nodes");
            if (nodes.GetArrayLength() == 1 && condition(nodes[0]))
            {
                found = nodes[0].Clone();
                return true;
            }

            return false;
        }, Scenario.Deadline, what);
        return found;
    }

    public static string? Phase(JsonElement status) => status.GetProperty("phase").GetString();

    public static int Pid(JsonElement status) =>
        status.TryGetProperty("pid", out var pid) && pid.ValueKind == JsonValueKind.Number ? pid.GetInt32() : 0;

    /// <summary>True while <paramref name="pid"/> is a live process (a zombie counts as gone).</summary>
    public static bool ProcessAlive(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }
}
