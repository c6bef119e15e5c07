using EdgeHive.Cloud.Portal.Bulk;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>The job record the progress stream waits on: every change wakes waiters, a finished job never blocks.</summary>
public sealed class DeviceImportJobTests
{
    [Fact]
    public async Task Each_recorded_row_wakes_the_waiter_and_outcomes_read_in_file_order()
    {
        var job = new DeviceImportJob("j", "devices.csv", "ivan", DateTimeOffset.UnixEpoch);
        job.Start(total: 2);
        var changed = job.WhenChangedAsync(CancellationToken.None);
        Assert.False(changed.IsCompleted);

        job.Record(1, new DeviceImportOutcome(3, "default/b", DeviceImportAction.Fail, "bad"));
        await changed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((1, 2, DeviceImportPhase.Applying), (job.Status.Done, job.Status.Total, job.Status.Phase));

        job.Record(0, new DeviceImportOutcome(2, "default/a", DeviceImportAction.Create, null));
        Assert.Equal([2, 3], job.Status.Outcomes.Select(o => o.Line));
        job.Finish();

        Assert.Equal([2, 3], job.Status.Outcomes.Select(o => o.Line));
        Assert.Equal(["created", "failed"], job.Status.Outcomes.Select(o => o.Word));
        Assert.True(job.Status.IsOver);
        Assert.True(job.WhenChangedAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void Outcomes_recorded_from_many_threads_are_all_counted_and_read_in_file_order()
    {
        const int Rows = 2000;
        var job = new DeviceImportJob("j", "devices.csv", "ivan", DateTimeOffset.UnixEpoch);
        job.Start(total: Rows);

        // Last row first, from several threads at once, as concurrent writes finish.
        Parallel.For(0, Rows, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var index = Rows - 1 - i;
            job.Record(index, new DeviceImportOutcome(index + 2, $"default/d{index}", DeviceImportAction.Create, null));
        });

        Assert.Equal(Rows, job.Status.Done);
        Assert.Equal(Enumerable.Range(2, Rows), job.Status.Outcomes.Select(o => o.Line));
    }

    [Fact]
    public void A_row_is_recorded_once()
    {
        var job = new DeviceImportJob("j", "devices.csv", "ivan", DateTimeOffset.UnixEpoch);
        job.Start(total: 1);
        job.Record(0, new DeviceImportOutcome(2, "default/a", DeviceImportAction.Create, null));

        Assert.Throws<InvalidOperationException>(() => job.Record(0, new DeviceImportOutcome(2, "default/a", DeviceImportAction.Fail, "again")));
        Assert.Equal(["created"], job.Status.Outcomes.Select(o => o.Word));
    }

    [Fact]
    public void Refused_file_ends_the_job_with_its_reason()
    {
        var job = new DeviceImportJob("j", "devices.csv", "ivan", DateTimeOffset.UnixEpoch);

        job.Fail("The file is empty");

        Assert.Equal((DeviceImportPhase.Failed, "The file is empty"), (job.Status.Phase, job.Status.Error));
        Assert.True(job.WhenChangedAsync(CancellationToken.None).IsCompleted);
    }
}
