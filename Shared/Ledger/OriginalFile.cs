namespace ChildAid.Shared.Ledger;

/// <summary>
/// A private original behind a ledger entry (an expense's invoice, a stock lot's photo, a signed hand-over list): what it
/// really is, from its first bytes, and a safe name to give it back under. Its SHA-256 is <see cref="LedgerDocuments"/>' job.
/// </summary>
public static class OriginalFile
{
    public const int FileNameLength = 200;

    /// <summary>application/pdf, image/jpeg or image/png from the file's first bytes; null for anything else.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("%PDF-"u8) ? "application/pdf"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : null;

    /// <summary>The name without its folders or control characters, at most 200 characters, with the extension of what it really is.</summary>
    public static string CleanFileName(string? name, string contentType)
    {
        var extension = contentType switch { "application/pdf" => ".pdf", "image/jpeg" => ".jpg", _ => ".png" };
        var bare = Path.GetFileNameWithoutExtension((name ?? "").Replace('\\', '/').Split('/')[^1]);
        bare = new string([.. bare.Normalize().Where(c => !char.IsControl(c) && c is not '"' and not '<' and not '>' and not ':' and not '|' and not '?' and not '*')]).Trim();
        if (bare.Length == 0) bare = "tep";
        return bare[..Math.Min(bare.Length, FileNameLength - extension.Length)] + extension;
    }
}
