using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Children;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ChildAid.Shared.Time;

namespace ChildAid.Shared.Demo;

/// <summary>What one load added (a second load adds nothing).</summary>
public sealed record DemoSeedResult(int AdminUnits, int Organisations, int Campaigns, int Donors, int Children, int StaffUsers,
    int Contributions, int Reversals, int SkippedFutureGifts, int NeedsReviews = 0)
{
    public int Total => AdminUnits + Organisations + Campaigns + Donors + Children + StaffUsers + Contributions + Reversals + NeedsReviews;
}

/// <summary>
/// Loads the demo data set (<see cref="DemoContent"/>, <see cref="DemoGenerator"/>, <see cref="DemoStaff"/>) into the database.
/// Idempotent: each row is looked up by its natural key first — unit code + level + valid-from, organisation name,
/// campaign slug, donor public key (derived from the demo key), child name + date of birth, staff e-mail, gift
/// idempotency key — and only missing rows are added. Gifts go through <see cref="ContributionService.RecordAsync"/>
/// so receipt numbers, the ledger chain and the honor roll are exactly what staff recording would produce.
/// Needs AddChildAidData and the Identity core services (UserManager, RoleManager) in the container.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopes, TextWriter progress)
{
    public const string ActorName = "seed --demo";
    private const int GiftsPerScope = 40;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private Task SayAsync(string line) => progress.WriteLineAsync($"{line}  [{_clock.Elapsed.TotalSeconds:0.0} s]");

    public async Task<DemoSeedResult> SeedAsync(DemoContent content, CancellationToken ct = default)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();

        var units = await AdminUnitsAsync(db, content, ct);
        var tree = await db.AdminUnits.AsNoTracking().ToListAsync(ct);
        var organisations = await OrganisationsAsync(db, content, tree, ct);
        var campaigns = await CampaignsAsync(db, content, ct);
        var donors = await DonorsAsync(db, content, tree, ct);
        var children = await ChildrenAsync(db, tree, ct);
        var staff = await StaffAsync(scope.ServiceProvider, db, tree, ct);
        var (gifts, reversals, skipped) = await GiftsAsync(content, tree, ct);
        var reviews = await NeedsAsync(ct);
        var pledges = await DemoPledges.SeedAsync(scopes, scope.ServiceProvider.GetRequiredService<TimeProvider>().VietnamToday(), ct);
        await SayAsync($"  Cam kết trực tuyến / online pledges: +{pledges}");
        DemoStatementResult statement;
        await using (var bank = Scope())
            statement = await DemoBankStatement.SeedAsync(bank.ServiceProvider, content.BankStatement, bank.ServiceProvider.GetRequiredService<TimeProvider>().VietnamToday(), ct);
        await SayAsync($"  Tài khoản DEMO và sao kê / demo bank account and statement: +{statement.Accounts} tài khoản, +{statement.Lines} dòng " +
            $"({statement.Matched} theo mã cam kết, {statement.Unsolicited} không cam kết)");
        var checkups = await DemoCheckups.SeedAsync(db, scope.ServiceProvider.GetRequiredService<Growth.GrowthReference>(), ct);
        await SayAsync($"  Kết quả khám sức khỏe (tổng hợp) / synthetic check-up measurements: +{checkups}");
        var underFives = await DemoUnderFives.SeedAsync(db, scope.ServiceProvider.GetRequiredService<Growth.GrowthReference>(), ct);
        await SayAsync($"  Khám trẻ dưới 5 tuổi tại trung tâm y tế (tổng hợp) / under-fives measured at the health centre: +{underFives}");
        var registry = await DemoRegistry.SeedAsync(db, ct);
        await SayAsync($"  Sổ trẻ em: một cặp có thể trùng, một ngày sinh ước tính / registry demo children: +{registry}");
        var followers = await DemoFollowers.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
        await SayAsync($"  Người theo dõi chiến dịch / campaign followers: +{followers}");
        var allocations = await DemoAllocations.SeedAsync(scopes, ct);
        await SayAsync($"  Phân bổ (3 đã duyệt, 1 chờ duyệt) / allocations: +{allocations}");
        var expenses = await DemoExpenses.SeedAsync(scopes, scope.ServiceProvider.GetRequiredService<TimeProvider>().VietnamToday(), ct);
        await SayAsync($"  Khoản chi có hoá đơn (3 đã duyệt, 1 chờ duyệt) / expenses with invoices: +{expenses}");
        var lots = await DemoStock.SeedAsync(scopes, scope.ServiceProvider.GetRequiredService<TimeProvider>().VietnamToday(), ct);
        await SayAsync($"  Lô hàng hiện vật (báo trước, nhận, kiểm tra, nhập kho, loại, xuất huỷ) / stock lots: +{lots}");
        var distributions = await DemoDistributions.SeedAsync(scopes, scope.ServiceProvider.GetRequiredService<TimeProvider>().VietnamToday(), ct);
        await SayAsync($"  Cấp phát hàng (đã giao, đang chuyển, dự thảo) / distributions: +{distributions}");
        var counted = await DemoStock.CountAsync(scopes, ct);
        await SayAsync($"  Kiểm kê kho (một lô thiếu, xuất huỷ) / stock count: {counted} lô");
        var services = await DemoServiceDeliveries.SeedAsync(scopes, scope.ServiceProvider.GetRequiredService<TimeProvider>().VietnamToday(), ct);
        await SayAsync($"  Bữa ăn đã phục vụ, đã xác nhận / meals served, confirmed: +{services}");
        var purchases = await DemoPurchases.SeedAsync(scopes, scope.ServiceProvider.GetRequiredService<TimeProvider>().VietnamToday(), ct);
        await SayAsync($"  Áo ấm mua bằng tiền quyên góp, đã giao trường / goods bought and handed over: +{purchases}");
        var workflow = await DemoContentWorkflow.SeedAsync(scopes, ct);
        await SayAsync($"  Nội dung theo quy trình / content in the workflow: +{workflow}");
        await PublishChecksAsync(ct);
        return new DemoSeedResult(units, organisations, campaigns, donors, children, staff, gifts, reversals, skipped, reviews);
    }

    /// <summary>What BackOffice's workers publish (hourly, nightly), done once now so the public pages show it before it starts.</summary>
    private async Task PublishChecksAsync(CancellationToken ct)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var needs = await scope.ServiceProvider.GetRequiredService<Needs.NeedFulfilment>().RefreshAllAsync(ct);
        await SayAsync($"  Tiến độ nhu cầu / need fulfilment: {needs} nhu cầu");
        var rows = await new PublicNutrition.PublicNutritionProjection(db, clock).RefreshAsync(ct);
        await SayAsync($"  Số liệu dinh dưỡng công khai (ô ≥ 10 trẻ) / public nutrition figures: {rows} dòng");
        var run = await new Balances.BalanceRunner(db, clock).RunAsync(ct);
        await SayAsync($"  Kiểm tra cân đối sổ cái / balance run: {run.EntriesChecked} bút toán, " + (run.InvariantsHold ? "đúng / holds" : $"SAI / broken: {run.FirstRule}"));
    }

    private async Task<int> NeedsAsync(CancellationToken ct)
    {
        await using var scope = Scope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<ChildAidDbContext>();
        await DemoNeeds.PlacesAsync(db, ct);
        var added = await DemoNeeds.ReviewsAsync(db, sp.GetRequiredService<Needs.NeedPriority>(), sp.GetRequiredService<PublicNeeds.PublicNeedsProjection>(), ct);
        await SayAsync($"  Rà soát nhu cầu / needs reviews: +{added}");
        return added;
    }

    private AsyncServiceScope Scope()
    {
        var scope = scopes.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
        actor.Name = ActorName;
        actor.Suppressed = true;
        return scope;
    }

    private async Task<int> AdminUnitsAsync(ChildAidDbContext db, DemoContent content, CancellationToken ct)
    {
        var rows = new List<AdminUnitRow>();
        foreach (var path in new[] { content.ReferenceAdminUnits, content.ReferenceAdminUnitsSupplement })
        {
            using var reader = new StreamReader(path);
            rows.AddRange(AdminUnitCsv.Read(reader, Path.GetFileName(path)));
        }
        var reference = await AdminUnitCsv.ImportAsync(db, rows, isDemo: false, ct);
        Fail(reference);
        var villages = await AdminUnitCsv.ImportFileAsync(db, content.Villages, isDemo: true, ct);
        Fail(villages);
        var added = reference.Added + villages.Added;
        await SayAsync($"  Đơn vị hành chính / admin units: +{added} (đã có {reference.AlreadyPresent + villages.AlreadyPresent})");
        return added;

        static void Fail(AdminUnitImportResult r)
        {
            if (!r.Succeeded) throw new InvalidDataException(string.Join(Environment.NewLine, r.Errors));
        }
    }

    private async Task<int> OrganisationsAsync(ChildAidDbContext db, DemoContent content, List<AdminUnit> tree, CancellationToken ct)
    {
        var existing = (await db.Organisations.Select(o => o.Name).ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var o in content.Organisations().Where(o => !existing.Contains(o.Name)))
        {
            db.Organisations.Add(new Organisation
            {
                Name = o.Name, Type = o.Type, SchoolLevel = o.SchoolLevel, AdminUnitId = UnitOn(tree, o.UnitCode, o.UnitOn).Id, IsDemo = true,
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        await SayAsync($"  Cơ quan, trường học / agencies and schools: +{added}");
        return added;
    }

    private async Task<int> CampaignsAsync(ChildAidDbContext db, DemoContent content, CancellationToken ct)
    {
        var existing = (await db.Campaigns.Select(c => c.Slug).ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var c in content.Campaigns().Where(c => !existing.Contains(c.Slug)))
        {
            db.Campaigns.Add(new Campaign
            {
                Slug = c.Slug, Title = c.Title, TitleEn = c.TitleEn, Summary = c.Summary, SummaryEn = c.SummaryEn, StartDate = c.StartDate,
                EndDate = c.EndDate, MoneyGoalVnd = c.MoneyGoalVnd, Status = c.Status, UpdatedAt = DateTime.UtcNow,
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        await SayAsync($"  Chiến dịch / campaigns: +{added}");
        return added;
    }

    private async Task<int> DonorsAsync(ChildAidDbContext db, DemoContent content, List<AdminUnit> tree, CancellationToken ct)
    {
        var existing = (await db.Donors.IgnoreQueryFilters().Select(d => d.PublicKey).ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var d in content.Donors())
        {
            var key = DemoGenerator.DonorKey(d.Key);
            if (existing.Contains(key)) continue;
            var donor = new Donor
            {
                PublicKey = key, Kind = d.Kind, Origin = d.Origin, Name = d.Name, Email = d.Email, Phone = d.Phone, Address = d.Address,
                Country = d.Country, DisplayChoice = d.DisplayChoice, AdminUnitId = UnitOn(tree, d.UnitCode, d.UnitOn).Id,
                CreatedAt = d.UnitOn.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc), IsDemo = true,
            };
            donor.RefreshSearchText();
            db.Donors.Add(donor);
            added++;
        }
        await db.SaveChangesAsync(ct);
        await SayAsync($"  Nhà tài trợ / donors: +{added}");
        return added;
    }

    private async Task<int> ChildrenAsync(ChildAidDbContext db, List<AdminUnit> tree, CancellationToken ct)
    {
        var byId = tree.ToDictionary(u => u.Id);
        var villages = tree.Where(u => u.Level == AdminUnitLevel.Village && u.IsDemo && u.ValidFrom is not null && u.ParentId is not null)
            .Select(u => (Code: u.Code, ValidFrom: u.ValidFrom!.Value, CommuneCode: byId[u.ParentId!.Value].Code))
            .OrderBy(v => v.Code, StringComparer.Ordinal).ThenBy(v => v.ValidFrom).ToList();
        var schoolRows = await db.Organisations.Where(o => o.Type == OrganisationType.School && o.IsDemo).ToListAsync(ct);
        schoolRows = [.. schoolRows.OrderBy(o => o.Name, StringComparer.Ordinal)];
        var schools = schoolRows.Select(s => (s.Name, Preschool: s.SchoolLevel == SchoolLevel.Preschool, CommuneCode: byId[s.AdminUnitId].Code)).ToList();
        var schoolIds = schoolRows.ToDictionary(s => s.Name, s => s.Id);

        var existing = (await db.Children.IgnoreQueryFilters().Where(c => c.IsDemo).Select(c => new { c.FullName, c.DateOfBirth }).ToListAsync(ct))
            .Select(c => (c.FullName, c.DateOfBirth)).ToHashSet();
        var added = 0;
        foreach (var c in DemoGenerator.Children(villages, schools))
        {
            if (existing.Contains((c.FullName, c.DateOfBirth))) continue;
            db.Children.Add(new Child
            {
                FullName = c.FullName, SearchText = TextFolding.Fold(c.FullName), DateOfBirth = c.DateOfBirth, Sex = c.Sex, EthnicGroup = c.EthnicGroup,
                AdminUnitId = tree.First(u => u.Level == AdminUnitLevel.Village && u.Code == c.VillageCode && u.ValidFrom == c.VillageValidFrom).Id,
                SchoolId = c.SchoolName is null ? null : schoolIds[c.SchoolName], GuardianName = c.GuardianName,
                GuardianRelation = GuardianRelation.Mother, // the generator names a woman of the child's family
                PublicationConsentOn = c.PublicationConsentOn, IsDemo = true,
                Circumstances = DemoNeeds.CircumstancesFor(c.FullName, c.DateOfBirth, c.EthnicGroup),
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        await SayAsync($"  Trẻ em (tổng hợp, không có thật) / synthetic children: +{added}");
        return added;
    }

    private async Task<int> StaffAsync(IServiceProvider sp, ChildAidDbContext db, List<AdminUnit> tree, CancellationToken ct)
    {
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        await EnsureRolesAsync(roles);
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Name, o => o.Id, ct);
        var added = 0;
        string? passwordHash = null; // one hash for all: key derivation is slow on purpose, and the password is the same
        foreach (var u in DemoStaff.Users)
        {
            if (await users.FindByEmailAsync(u.Email) is not null) continue;
            var user = new StaffUser
            {
                UserName = u.Email, Email = u.Email, EmailConfirmed = true, FullName = u.FullName,
                OrganisationId = u.OrganisationName is not null && organisations.TryGetValue(u.OrganisationName, out var orgId) ? orgId : null,
                LockoutEnabled = true,
            };
            var unitIds = u.Units is null
                ? tree.Where(t => t.Level == AdminUnitLevel.Province).Select(t => t.Id)
                : u.Units.Select(x => tree.First(t => t.Code == x.Code && t.Level != AdminUnitLevel.Village && t.ValidFrom == x.ValidFrom).Id);
            user.Units.AddRange(unitIds.Distinct().Select(id => new StaffUserUnit { UserId = user.Id, AdminUnitId = id }));
            user.PasswordHash = passwordHash ??= users.PasswordHasher.HashPassword(user, DemoStaff.Password);
            Check(await users.CreateAsync(user), u.Email);
            Check(await users.AddToRoleAsync(user, u.Role), u.Email);
            added++;
        }
        await SayAsync($"  Tài khoản cán bộ demo / demo staff log-ins: +{added}");
        return added;
    }

    /// <summary>Creates every role of <see cref="Roles"/> that is missing.</summary>
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
    }

    private static void Check(IdentityResult result, string who)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"{who}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }

    private async Task<(int Gifts, int Reversals, int Skipped)> GiftsAsync(DemoContent content, List<AdminUnit> tree, CancellationToken ct)
    {
        var plan = DemoGenerator.Gifts(content.Donors(), content.Campaigns());
        Dictionary<string, int> donorIds, campaignIds;
        HashSet<Guid> recorded;
        Dictionary<Guid, (int Id, bool Reversed)> reversible;
        await using (var scope = Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var keys = (await db.Donors.IgnoreQueryFilters().Where(d => d.IsDemo).Select(d => new { d.Id, d.PublicKey }).ToListAsync(ct))
                .ToDictionary(d => d.PublicKey, d => d.Id);
            donorIds = content.Donors().ToDictionary(d => d.Key, d => keys[DemoGenerator.DonorKey(d.Key)]);
            campaignIds = await db.Campaigns.ToDictionaryAsync(c => c.Slug, c => c.Id, ct);
            var existing = await db.Contributions.IgnoreQueryFilters().Where(c => c.IdempotencyKey != null)
                .Select(c => new { Key = c.IdempotencyKey!.Value, c.Id, Reversed = c.Reversal != null }).ToListAsync(ct);
            recorded = existing.Select(e => e.Key).ToHashSet();
            reversible = existing.ToDictionary(e => e.Key, e => (e.Id, e.Reversed));
        }

        DateOnly today;
        await using (var scope = Scope())
            today = scope.ServiceProvider.GetRequiredService<TimeProvider>().VietnamToday();
        var todo = plan.Where(g => !recorded.Contains(g.IdempotencyKey)).ToList();
        var skipped = todo.Count(g => g.ReceivedOn > today);
        todo = todo.Where(g => g.ReceivedOn <= today).ToList();
        var added = 0;
        foreach (var batch in todo.Chunk(GiftsPerScope))
        {
            await using var scope = Scope();
            var service = scope.ServiceProvider.GetRequiredService<ContributionService>();
            foreach (var g in batch)
            {
                var outcome = await service.RecordAsync(new ContributionInput
                {
                    DonorId = donorIds[g.DonorKey],
                    CampaignId = g.CampaignSlug is null ? null : campaignIds[g.CampaignSlug],
                    Method = g.Method, AmountVnd = g.AmountVnd, OriginalCurrency = g.Currency, OriginalAmount = g.OriginalAmount,
                    ExchangeRate = g.ExchangeRate, ReceivedOn = g.ReceivedOn, GoodsLines = [.. g.GoodsLines], Message = g.Message,
                    AdminUnitId = tree.First(u => u.Code == g.UnitCode && u.Level != AdminUnitLevel.Village && u.ValidFrom == g.UnitValidFrom).Id,
                    Note = "Dữ liệu demo (tổng hợp)", IdempotencyKey = g.IdempotencyKey,
                }, ct, isDemo: true);
                if (!outcome.Succeeded)
                    throw new InvalidOperationException($"Demo gift {g.Number}: {string.Join("; ", outcome.Errors.Select(e => $"{e.Key}: {e.Value}"))}");
                reversible[g.IdempotencyKey] = (outcome.Value!.Id, false);
                added++;
            }
            await SayAsync($"  Khoản tặng / gifts: {added}/{todo.Count}");
        }

        var reversals = 0;
        await using (var scope = Scope())
        {
            var service = scope.ServiceProvider.GetRequiredService<ContributionService>();
            foreach (var g in plan.Where(g => g.ReversalReason is not null))
            {
                if (!reversible.TryGetValue(g.IdempotencyKey, out var c) || c.Reversed) continue;
                var outcome = await service.ReverseAsync(c.Id, g.ReversalReason, ct);
                if (!outcome.Succeeded) throw new InvalidOperationException($"Demo reversal of gift {g.Number}: {string.Join("; ", outcome.Errors.Values)}");
                reversals++;
            }
        }
        await SayAsync($"  Khoản tặng / gifts: +{added}, hủy phiếu / reversals: +{reversals}" +
                                      (skipped > 0 ? $", {skipped} bỏ qua vì ngày nhận ở tương lai" : ""));
        return (added, reversals, skipped);
    }

    private static AdminUnit UnitOn(List<AdminUnit> tree, string code, DateOnly on) =>
        tree.Where(u => u.Code == code && u.Level != AdminUnitLevel.Village && u.IsValidOn(on)).OrderByDescending(u => u.Level).FirstOrDefault()
        ?? throw new InvalidDataException($"No administrative unit {code} in force on {on:yyyy-MM-dd}.");
}
