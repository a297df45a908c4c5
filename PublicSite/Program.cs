using ChildAid.Shared.Data;

namespace ChildAid.PublicSite;

public class Program
{
    public static void Main(string[] args) => Build(args).Run();

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddPublicData(database);
        var app = builder.Build();
        app.MapGet("/health", () => Results.Text("ok"));
        return app;
    }
}
