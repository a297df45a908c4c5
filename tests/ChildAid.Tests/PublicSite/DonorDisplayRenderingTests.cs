using ChildAid.PublicSite.Localization;
using ChildAid.Shared.Donors;
using Microsoft.Extensions.Localization;

namespace ChildAid.Tests.PublicSite;

/// <summary>From a donor's display choice to what a reader sees: the stored public texts, then their rendering.</summary>
public class DonorDisplayRenderingTests
{
    private sealed class English : IStringLocalizer
    {
        public LocalizedString this[string name] =>
            name == PublicText.AnonymousDonor ? new(name, "Anonymous donor") : new(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] => this[name];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private sealed class Vietnamese : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] => this[name];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    [Theory]
    [InlineData(DisplayChoice.NameAmountMessage, "Nguyễn Văn An", "Nguyễn Văn An", true)]
    [InlineData(DisplayChoice.NameAmount, "Nguyễn Văn An", "Nguyễn Văn An", true)]
    [InlineData(DisplayChoice.NameOnly, "Nguyễn Văn An", "Nguyễn Văn An", false)]
    [InlineData(DisplayChoice.Anonymous, "Nhà hảo tâm ẩn danh", "Anonymous donor", false)]
    public void Honor_roll_shows_the_name_and_amount_each_choice_allows(DisplayChoice choice, string vietnamese, string english, bool showsAmount)
    {
        var stored = DonorDisplay.HonorRollName(choice, "  Nguyễn Văn An ");

        Assert.Equal(vietnamese, PublicText.DonorName(stored, new Vietnamese()));
        Assert.Equal(english, PublicText.DonorName(stored, new English()));
        Assert.Equal(showsAmount, DonorDisplay.ShowsAmountOnHonorRoll(choice));
    }

    [Theory]
    [InlineData(DisplayChoice.NameAmountMessage, "Nguyễn Văn An")]
    [InlineData(DisplayChoice.NameAmount, "Nguyễn Văn An")]
    [InlineData(DisplayChoice.NameOnly, "Nhà hảo tâm ẩn danh")]
    [InlineData(DisplayChoice.Anonymous, "Nhà hảo tâm ẩn danh")]
    public void Statement_names_only_donors_who_let_their_name_stand_beside_an_amount(DisplayChoice choice, string shown) =>
        Assert.Equal(shown, PublicText.DonorName(DonorDisplay.StatementName(choice, "Nguyễn Văn An"), new Vietnamese()));

    [Fact]
    public void Only_donors_who_chose_name_amount_and_message_have_their_message_published()
    {
        Assert.Equal("Chúc các em", DonorDisplay.PublicMessage(DisplayChoice.NameAmountMessage, " Chúc các em "));
        Assert.Null(DonorDisplay.PublicMessage(DisplayChoice.NameAmount, "Chúc các em"));
        Assert.Null(DonorDisplay.PublicMessage(DisplayChoice.Anonymous, "Chúc các em"));
        Assert.Null(DonorDisplay.PublicMessage(DisplayChoice.NameAmountMessage, "   "));
    }
}
