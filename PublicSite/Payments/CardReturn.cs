using System.Text.RegularExpressions;

namespace ChildAid.PublicSite.Payments;

/// <summary>The success and cancel pages Stripe Checkout returns the donor to link back to the campaign named in the query.</summary>
public static partial class CardReturn
{
    public const string SuccessPath = "/ung-ho/the/thanh-cong";
    public const string CancelPath = "/ung-ho/the/da-huy";

    [GeneratedRegex("^[a-z0-9-]{1,100}$")]
    private static partial Regex SlugShape();

    /// <summary>The campaign slug when it has a slug's shape, else null (the query is the donor's, never trusted into a link as is).</summary>
    public static string? Slug(string? value) => value is not null && SlugShape().IsMatch(value) ? value : null;
}
