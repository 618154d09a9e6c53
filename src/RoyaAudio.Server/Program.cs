using RoyaAudio.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRoyaAudio();
var app = builder.Build();
app.UseRoyaAudio();
app.Run();

/// <summary>The service entry point; public so integration tests can host it.</summary>
public partial class Program;
