using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Media;

/// <summary>
/// The one seam for media files. A private area (<see cref="MediaOptions.Root"/>) holds the renditions of every
/// upload and is read by BackOffice only; a public area (<see cref="MediaOptions.PublicRoot"/>, which several
/// PublicSite nodes may share as a volume) holds copies of published items only. Paths are built from a random
/// FileKey and a known rendition name, never from anything a person typed; every write goes to a temporary file in
/// the same folder and is renamed into place, so a reader on another node sees the old file or the new one, never half.
/// </summary>
public sealed partial class MediaStore(IOptions<MediaOptions> options)
{
    private string PrivateRoot => Path.GetFullPath(options.Value.Root);
    private string PublicRoot => Path.GetFullPath(options.Value.PublicRoot);

    /// <summary>160 random bits in lower-case base32: unguessable, safe in a path and a URL.</summary>
    public static string NewFileKey()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var bytes = RandomNumberGenerator.GetBytes(32);
        return string.Concat(bytes.Select(b => alphabet[b & 31]));
    }

    public static bool IsFileKey(string? key) => key is not null && FileKeyPattern().IsMatch(key);

    public static bool IsRenditionName(string? name) => name is not null && RenditionPattern().IsMatch(name);

    public async Task SaveAsync(string fileKey, IEnumerable<RenditionFile> files, CancellationToken ct = default)
    {
        var folder = Folder(PrivateRoot, fileKey);
        Directory.CreateDirectory(folder);
        foreach (var file in files) await WriteAtomicallyAsync(Path.Combine(folder, Name(file.FileName)), file.Bytes, ct);
    }

    /// <summary>Full path of a private rendition, or null when there is none (BackOffice serves it to staff).</summary>
    public string? PrivateFile(string fileKey, string fileName) => Existing(PrivateRoot, fileKey, fileName);

    /// <summary>Full path of a public rendition, or null when the item is not published (PublicSite serves it).</summary>
    public string? PublicFile(string fileKey, string fileName) => Existing(PublicRoot, fileKey, fileName);

    public Task<byte[]> ReadPrivateAsync(string fileKey, string fileName, CancellationToken ct = default) =>
        File.ReadAllBytesAsync(Path.Combine(Folder(PrivateRoot, fileKey), Name(fileName)), ct);

    public bool IsPublished(string fileKey) => Directory.Exists(Folder(PublicRoot, fileKey));

    /// <summary>Whether the private area holds every file publishing copies (checked before a publish changes anything).</summary>
    public bool HasPrivateFiles(string fileKey, int width) => HasAll(PrivateRoot, fileKey, width);

    /// <summary>Whether the public area holds every public file of a published item (the repair looks for gaps).</summary>
    public bool HasPublicFiles(string fileKey, int width) => HasAll(PublicRoot, fileKey, width);

    private static bool HasAll(string root, string fileKey, int width)
    {
        var folder = Folder(root, fileKey);
        return MediaRenditions.PublicFiles(width).All(name => File.Exists(Path.Combine(folder, name)));
    }

    /// <summary>Copies an item's public renditions (all but the master) to the public area; again after a re-crop.</summary>
    public async Task PublishAsync(string fileKey, int width, CancellationToken ct = default)
    {
        var from = Folder(PrivateRoot, fileKey);
        var to = Folder(PublicRoot, fileKey);
        Directory.CreateDirectory(to);
        foreach (var name in MediaRenditions.PublicFiles(width))
            await WriteAtomicallyAsync(Path.Combine(to, name), await File.ReadAllBytesAsync(Path.Combine(from, name), ct), ct);
    }

    /// <summary>Removes an item's files from public serving (nothing to do when it was not published).</summary>
    public void Unpublish(string fileKey) => DeleteFolder(Folder(PublicRoot, fileKey));

    /// <summary>Removes every file of an item, public and private.</summary>
    public void Delete(string fileKey)
    {
        Unpublish(fileKey);
        DeleteFolder(Folder(PrivateRoot, fileKey));
    }

    private static string? Existing(string root, string fileKey, string fileName)
    {
        if (!IsFileKey(fileKey) || !IsRenditionName(fileName)) return null;
        var path = Path.Combine(root, fileKey, fileName);
        return File.Exists(path) ? path : null;
    }

    private static string Folder(string root, string fileKey) =>
        IsFileKey(fileKey) ? Path.Combine(root, fileKey) : throw new ArgumentException("Not a media file key.", nameof(fileKey));

    private static string Name(string fileName) =>
        IsRenditionName(fileName) ? fileName : throw new ArgumentException("Not a rendition name.", nameof(fileName));

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken ct)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await stream.WriteAsync(bytes, ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [GeneratedRegex("^[a-z2-7]{32}$")]
    private static partial Regex FileKeyPattern();

    [GeneratedRegex(@"^(w[0-9]{1,4}|hero|card|share|master)\.(webp|jpg)$")]
    private static partial Regex RenditionPattern();
}
