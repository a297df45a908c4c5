namespace ChildAid.PublicSite;

/// <summary>
/// Marker for the site's UI strings. Keys are the Vietnamese text itself, so Vietnamese needs no resource file;
/// English lives in Resources/SharedResource.en.resx. A key missing there shows in Vietnamese, never blank.
/// </summary>
public sealed class SharedResource;
