using EdgeHive.Cloud.Portal.Hosting;

// The portal on its own: http://localhost:5090 unless --urls says otherwise; silo gateways from --Portal:Gateways.
var app = StandalonePortalApp.Build(args);
app.Run();
