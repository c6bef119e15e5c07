using AgentPhase = EdgeHive.Edge.Agent.Edged.WorkloadPhase;
using CloudPhase = EdgeHive.Grains.Cloud.WorkloadPhase;

namespace EdgeHive.EndToEnd.Tests;

/// <summary>
/// The workload phase has one enum on each side of the link, deliberately: the agent's is its state machine's, the
/// cloud's is a grain contract in the namespace Orleans serializes with System.Text.Json, and the protocol carries the
/// phase as a string (<c>workload.status</c>'s <c>phase</c>) that the cloud checks. This keeps the two vocabularies
/// the same, so every phase an agent reports is one the cloud accepts, and the cloud names no phase an agent never sends.
/// </summary>
public sealed class WorkloadPhaseAgreementTests
{
    [Fact]
    public void Agent_and_cloud_name_the_same_phases_in_the_same_order()
    {
        Assert.Equal(Enum.GetNames<AgentPhase>(), Enum.GetNames<CloudPhase>());
        Assert.Equal(Enum.GetValues<AgentPhase>().Select(p => (int)p), Enum.GetValues<CloudPhase>().Select(p => (int)p));
    }
}
