using SnogMarryAvoid.Web;

// The composition root: the services (WebSetup.AddSnogWeb), then, once every setting has been checked,
// the request pipeline (UseSnogPipeline) and the endpoints (MapSnogEndpoints). The content root is the
// app's own folder whatever the working directory (AppFolder).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppFolder.ContentRoot(args, AppContext.BaseDirectory, Environment.GetEnvironmentVariable),
});

// A build that is not published serves its static files (its own, Blazor's, MudBlazor's) from the
// build's manifest in every environment, not only in Development; a published app has no manifest
// and serves its wwwroot.
builder.WebHost.UseStaticWebAssets();
builder.AddSnogWeb();
return await builder.RunSnogAsync();
