using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ChildAid.Tests.Mail;

/// <summary>SendGrid's v3 mail send as a local Kestrel app: keeps each posted JSON and the API key, answers 202 (or what it is told).</summary>
public sealed class SendGridStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    public ConcurrentQueue<(string Authorization, JsonDocument Body)> Received { get; } = new();
    public int Status { get; set; } = StatusCodes.Status202Accepted;
    public string Url { get; private set; } = "";

    private SendGridStub()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v3/mail/send", async (HttpContext http) =>
        {
            var body = await JsonDocument.ParseAsync(http.Request.Body);
            Received.Enqueue((http.Request.Headers.Authorization.ToString(), body));
            http.Response.StatusCode = Status;
            if (Status == StatusCodes.Status202Accepted) http.Response.Headers["X-Message-Id"] = $"sg-{Received.Count}";
            else await http.Response.WriteAsync("""{"errors":[{"message":"The to email does not contain a valid address."}]}""");
        });
    }

    public static async Task<SendGridStub> StartAsync()
    {
        var stub = new SendGridStub();
        await stub._app.StartAsync();
        stub.Url = stub._app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException();
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>An in-process SMTP server (SmtpServer) that parses every message it takes with MimeKit.</summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    public ConcurrentQueue<MimeMessage> Received { get; } = new();
    public int Port { get; }

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            owner.Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    public SmtpTestServer()
    {
        // A free port: SmtpServer does not report the one it bound.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
