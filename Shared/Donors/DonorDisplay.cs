namespace ChildAid.Shared.Donors;

/// <summary>
/// Applies a donor's display choice to what the public sees. An empty name means "anonymous";
/// the sites render that in the reader's language.
/// </summary>
public static class DonorDisplay
{
    /// <summary>The name beside the amount on the public statement. Name-only donors are not named beside amounts.</summary>
    public static string StatementName(DisplayChoice choice, string name) => choice switch
    {
        DisplayChoice.NameAmountMessage or DisplayChoice.NameAmount => name.Trim(),
        _ => "",
    };

    /// <summary>The name on the honor roll.</summary>
    public static string HonorRollName(DisplayChoice choice, string name) =>
        choice == DisplayChoice.Anonymous ? "" : name.Trim();

    public static bool ShowsAmountOnHonorRoll(DisplayChoice choice) =>
        choice is DisplayChoice.NameAmountMessage or DisplayChoice.NameAmount;

    public static string? PublicMessage(DisplayChoice choice, string? message) =>
        choice == DisplayChoice.NameAmountMessage && !string.IsNullOrWhiteSpace(message) ? message.Trim() : null;
}
