using EdgeHive.Cloud.Portal.Bulk;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>The job record the progress stream waits on: every change wakes waiters, a finished job never blocks.</summary>
public sealed class DeviceImportJobTests
{
    [Fact]
    public async Task Each_recorded_row_wakes_the_waiter_and_finish_sorts_by_line()
    {
        var job = new DeviceImportJob("j", "devices.csv", "ivan", DateTimeOffset.UnixEpoch);
        job.Start(total: 2);
        var changed = job.WhenChangedAsync(CancellationToken.None);
        Assert.False(changed.IsCompleted);

        job.Record(new DeviceImportOutcome(3, "default/b", DeviceImportAction.Fail, "bad"));
        await changed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((1, 2, DeviceImportPhase.Applying), (job.Status.Done, job.Status.Total, job.Status.Phase));

        job.Record(new DeviceImportOutcome(2, "default/a", DeviceImportAction.Create, null));
        job.Finish();

        Assert.Equal([2, 3], job.Status.Outcomes.Select(o => o.Line));
        Assert.Equal(["created", "failed"], job.Status.Outcomes.Select(o => o.Word));
        Assert.True(job.Status.IsOver);
        Assert.True(job.WhenChangedAsync(CancellationToken.None).IsCompleted);
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
