using ChildAid.Shared.Data;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.BankStatements;

/// <summary>What an accountant enters for a receiving account. Field names are the keys of validation messages.</summary>
public class BankAccountInput
{
    public string? Code { get; set; }
    public string? BankName { get; set; }
    public string? Bin { get; set; }
    public string? AccountNumber { get; set; }
    public string? AccountName { get; set; }
    public int AdminUnitId { get; set; }
    public int? CampaignId { get; set; }
    public string Preset { get; set; } = StatementPreset.Vietcombank.Code;
    /// <summary>For <see cref="StatementPreset.CustomCode"/>: the header of each column, by field name.</summary>
    public Dictionary<StatementField, string> CustomHeaders { get; set; } = [];
}

/// <summary>
/// Receiving accounts, within the staff member's units (an account belongs to the unit whose receipts its gifts become).
/// The code is fixed once created: it is part of every booked line's ExternalId.
/// </summary>
public class BankAccountService(ChildAidDbContext db, TimeProvider clock)
{
    public Task<List<BankAccount>> ListAsync(CancellationToken ct = default) =>
        db.BankAccounts.AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct);

    public Task<BankAccount?> FindAsync(int id, CancellationToken ct = default) =>
        db.BankAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);

    public async Task<Outcome<BankAccount>> SaveAsync(int? id, BankAccountInput input, CancellationToken ct = default)
    {
        BankAccount? account = null;
        if (id is { } existing && (account = await db.BankAccounts.FirstOrDefaultAsync(a => a.Id == existing, ct)) is null)
            return Outcome<BankAccount>.Fail("", "Không tìm thấy tài khoản trong phạm vi đơn vị của bạn.");
        var errors = await ValidateAsync(account, input, ct);
        if (errors.Count > 0) return Outcome<BankAccount>.Fail(errors);
        var preset = input.Preset == StatementPreset.CustomCode ? StatementPreset.Custom(input.CustomHeaders) : StatementPreset.Find(input.Preset)!;
        account ??= db.BankAccounts.Add(new BankAccount
        {
            Code = input.Code!.Trim().ToUpperInvariant(), BankName = "", Bin = "", AccountNumber = "", AccountName = "", Preset = "",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        }).Entity;
        account.BankName = input.BankName!.Trim();
        account.Bin = input.Bin!.Trim();
        account.AccountNumber = input.AccountNumber!.Trim();
        account.AccountName = input.AccountName!.Trim();
        account.AdminUnitId = input.AdminUnitId;
        account.CampaignId = input.CampaignId;
        account.Preset = preset.Code;
        account.CustomMappingJson = preset.IsCustom ? preset.ToJson() : null;
        await db.SaveChangesAsync(ct);
        return Outcome<BankAccount>.Ok(account);
    }

    private async Task<Dictionary<string, string>> ValidateAsync(BankAccount? account, BankAccountInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (account is null)
        {
            var code = input.Code?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(code) || !BankAccount.CodePattern().IsMatch(code))
                errors[nameof(input.Code)] = "Mã tài khoản gồm chữ cái không dấu, chữ số và dấu gạch ngang, tối đa 20 ký tự (ví dụ VCB-QUY).";
            else if (await db.BankAccounts.IgnoreQueryFilters().AnyAsync(a => a.Code == code, ct))
                errors[nameof(input.Code)] = $"Đã có tài khoản mã {code}.";
        }
        if (NameRule.Check(input.BankName, 200, "Vui lòng nhập tên ngân hàng.", "Tên ngân hàng tối đa 200 ký tự.") is { } bank) errors[nameof(input.BankName)] = bank;
        if (input.Bin is null || !BankAccount.BinPattern().IsMatch(input.Bin.Trim())) errors[nameof(input.Bin)] = "Mã BIN của ngân hàng gồm 6 chữ số (ví dụ 970436).";
        if (input.AccountNumber is null || !BankAccount.AccountNumberPattern().IsMatch(input.AccountNumber.Trim()))
            errors[nameof(input.AccountNumber)] = "Số tài khoản gồm 4 đến 30 chữ số hoặc chữ cái, không dấu cách.";
        if (NameRule.Check(input.AccountName, 200, "Vui lòng nhập tên chủ tài khoản.", "Tên chủ tài khoản tối đa 200 ký tự.") is { } holder) errors[nameof(input.AccountName)] = holder;
        if (input.AdminUnitId <= 0 || (db.UnitScope is { } scope && !scope.Contains(input.AdminUnitId)))
            errors[nameof(input.AdminUnitId)] = "Vui lòng chọn đơn vị tiếp nhận trong phạm vi của bạn.";
        if (input.CampaignId is { } campaign && !await db.Campaigns.AnyAsync(c => c.Id == campaign, ct))
            errors[nameof(input.CampaignId)] = "Chiến dịch không tồn tại.";
        if (input.Preset == StatementPreset.CustomCode)
            foreach (var (field, message) in StatementPreset.Validate(input.CustomHeaders))
                errors[$"{nameof(input.CustomHeaders)}[{field}]"] = message;
        else if (StatementPreset.Find(input.Preset) is null) errors[nameof(input.Preset)] = "Vui lòng chọn mẫu sao kê của ngân hàng, hoặc “Tùy chỉnh”.";
        return errors;
    }
}
