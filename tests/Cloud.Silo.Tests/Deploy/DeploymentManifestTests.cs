using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

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

    [Fact]
    public void Silo_pods_get_the_downward_api_variables_and_the_labels_of_orleans_kubernetes_hosting()
    {
        var deployment = Load("silo.yaml").OfType<V1Deployment>().Single(d => d.Metadata.Name == "edgehive-silo");
        var pod = deployment.Spec.Template;
        var env = pod.Spec.Containers.Single(c => c.Name == "silo").Env.ToDictionary(e => e.Name);

        Assert.Equal("metadata.name", env["POD_NAME"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", env["POD_IP"].ValueFrom.FieldRef.FieldPath);
        var clusterId = env["Cluster__ClusterId"].Value;
        Assert.Equal(clusterId, pod.Metadata.Labels["orleans/clusterId"]);
        Assert.Equal(clusterId, pod.Metadata.Labels["orleans/serviceId"]);
        Assert.Equal("edgehive-silo", pod.Spec.ServiceAccountName);
    }

    [Fact]
    public void The_silo_service_account_may_get_list_watch_patch_and_delete_pods_of_its_namespace()
    {
        var objects = Load("rbac.yaml");
        var account = Assert.Single(objects.OfType<V1ServiceAccount>());
        var role = Assert.Single(objects.OfType<V1Role>());
        var binding = Assert.Single(objects.OfType<V1RoleBinding>());
        var deployment = Load("silo.yaml").OfType<V1Deployment>().Single(d => d.Metadata.Name == "edgehive-silo");

        Assert.Equal(deployment.Spec.Template.Spec.ServiceAccountName, account.Metadata.Name);
        Assert.All(new[] { account.Metadata.NamespaceProperty, role.Metadata.NamespaceProperty, binding.Metadata.NamespaceProperty },
            ns => Assert.Equal(deployment.Metadata.NamespaceProperty, ns));
        var rule = Assert.Single(role.Rules);
        Assert.Equal([""], rule.ApiGroups);
        Assert.Equal(["pods"], rule.Resources);
        Assert.Equal(["delete", "get", "list", "patch", "watch"], rule.Verbs.Order(StringComparer.Ordinal));
        Assert.Equal(("Role", role.Metadata.Name), (binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", account.Metadata.Name, account.Metadata.NamespaceProperty), (subject.Kind, subject.Name, subject.NamespaceProperty));
        Assert.Contains("- rbac.yaml", File.ReadAllText(Path.Combine(Root, "deploy", "kubernetes", "kustomization.yaml")), StringComparison.Ordinal);
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

    private static List<object> Load(string manifest) =>
        KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(Root, "deploy", "kubernetes", manifest)));

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
