using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Donors;

/// <summary>What a person enters to register or change a donor. Field names are the keys of validation messages.</summary>
public class DonorInput
{
    public DonorKind Kind { get; set; } = DonorKind.Person;
    public DonorOrigin Origin { get; set; } = DonorOrigin.Domestic;
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? TaxCode { get; set; }
    /// <summary>ISO 3166 alpha-2; required for a foreign donor.</summary>
    public string? Country { get; set; }
    public DisplayChoice DisplayChoice { get; set; } = DisplayChoice.NameAmount;
    public int AdminUnitId { get; set; }

    public static DonorInput From(Donor d) => new()
    {
        Kind = d.Kind, Origin = d.Origin, Name = d.Name, Email = d.Email, Phone = d.Phone, Address = d.Address,
        TaxCode = d.TaxCode, Country = d.Country, DisplayChoice = d.DisplayChoice, AdminUnitId = d.AdminUnitId,
    };
}

/// <summary>A donor offered for picking; Phone and Email are null unless the user's units cover the donor's.</summary>
public sealed record DonorChoice(int Id, string Name, DonorKind Kind, string UnitName, string? Phone, string? Email);

public sealed record DonorRow(int Id, string Name, DonorKind Kind, DonorOrigin Origin, string? Email, string? Phone, string UnitName, DisplayChoice DisplayChoice);

/// <summary>
/// Donors as staff see them. Every query goes through the context's unit scope, so a donor registered by a unit
/// the user does not cover is not found, and a donor can only be registered for a unit the user covers.
/// </summary>
public partial class DonorService(ChildAidDbContext db, TimeProvider clock)
{
    [GeneratedRegex(@"^\d{10}(-\d{3})?$")]
    private static partial Regex VietnameseTaxCode();

