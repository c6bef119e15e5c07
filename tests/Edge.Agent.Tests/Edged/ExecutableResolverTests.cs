using EdgeHive.Edge.Agent.Edged;
using EdgeHive.Edge.Agent.Edged.Runtime;

namespace EdgeHive.Edge.Agent.Tests.Edged;

public sealed class ExecutableResolverTests : IDisposable
{
    private readonly WorkloadsDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ExecutableResolution Resolve(string executable, string? workingDirectory = null) =>
        new ExecutableResolver(_dir.Root).Resolve(new ProcessSpec { Executable = executable, WorkingDirectory = workingDirectory });

    [Fact]
    public void A_script_inside_resolves_to_its_real_path_and_directory()
    {
        var script = _dir.Script("bin/app.sh", "true");
        var resolution = Resolve("bin/app.sh");
        Assert.True(resolution.IsAllowed, resolution.Message);
        Assert.Equal(script, resolution.Executable);
        Assert.Equal(Path.GetDirectoryName(script), resolution.WorkingDirectory);

        Assert.True(Resolve(script).IsAllowed, "an absolute path inside the directory is fine too");
    }

    [Fact]
    public void A_symlink_that_stays_inside_is_followed()
    {
        var script = _dir.Script("bin/app-1.2.sh", "true");
        File.CreateSymbolicLink(Path.Combine(_dir.Root, "app"), "bin/app-1.2.sh");
        Assert.Equal(script, Resolve("app").Executable);
    }

    [Theory]
    [InlineData("../outside.sh")]
    [InlineData("bin/../app.sh")]
    [InlineData("..")]
    public void Dot_dot_is_refused_outright(string path)
    {
        _dir.Script("app.sh", "true");
        var resolution = Resolve(path);
        Assert.False(resolution.IsAllowed);
        Assert.False(resolution.Retryable);
        Assert.Equal(WorkloadReasons.OutsideWorkloadsDirectory, resolution.Reason);
        Assert.Contains("contains '..'", resolution.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absolute_path_elsewhere_is_refused()
    {
        var resolution = Resolve("/bin/sh");
        Assert.Equal(WorkloadReasons.OutsideWorkloadsDirectory, resolution.Reason);
        Assert.Contains("outside the workloads directory", resolution.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symlink_escaping_the_directory_is_refused_with_where_it_leads()
    {
        var outside = Path.Combine(_dir.Base, "outside.sh");
        WorkloadsDirectory.WriteExecutable(outside, "#!/bin/sh\n");
        File.CreateSymbolicLink(Path.Combine(_dir.Root, "app"), outside);

        var resolution = Resolve("app");
        Assert.Equal(WorkloadReasons.OutsideWorkloadsDirectory, resolution.Reason);
        Assert.Contains($"resolves (through a symbolic link) to {outside}", resolution.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symlinked_directory_escaping_the_directory_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Base, "elsewhere"));
        WorkloadsDirectory.WriteExecutable(Path.Combine(_dir.Base, "elsewhere", "tool"), "#!/bin/sh\n");
        Directory.CreateSymbolicLink(Path.Combine(_dir.Root, "bin"), Path.Combine(_dir.Base, "elsewhere"));

        Assert.Equal(WorkloadReasons.OutsideWorkloadsDirectory, Resolve("bin/tool").Reason);
    }

    [Fact]
    public void A_working_directory_must_stay_inside_too()
    {
        _dir.Script("app.sh", "true");
        Assert.Equal(WorkloadReasons.OutsideWorkloadsDirectory, Resolve("app.sh", "/tmp").Reason);
        Assert.Equal(WorkloadReasons.OutsideWorkloadsDirectory, Resolve("app.sh", "../").Reason);
        Directory.CreateDirectory(Path.Combine(_dir.Root, "data"));
        Assert.Equal(Path.Combine(_dir.Root, "data"), Resolve("app.sh", "data").WorkingDirectory);
    }

    [Fact]
    public void Missing_or_non_executable_files_may_be_retried()
    {
        var missing = Resolve("nothing-here");
        Assert.Equal(WorkloadReasons.ExecutableNotFound, missing.Reason);
        Assert.True(missing.Retryable);

        File.WriteAllText(Path.Combine(_dir.Root, "data.txt"), "x");
        var notExecutable = Resolve("data.txt");
        Assert.Equal(WorkloadReasons.ExecutableNotFound, notExecutable.Reason);
        Assert.Contains("not executable", notExecutable.Message, StringComparison.Ordinal);

        Directory.CreateDirectory(Path.Combine(_dir.Root, "sub"));
        Assert.Contains("is a directory", Resolve("sub").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_workloads_directory_nothing_runs()
    {
        var resolution = new ExecutableResolver(null).Resolve(new ProcessSpec { Executable = "app" });
        Assert.Equal(WorkloadReasons.WorkloadsDisabled, resolution.Reason);
        Assert.Contains("--workloads DIR", resolution.Message, StringComparison.Ordinal);
    }
}
