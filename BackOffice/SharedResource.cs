namespace ChildAid.BackOffice;

/// <summary>
/// Marker for the staff site's UI strings, as PublicSite's: keys are the Vietnamese text itself, so Vietnamese needs
/// no resource file; English lives in Resources/SharedResource.en.resx. A key missing there shows in Vietnamese.
/// </summary>
public sealed class SharedResource;
