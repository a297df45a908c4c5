using ChildAid.Shared.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChildAid.BackOffice.Localization;

/// <summary>
/// The staff site's UI strings for code without a request's services: the static <see cref="Labels"/> tables and the
/// model binder's messages. The very same resource as the IStringLocalizer&lt;SharedResource&gt; pages inject, read in
/// the request's UI culture (set by SiteLocalization before any page runs).
/// </summary>
public static class StaffText
{
    public static readonly IStringLocalizer Localizer =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = SiteLocalization.ResourcesPath }), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource));

    /// <summary>The audit trail's words (<see cref="AuditResource"/>), read the same way.</summary>
    public static readonly IStringLocalizer Audit =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = SiteLocalization.ResourcesPath }), NullLoggerFactory.Instance)
            .Create(typeof(AuditResource));

    public static string T(string vietnamese) => Localizer[vietnamese];

    public static string T(string vietnamese, params object[] arguments) => Localizer[vietnamese, arguments];
}
