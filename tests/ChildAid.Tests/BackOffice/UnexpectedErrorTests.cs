using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChildAid.Tests.BackOffice;

/// <summary>Anything unexpected goes through one handler that answers with ProblemDetails and no stack trace.</summary>
public sealed class UnexpectedErrorTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"childaid-empty-{Guid.NewGuid():N}.db");

    private sealed class OnEmptyDatabase(string file) : WebApplicationFactory<ChildAid.BackOffice.Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", $"Data Source={file};Pooling=False");
        }
    }

    [Fact]
    public async Task A_database_without_tables_gives_problem_details_not_a_stack_trace()
    {
        await using var app = new OnEmptyDatabase(_file);
        var client = new StaffClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "ai-do", ["Input.Password"] = "gi-do" });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":500", body);
        Assert.DoesNotContain("SqliteException", body);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (File.Exists(_file)) File.Delete(_file);
    }
}
