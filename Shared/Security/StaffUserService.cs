using ChildAid.Shared.Data;
using ChildAid.Shared.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Security;

/// <summary>What an admin enters to create or change a staff account.</summary>
public class StaffUserInput
{
    public string? UserName { get; set; }
    public string? FullName { get; set; }
    public string? Email { get; set; }
    /// <summary>Required when creating; ignored when editing.</summary>
    public string? Password { get; set; }
    public List<string> Roles { get; set; } = [];
    public List<int> UnitIds { get; set; } = [];
}

public sealed record StaffUserRow(string Id, string UserName, string FullName, string? Email, IReadOnlyList<string> Roles,
    IReadOnlyList<string> Units, bool LockedOut, bool TwoFactorEnabled);

/// <summary>Staff accounts, their roles and the units they act on. Everything is changed in one transaction.</summary>
public class StaffUserService(ChildAidDbContext db, UserManager<StaffUser> users, RoleManager<IdentityRole> roles, TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffUserRow>> ListAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var list = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roleRows = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var unitRows = await db.StaffUserUnits.Select(u => new { u.UserId, u.AdminUnit!.Name }).ToListAsync(ct);
        return list.Select(u => new StaffUserRow(u.Id, u.UserName ?? "", u.FullName, u.Email,
            roleRows.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order().ToList(),
            unitRows.Where(x => x.UserId == u.Id).Select(x => x.Name).Order().ToList(),
            u.LockoutEnd is { } end && end > now, u.TwoFactorEnabled)).ToList();
    }

    public async Task<(StaffUser User, StaffUserInput Input)?> FindAsync(string id, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return null;
        var input = new StaffUserInput
        {
            UserName = user.UserName, FullName = user.FullName, Email = user.Email,
            Roles = [.. await users.GetRolesAsync(user)],
            UnitIds = await db.StaffUserUnits.Where(u => u.UserId == id).Select(u => u.AdminUnitId).ToListAsync(ct),
        };
        return (user, input);
    }

    /// <summary>Creates every role of <see cref="Security.Roles"/> that does not exist yet.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Security.Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }

    public async Task<Outcome<StaffUser>> CreateAsync(StaffUserInput input, CancellationToken ct = default)
    {
        var errors = await ValidateAsync(input, creating: true, ct);
        if (errors.Count > 0) return Outcome<StaffUser>.Fail(errors);
        await EnsureRolesAsync();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new StaffUser { UserName = input.UserName!.Trim(), FullName = input.FullName!.Trim(), Email = Blank(input.Email), LockoutEnabled = true };
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded) return Outcome<StaffUser>.Fail(IdentityErrors(created));
        var added = await users.AddToRolesAsync(user, input.Roles.Distinct());
        if (!added.Succeeded) return Outcome<StaffUser>.Fail(IdentityErrors(added));
        db.StaffUserUnits.AddRange(input.UnitIds.Distinct().Select(id => new StaffUserUnit { UserId = user.Id, AdminUnitId = id }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<StaffUser>.Ok(user);
    }

    public async Task<Outcome<StaffUser>> UpdateAsync(string id, StaffUserInput input, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return Outcome<StaffUser>.Fail("", "Không tìm thấy người dùng.");
        input.UserName = user.UserName;
        var errors = await ValidateAsync(input, creating: false, ct);
        if (errors.Count > 0) return Outcome<StaffUser>.Fail(errors);
        await EnsureRolesAsync();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        user.FullName = input.FullName!.Trim();
        user.Email = Blank(input.Email);
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return Outcome<StaffUser>.Fail(IdentityErrors(updated));
        var current = await users.GetRolesAsync(user);
        var wanted = input.Roles.Distinct().ToList();
        var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted));
        var added = await users.AddToRolesAsync(user, wanted.Except(current));
        if (!removed.Succeeded || !added.Succeeded) return Outcome<StaffUser>.Fail(IdentityErrors(removed.Succeeded ? added : removed));

        var units = await db.StaffUserUnits.Where(u => u.UserId == id).ToListAsync(ct);
        db.StaffUserUnits.RemoveRange(units.Where(u => !input.UnitIds.Contains(u.AdminUnitId)));
        db.StaffUserUnits.AddRange(input.UnitIds.Distinct().Where(uid => units.All(u => u.AdminUnitId != uid))
            .Select(uid => new StaffUserUnit { UserId = id, AdminUnitId = uid }));
        await db.SaveChangesAsync(ct);
        // A new stamp makes the user's other sessions pick up the new roles at their next validation.
        await users.UpdateSecurityStampAsync(user);
        await tx.CommitAsync(ct);
        return Outcome<StaffUser>.Ok(user);
    }

    public async Task<bool> UnlockAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return false;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return true;
    }

    private async Task<Dictionary<string, string>> ValidateAsync(StaffUserInput input, bool creating, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (creating && string.IsNullOrWhiteSpace(input.UserName)) errors[nameof(input.UserName)] = "Vui lòng nhập tên đăng nhập.";
        else if (input.UserName?.Length > 100) errors[nameof(input.UserName)] = "Tên đăng nhập tối đa 100 ký tự.";
        if (NameRule.Check(input.FullName, 200, "Vui lòng nhập họ và tên.", "Họ và tên tối đa 200 ký tự.") is { } nameProblem)
            errors[nameof(input.FullName)] = nameProblem;
        if (!string.IsNullOrWhiteSpace(input.Email) && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(input.Email.Trim()))
            errors[nameof(input.Email)] = "Địa chỉ email không hợp lệ.";
        if (creating && string.IsNullOrEmpty(input.Password)) errors[nameof(input.Password)] = "Vui lòng nhập mật khẩu ban đầu.";
        if (input.Roles.Count == 0) errors[nameof(input.Roles)] = "Vui lòng chọn ít nhất một vai trò.";
        else if (input.Roles.Any(r => !Security.Roles.VietnameseLabels.ContainsKey(r))) errors[nameof(input.Roles)] = "Vai trò không hợp lệ.";
        if (!input.Roles.Contains(Security.Roles.Admin) && input.UnitIds.Count == 0)
            errors[nameof(input.UnitIds)] = "Vui lòng chọn ít nhất một đơn vị hành chính người dùng được làm việc.";
        else if (input.UnitIds.Count > 0)
        {
            var ids = input.UnitIds.Distinct().ToList();
            if (await db.AdminUnits.CountAsync(u => ids.Contains(u.Id), ct) != ids.Count) errors[nameof(input.UnitIds)] = "Đơn vị hành chính không tồn tại.";
        }
        if (creating && !errors.ContainsKey(nameof(input.UserName)) && await users.FindByNameAsync(input.UserName!.Trim()) is not null)
            errors[nameof(input.UserName)] = $"Tên đăng nhập '{input.UserName.Trim()}' đã được dùng.";
        return errors;
    }

    private static Dictionary<string, string> IdentityErrors(IdentityResult result)
    {
        var errors = new Dictionary<string, string>();
        foreach (var e in result.Errors)
        {
            var field = e.Code switch
            {
                _ when e.Code.StartsWith("Password", StringComparison.Ordinal) => nameof(StaffUserInput.Password),
                _ when e.Code.Contains("UserName", StringComparison.Ordinal) => nameof(StaffUserInput.UserName),
                _ when e.Code.Contains("Email", StringComparison.Ordinal) => nameof(StaffUserInput.Email),
                _ when e.Code.Contains("Role", StringComparison.Ordinal) => nameof(StaffUserInput.Roles),
                _ => "",
            };
            errors[field] = errors.TryGetValue(field, out var before) ? $"{before} {e.Description}" : e.Description;
        }
        return errors;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
