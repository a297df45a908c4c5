namespace ChildAid.BackOffice;

/// <summary>
/// Marker for the audit trail's words (Resources/AuditResource.en.resx), kept apart from <see cref="SharedResource"/>:
/// they are the lower-case forms of UI words ("nhà tài trợ" beside "Nhà tài trợ"), and one resource file cannot
/// hold two keys that differ only in case.
/// </summary>
public sealed class AuditResource;
