namespace EdgeHive.Testing;

/// <summary>Where a product project of this repository was built, for tests that start it as a process of its own.</summary>
public static class BuildOutputs
{
    /// <summary>
    /// <c>{project}/bin/{Configuration}/{tfm}</c> with the test's own configuration and target framework; fails when
    /// <paramref name="assemblyFile"/> is not there (the project is not built).
    /// </summary>
    public static string Of(string project, string assemblyFile)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "EdgeHive.slnx")))
        {
            root = root.Parent;
        }

        var directory = Path.Combine(root?.FullName ?? throw new InvalidOperationException("EdgeHive.slnx not found above " + testOutput),
            project, "bin", testOutput.Parent!.Name, testOutput.Name);
        return File.Exists(Path.Combine(directory, assemblyFile))
            ? directory
            : throw new InvalidOperationException($"{project} is not built in {directory}.");
    }

    /// <summary>How to start <paramref name="assemblyFile"/> of <paramref name="project"/> (<see cref="Of"/>) with
    /// <c>dotnet</c>, in its build output, both output streams redirected; add its arguments after the assembly.</summary>
    public static System.Diagnostics.ProcessStartInfo DotnetStartInfo(string project, string assemblyFile)
    {
        var directory = Of(project, assemblyFile);
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(directory, assemblyFile));
        return info;
    }
}
