using Microsoft.Extensions.FileProviders;

// Serves the files of --root (a folder) as static files on --urls, nothing else: the "same HTML bytes as a
// static file" side of the campaign page load test. No logging per request, no compression, default Kestrel.
var builder = WebApplication.CreateBuilder(args);
var root = builder.Configuration["root"] ?? throw new InvalidOperationException("--root=FOLDER is required.");
var app = builder.Build();
app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.GetFullPath(root)) });
app.Run();
