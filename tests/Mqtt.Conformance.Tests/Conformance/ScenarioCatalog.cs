namespace EdgeHive.Mqtt.Conformance.Tests.Conformance;

/// <summary>Turns a list of scenarios into theory rows: every scenario against every broker kind.</summary>
internal static class ScenarioCatalog
{
    public static TheoryData<string, BrokerKind> Rows(IEnumerable<Scenario> scenarios)
    {
        var rows = new TheoryData<string, BrokerKind>();
        foreach (var scenario in scenarios)
        {
            foreach (var kind in Enum.GetValues<BrokerKind>())
            {
                rows.Add(scenario.Name, kind);
            }
        }

        return rows;
    }

    public static Scenario Find(IEnumerable<Scenario> scenarios, string name) => scenarios.Single(s => s.Name == name);
}
