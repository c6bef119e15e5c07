using EdgeHive.Cloud.Silo.Api;
using EdgeHive.Grains.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>Builds the application under test. Temporary: until the cloud host wiring lands, a silo with the API
/// and no cloud grains.</summary>
internal static class TestApp
{
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services)
    {
        var builder = WebApplication.CreateBuilder(args);
        var dataDir = builder.Configuration["Storage:DataDir"]!;
        builder.Services.AddEdgeHiveSilo(silo =>
        {
            silo.UseSqlite(Path.Combine(dataDir, "edgehive.db"));
            silo.Options.SiloPort = 0;
            silo.Options.GatewayPort = 0;
        });
        builder.Services.AddEdgeHiveApi(builder.Configuration);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapEdgeHiveApi();
        return app;
    }
}