    [GeneratedRegex(@"^\+?[0-9 .()-]{6,30}$")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    /// <summary>Search ignores case and diacritics: "nguyen van an" finds "Nguyễn Văn An".</summary>
    public Task<Paged<DonorRow>> SearchAsync(string? query, int page, int pageSize = 20, CancellationToken ct = default)
    {
        var donors = db.Donors.AsNoTracking();
        var folded = TextFolding.Fold(query);
        if (folded.Length > 0) donors = donors.Where(d => d.SearchText.Contains(folded));
        var rows = donors.OrderBy(d => d.Name).ThenBy(d => d.Id)
            .Select(d => new DonorRow(d.Id, d.Name, d.Kind, d.Origin, d.Email, d.Phone, d.AdminUnit!.Name, d.DisplayChoice));
        return Paged<DonorRow>.FromAsync(rows, page, pageSize, ct);
    }

    /// <summary>
    /// The shared registry, for picking the donor of a gift: every donor whose name (or e-mail, phone, tax code)
    /// matches, ignoring case and diacritics, whoever registered them. Contacts only for donors of units the user covers.
    /// </summary>
    public async Task<IReadOnlyList<DonorChoice>> PickAsync(string? query, int max = 20, CancellationToken ct = default)
    {
        var folded = TextFolding.Fold(query);
        var donors = db.Donors.IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]).AsNoTracking();
        if (folded.Length > 0) donors = donors.Where(d => d.SearchText.Contains(folded));
        var rows = await donors.OrderBy(d => d.Name).ThenBy(d => d.Id).Take(max * 10)
            .Select(d => new { d.Id, d.Name, d.Kind, d.AdminUnitId, UnitName = d.AdminUnit!.Name, d.Phone, d.Email }).ToListAsync(ct);
        bool InScope(int unitId) => db.UnitScope is null || db.UnitScope.Contains(unitId);
        // A donor of another unit is found by name only: their phone, e-mail or tax code must not confirm who they are.
        return rows.Where(d => InScope(d.AdminUnitId) || TextFolding.Fold(d.Name).Contains(folded, StringComparison.Ordinal))
            .Take(max + 1)
            .Select(d => InScope(d.AdminUnitId)
                ? new DonorChoice(d.Id, d.Name, d.Kind, d.UnitName, d.Phone, d.Email)
                : new DonorChoice(d.Id, d.Name, d.Kind, d.UnitName, null, null))
            .ToList();
    }

    /// <summary>A donor's name for a form, from the shared registry (no contacts).</summary>
    public Task<DonorChoice?> ChoiceAsync(int id, CancellationToken ct = default) =>
        db.Donors.IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]).AsNoTracking().Where(d => d.Id == id)
            .Select(d => new DonorChoice(d.Id, d.Name, d.Kind, d.AdminUnit!.Name, null, null)).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The donor these contacts belong to, across the whole registry (a public pledge or a card payment names no unit,
    /// and must not become a second record of someone already known): by tax code first (a business), then e-mail
    /// (case ignored), then phone (as typed, or the same digits written 0…, 84… or +84…). The oldest match wins.
    /// </summary>
    public async Task<Donor?> FindByContactAsync(string? taxCode, string? email, string? phone, CancellationToken ct = default)
    {
        var registry = db.Donors.IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]).OrderBy(d => d.Id);
        if (taxCode?.Trim() is { Length: > 0 } tax && await registry.FirstOrDefaultAsync(d => d.TaxCode == tax, ct) is { } byTaxCode)
            return byTaxCode;
        if (email?.Trim().ToLowerInvariant() is { Length: > 0 } mail &&
            await registry.FirstOrDefaultAsync(d => d.Email != null && d.Email.ToLower() == mail, ct) is { } byEmail)
            return byEmail;
        if (phone?.Trim() is not { Length: > 0 } typed) return null;
        var written = PhoneSpellings(typed);
        return await registry.FirstOrDefaultAsync(d => d.Phone != null && written.Contains(d.Phone), ct);
    }

    /// <summary>"+84 912 345 678" → itself, 0912345678, 84912345678, +84912345678: how the same number is usually stored.</summary>
    private static List<string> PhoneSpellings(string typed)
    {
        var digits = new string(typed.Where(char.IsAsciiDigit).ToArray());
        var national = digits.StartsWith("84", StringComparison.Ordinal) && digits.Length >= 11 ? digits[2..]
            : digits.StartsWith('0') ? digits[1..] : digits;
        return national.Length < 8 ? [typed] : [typed, "0" + national, "84" + national, "+84" + national];
    }

    public Task<Donor?> FindAsync(int id, CancellationToken ct = default) =>
        db.Donors.AsNoTracking().Include(d => d.AdminUnit).FirstOrDefaultAsync(d => d.Id == id, ct);

    public async Task<Outcome<Donor>> CreateAsync(DonorInput input, CancellationToken ct = default)
    {
        var errors = await ValidateAsync(input, ct);
        if (errors.Count > 0) return Outcome<Donor>.Fail(errors);
        var donor = new Donor { Name = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
        Apply(donor, input);
        db.Donors.Add(donor);
        await db.SaveChangesAsync(ct);
        return Outcome<Donor>.Ok(donor);
    }

    public async Task<Outcome<Donor>> UpdateAsync(int id, DonorInput input, CancellationToken ct = default)
    {
        var donor = await db.Donors.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (donor is null) return Outcome<Donor>.Fail("", "Không tìm thấy nhà tài trợ trong phạm vi đơn vị của bạn.");
        var errors = await ValidateAsync(input, ct);
        if (errors.Count > 0) return Outcome<Donor>.Fail(errors);
        Apply(donor, input);
        await db.SaveChangesAsync(ct);
        return Outcome<Donor>.Ok(donor);
    }

    public async Task<Dictionary<string, string>> ValidateAsync(DonorInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        if (!Enum.IsDefined(input.Kind)) errors[nameof(input.Kind)] = "Vui lòng chọn loại nhà tài trợ.";
        if (!Enum.IsDefined(input.Origin)) errors[nameof(input.Origin)] = "Vui lòng chọn trong nước hoặc nước ngoài.";
        if (!Enum.IsDefined(input.DisplayChoice)) errors[nameof(input.DisplayChoice)] = "Vui lòng chọn cách hiển thị công khai.";
        if (NameRule.Check(input.Name, 300, "Vui lòng nhập tên nhà tài trợ.", "Tên tối đa 300 ký tự.") is { } nameProblem)
            errors[nameof(input.Name)] = nameProblem;
        var email = input.Email?.Trim();
        if (!string.IsNullOrEmpty(email) && (email.Length > 254 || !new EmailAddressAttribute().IsValid(email)))
            errors[nameof(input.Email)] = "Địa chỉ email không hợp lệ.";
        var phone = input.Phone?.Trim();
        if (!string.IsNullOrEmpty(phone) && !PhoneNumber().IsMatch(phone))
            errors[nameof(input.Phone)] = "Số điện thoại chỉ gồm chữ số (có thể có dấu + ở đầu), từ 6 đến 30 ký tự.";
        if (input.Address?.Trim().Length > 500) errors[nameof(input.Address)] = "Địa chỉ tối đa 500 ký tự.";
        var country = input.Country?.Trim().ToUpperInvariant();
        if (input.Origin == DonorOrigin.Foreign)
        {
            if (string.IsNullOrEmpty(country)) errors[nameof(input.Country)] = "Nhà tài trợ nước ngoài cần mã quốc gia (ví dụ US, JP, KR).";
            else if (!CountryCode().IsMatch(country) || country == "VN") errors[nameof(input.Country)] = "Mã quốc gia gồm 2 chữ cái theo ISO 3166 (ví dụ US, JP) và khác VN.";
        }
        else if (!string.IsNullOrEmpty(country) && country != "VN")
            errors[nameof(input.Country)] = "Nhà tài trợ trong nước có quốc gia là VN; chọn \"Nước ngoài\" nếu ở quốc gia khác.";
        var tax = input.TaxCode?.Trim();
        if (!string.IsNullOrEmpty(tax))
        {
            if (input.Origin == DonorOrigin.Domestic && !VietnameseTaxCode().IsMatch(tax))
                errors[nameof(input.TaxCode)] = "Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch và 3 chữ số (chi nhánh).";
            else if (tax.Length > 20) errors[nameof(input.TaxCode)] = "Mã số thuế tối đa 20 ký tự.";
        }
        if (input.AdminUnitId <= 0) errors[nameof(input.AdminUnitId)] = "Vui lòng chọn đơn vị tiếp nhận nhà tài trợ.";
        else if (db.UnitScope is not null && !db.UnitScope.Contains(input.AdminUnitId)) errors[nameof(input.AdminUnitId)] = "Bạn không được đăng ký nhà tài trợ cho đơn vị này.";
        else if (!await db.AdminUnits.AnyAsync(u => u.Id == input.AdminUnitId, ct)) errors[nameof(input.AdminUnitId)] = "Đơn vị không tồn tại.";
        return errors;
    }

    private static void Apply(Donor donor, DonorInput input)
    {
        donor.Kind = input.Kind;
        donor.Origin = input.Origin;
        donor.Name = input.Name!.Trim();
        donor.Email = Blank(input.Email);
        donor.Phone = Blank(input.Phone);
        donor.Address = Blank(input.Address);
        donor.TaxCode = Blank(input.TaxCode);
        donor.Country = input.Origin == DonorOrigin.Foreign ? input.Country!.Trim().ToUpperInvariant() : "VN";
        donor.DisplayChoice = input.DisplayChoice;
        donor.AdminUnitId = input.AdminUnitId;
        donor.RefreshSearchText();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
