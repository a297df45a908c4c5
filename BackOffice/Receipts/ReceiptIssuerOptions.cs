using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChildAid.BackOffice.Receipts;

/// <summary>The organisation printed at the top of every receipt (section <c>Receipts:Issuer</c>), checked at start-up.</summary>
public sealed class ReceiptIssuerOptions
{
    public const string Section = "Receipts:Issuer";

    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    /// <summary>Mã số thuế: 10 digits, or 10 digits-3 digits for a branch.</summary>
    public string TaxCode { get; set; } = "";
    public string? Phone { get; set; }
}

/// <summary>A receipt without its issuer's name, address or tax code is not a receipt: BackOffice refuses to start.</summary>
public sealed partial class ReceiptIssuerOptionsValidator : IValidateOptions<ReceiptIssuerOptions>
{
    public ValidateOptionsResult Validate(string? name, ReceiptIssuerOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name)) errors.Add($"{ReceiptIssuerOptions.Section}:Name is required (the organisation printed on receipts).");
        if (string.IsNullOrWhiteSpace(options.Address)) errors.Add($"{ReceiptIssuerOptions.Section}:Address is required.");
        if (!TaxCode().IsMatch(options.TaxCode ?? "")) errors.Add($"{ReceiptIssuerOptions.Section}:TaxCode is required: 10 digits, or 10 digits-3 digits.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex(@"^\d{10}(-\d{3})?$")]
    private static partial Regex TaxCode();
}
