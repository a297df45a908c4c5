namespace ChildAid.Shared.Media;

/// <summary>Section "Media": where files live and what an upload may be.</summary>
public class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Private area: renditions of every uploaded item, read by BackOffice only.</summary>
    public string Root { get; set; } = "data/media";

    /// <summary>Public area: renditions of published media only, served by PublicSite under /media/ (may be a shared volume).</summary>
    public string PublicRoot { get; set; } = "data/media-public";

    public long MaxUploadBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>Decompression-bomb guard, checked from the header before any pixel is decoded.</summary>
    public long MaxPixels { get; set; } = 50_000_000;

    public int MaxSide { get; set; } = 12_000;
}
