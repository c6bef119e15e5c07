namespace EdgeHive.Cloud.Portal.Tests;

/// <summary>The browser tests share one silo and one browser: starting them is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
