using System.Globalization;
using System.Text.RegularExpressions;
using ChildAid.PublicSite;
using ChildAid.PublicSite.Localization;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ChildAid.Tests.PublicSite;

/// <summary>Every Vietnamese UI string of the public site has an English translation, so the English switch never shows half Vietnamese.</summary>
public partial class TranslationTests
{
    [Fact]
    public async Task Every_ui_string_has_an_english_translation()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var site = new PublicSiteFactory(db);
        var localizer = site.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var keys = Directory.EnumerateFiles(Path.Combine(RepositoryFolder.Root, "PublicSite", "Pages"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => UiString().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Append(PublicText.AnonymousDonor)
            .Distinct().ToList();

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            Assert.True(keys.Count > 40, $"found only {keys.Count} UI strings: is the scan looking in the right place?");
            var missing = keys.Where(k => localizer[k].ResourceNotFound).ToList();
            Assert.True(missing.Count == 0, "No English for: " + string.Join(" | ", missing));
            Assert.Equal("Anonymous donor", localizer[PublicText.AnonymousDonor].Value);
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }


    /// <summary>The pledge rules' messages (shown by the form next to each field) read in English too.</summary>
    [Fact]
    public async Task Every_pledge_message_has_an_english_translation()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var site = new PublicSiteFactory(db);
        var localizer = site.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var sources = new[] { "Shared/Pledges/PledgeRequest.cs", "Shared/Pledges/PledgeRequest.Extras.cs", "PublicSite/Pages/Pledges/New.cshtml.cs" }
            .Select(f => File.ReadAllText(Path.Combine(RepositoryFolder.Root, f)));
        // Messages with a constant in them ({MaxInKindLines}) are checked with the constant's value.
        var keys = sources.SelectMany(s => Message().Matches(s).Select(m => m.Groups[1].Value))
            .Select(k => k.Replace("{PledgeIntake.MaxMessageLength}", "500", StringComparison.Ordinal)
                .Replace("{MaxInKindLines}", "10", StringComparison.Ordinal).Replace("{MaxInstalments}", "12", StringComparison.Ordinal)
                .Replace("{MaxItemLength}", "200", StringComparison.Ordinal).Replace("{MaxUnitLength}", "30", StringComparison.Ordinal)
                .Replace("{MaxSizeBandLength}", "30", StringComparison.Ordinal).Replace("{MaxDeliveryLength}", "200", StringComparison.Ordinal))
            .Distinct().ToList();

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            Assert.True(keys.Count > 30, $"found only {keys.Count} messages");
            var missing = keys.Where(k => localizer[k].ResourceNotFound).ToList();
            Assert.True(missing.Count == 0, "No English for: " + string.Join(" | ", missing));
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    // A Vietnamese message handed to a field: Add("field", "…"), add(at + "item", $"…"), Errors[…] = "…".
    [GeneratedRegex("(?:[Aa]dd\\([^;]*?, \\$?|\\] = )\"([^\"]*[a-zà-ỹđ][^\"]*[.!])\"")]
    private static partial Regex Message();

    [GeneratedRegex("T\\[\"([^\"]+)\"\\]")]
    private static partial Regex UiString();
}
