using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ChildAid.Shared.Security;

namespace ChildAid.Tests.BackOffice;

/// <summary>
/// BackOffice as sign-in tests need it: a fake clock, password checks counted, and each client posting from the
/// address it names (TestServer has no real client address).
/// </summary>
public sealed class SignInSite
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public PasswordCheckCounter PasswordChecks { get; } = new();
    public WebApplicationFactory<ChildAid.BackOffice.Program> Factory { get; }

    public SignInSite(BackOfficeFactory app) =>
        Factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddSingleton(PasswordChecks);
            s.AddScoped<IPasswordHasher<StaffUser>, CountingPasswordHasher>();
            s.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        }));

    /// <summary>A browser at <paramref name="address"/>: keeps cookies, does not follow redirects.</summary>
    public StaffClient From(string address)
    {
        var http = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
        return new StaffClient(http);
    }

    public static Dictionary<string, string> LogInForm(string userName, string password) =>
        new() { ["Input.UserName"] = userName, ["Input.Password"] = password };
}

public sealed class PasswordCheckCounter
{
    private int _count;
    public int Count => Volatile.Read(ref _count);
    public void Reset() => Interlocked.Exchange(ref _count, 0);
    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>Identity's own hasher (same iterations), counting how often a password is checked.</summary>
public sealed class CountingPasswordHasher(PasswordCheckCounter counter, IOptions<PasswordHasherOptions> options)
    : PasswordHasher<StaffUser>(options)
{
    public override PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
    {
        counter.Add();
        return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class ClientAddressFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var address)) http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            return nextMiddleware(http);
        });
        next(app);
    };
}
