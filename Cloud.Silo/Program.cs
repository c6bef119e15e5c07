using EdgeHive.Cloud.Portal.Hosting;
using EdgeHive.Cloud.Silo.Hosting;
using EdgeHive.Cloud.Silo.Portal;

var builder = WebApplication.CreateBuilder(args);

// http://localhost:5080 unless --urls, ASPNETCORE_URLS or Urls in configuration says otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

// The portal's and Radzen's files come from their packages' folders when running from the build output (not only in
// Development); a published app has them in wwwroot and this does nothing.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddEdgeHiveCloud(builder.Configuration);
builder.Services.AddEdgeHiveSiloPortal(builder.Configuration);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapEdgeHivePortal();
app.Run();
