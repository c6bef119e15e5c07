using EdgeHive.Cloud.Silo.Gateway;
using EdgeHive.Cloud.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

// http://localhost:5080 unless --urls, ASPNETCORE_URLS or Urls in configuration says otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

builder.Services.AddEdgeHiveCloud(builder.Configuration);
builder.Services.AddEdgeGateway(builder.Configuration);
var app = builder.Build();
app.MapEdgeGateway();
app.MapGet("/healthz", () => Results.Text("ok"));
app.Run();
