using ChildAid.Shared.Data;

namespace ChildAid.BackOffice;

/// <summary>The staff web application: services and middleware.</summary>
public static class BackOfficeApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddChildAidData(database);
        var app = builder.Build();
        app.MapGet("/health", () => Results.Text("ok"));
        return app;
    }
}
