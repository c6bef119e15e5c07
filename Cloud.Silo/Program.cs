using EdgeHive.Cloud.Silo;

// http://localhost:5080 unless --urls, ASPNETCORE_URLS or Urls in configuration says otherwise.
var app = CloudSiloApp.Build(args);
app.Run();
