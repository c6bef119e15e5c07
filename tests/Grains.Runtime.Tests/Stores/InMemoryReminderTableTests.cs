using EdgeHive.Grains.Runtime.Reminders;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

public sealed class InMemoryReminderTableTests : ReminderTableConformance
{
    // One instance per cluster id stands for "the same database".
    private readonly Dictionary<string, InMemoryReminderTable> _clusters = [];

    protected override IReminderTable CreateTable(string clusterId)
    {
        lock (_clusters)
        {
            if (!_clusters.TryGetValue(clusterId, out var store))
            {
                store = new InMemoryReminderTable();
                _clusters.Add(clusterId, store);
            }

            return store;
        }
    }
}
