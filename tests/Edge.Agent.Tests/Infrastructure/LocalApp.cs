using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Tests.Infrastructure;

/// <summary>An application on 127.0.0.1 that ServiceBus forwards to: echoes requests, and one endpoint never answers in time.</summary>
public sealed class LocalApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalApp(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<LocalApp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/api/echo", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            context.Response.Headers["X-Seen-Query"] = context.Request.QueryString.Value;
            context.Response.Headers["X-Seen-Token"] = context.Request.Headers["X-Token"].ToString();
            context.Response.ContentType = context.Request.ContentType;
            context.Response.StatusCode = 201;
            await context.Response.WriteAsync("echo:" + body);
        });
        app.MapGet("/api/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return "late";
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalApp(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(deadline.Token);
        await _app.DisposeAsync();
    }
}
