using SnogMarryAvoid.Web;

// The composition root: the services (WebSetup.AddSnogWeb), then, once every setting has been checked,
// the request pipeline (UseSnogPipeline) and the endpoints (MapSnogEndpoints).
var builder = WebApplication.CreateBuilder(args);
builder.AddSnogWeb();
return await builder.RunSnogAsync();
