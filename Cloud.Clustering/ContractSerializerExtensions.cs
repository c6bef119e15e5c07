using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace EdgeHive.Cloud.Clustering;

/// <summary>How silos and cluster clients put the cloud's grain contracts on the wire (see docs/architecture.md,
/// "Grain contracts on the wire").</summary>
public static class ContractSerializerExtensions
{
    /// <summary>The namespace of the cloud's grain contracts, which Orleans serializes with System.Text.Json.</summary>
    public const string ContractNamespace = "EdgeHive.Grains.Cloud";

    /// <summary>Orleans' System.Text.Json codec for <see cref="ContractNamespace"/>, with the web defaults the contracts
    /// are tested to round-trip with (and the REST API and the stored state use). Silos and cluster clients need it
    /// alike.</summary>
    /// <param name="services">The silo's or client's services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddEdgeHiveContractSerializer(this IServiceCollection services) =>
        services.AddSerializer(s => s.AddJsonSerializer(
            static type => type.Namespace == ContractNamespace,
            new JsonSerializerOptions(JsonSerializerDefaults.Web)));
}
