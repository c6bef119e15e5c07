using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Hosting;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Cloud.Storage.SystemRecords;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeHive.Cloud.Portal.Tests.Auth;

/// <summary>The portal's data-protection key ring lives in the cluster database: every process serving the portal
/// reads the same keys, so what one protects (a login cookie, an antiforgery token) another can read.</summary>
public sealed class StorageXmlRepositoryTests : IAsyncLifetime
{
    private readonly string _dataDir = PortalTestHost.NewDataDir();
    private ISystemRecordStore _storage = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        _storage = SystemRecordStoreFactory.Create(new SqliteDatabase(Path.Combine(_dataDir, "cluster.db")).Dialect, "keys-test", TimeProvider.System);
        await _storage.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        PortalTestHost.DeleteDataDir(_dataDir);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Two_portal_processes_on_one_database_read_each_others_protected_data()
    {
        using var first = PortalServices(_storage);
        using var second = PortalServices(_storage);

        // The purpose is the one cookie authentication uses, but any works: both processes must derive the same keys.
        const string purpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";
        var ticket = first.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("signed-in-admin");
        Assert.Equal("signed-in-admin", second.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(ticket));

        // One key, created by the first process and found by the second, in the cluster table.
        var rows = await _storage.QueryAsync(new GrainQuery { GrainType = StorageXmlRepository.GrainType }, CancellationToken.None);
        Assert.Single(rows.Items);
        Assert.Equal("key", Assert.Single(new StorageXmlRepository(_storage).GetAllElements()).Name.LocalName);
    }

    [Fact]
    public void A_stored_key_is_read_back_and_storing_it_again_is_harmless()
    {
        var repository = new StorageXmlRepository(_storage);
        var element = System.Xml.Linq.XElement.Parse("<key id=\"0f0e\" version=\"1\"><creationDate>2026-11-22T00:00:00Z</creationDate></key>");

        repository.StoreElement(element, "key-0f0e");
        repository.StoreElement(element, "key-0f0e");

        var read = Assert.Single(new StorageXmlRepository(_storage).GetAllElements());
        Assert.Equal(element.ToString(), read.ToString());
    }

    private static ServiceProvider PortalServices(ISystemRecordStore storage)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(storage);
        services.AddEdgeHivePortal(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }
}
