namespace ChildAid.Shared.Hosting;

/// <summary>
/// Where PublicSite answers (section <c>PublicSite</c>), for links BackOffice prints on receipts and sends in mails;
/// the `run` verb passes its own.
/// </summary>
public sealed class PublicSiteLinkOptions
{
    public const string Section = "PublicSite";
    public const string DefaultBaseUrl = "http://127.0.0.1:5080";

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    public bool IsValid => Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>An absolute link on PublicSite, e.g. <c>Url("/chien-dich/ao-am")</c>.</summary>
    public string Url(string path) => BaseUrl.TrimEnd('/') + path;
}
