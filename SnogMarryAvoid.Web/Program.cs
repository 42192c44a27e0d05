using SnogMarryAvoid.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddSnogWeb();

var app = builder.Build();
app.UseSnogPipeline();
app.MapSnogEndpoints();

return await app.RunSnogAsync();
