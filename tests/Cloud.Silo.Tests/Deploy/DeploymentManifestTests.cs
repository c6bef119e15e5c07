using System.Text.RegularExpressions;

namespace EdgeHive.Cloud.Silo.Tests.Deploy;

/// <summary>The Kubernetes manifests configure the silo and the portal only with settings docs/operations.md documents,
/// and the Dockerfile starts the assemblies the projects build: a renamed setting or assembly breaks this test rather
/// than a deployment.</summary>
public sealed partial class DeploymentManifestTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Manifests => new() { "silo.yaml", "portal.yaml" };

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_setting_a_manifest_passes_is_a_documented_configuration_key(string manifest)
    {
        var yaml = File.ReadAllText(Path.Combine(Root, "deploy", "kubernetes", manifest));
        var operations = File.ReadAllText(Path.Combine(Root, "docs", "operations.md"));

        var keys = SettingName().Matches(yaml).Select(m => m.Groups[1].Value.Replace("__", ":", StringComparison.Ordinal)).Distinct().ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains("`" + key + "`", operations, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("silo", "Cloud.Silo/Cloud.Silo.csproj")]
    [InlineData("portal", "Cloud.Portal/Cloud.Portal.csproj")]
    [InlineData("agent", "Edge.Agent/Edge.Agent.csproj")]
    public void The_dockerfile_starts_the_assembly_each_project_builds(string target, string project)
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "deploy", "docker", "Dockerfile"));
        var assembly = AssemblyName().Match(File.ReadAllText(Path.Combine(Root, project))).Groups[1].Value;

        var stage = dockerfile[dockerfile.IndexOf($" AS {target}\n", StringComparison.Ordinal)..];
        var next = stage.IndexOf("\nFROM ", StringComparison.Ordinal);
        stage = next < 0 ? stage : stage[..next];
        Assert.Matches($"ENTRYPOINT \\[[^\\]]*{Regex.Escape(assembly)}", stage);
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EdgeHive.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EdgeHive.slnx not found above " + AppContext.BaseDirectory);
    }

    // An environment variable that is an ASP.NET configuration key: Section__Key (POD_IP, ASPNETCORE_URLS are not).
    [GeneratedRegex(@"- name: ([A-Za-z]+(?:__[A-Za-z]+)+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SettingName();

    [GeneratedRegex("<AssemblyName>([^<]+)</AssemblyName>")]
    private static partial Regex AssemblyName();
}
