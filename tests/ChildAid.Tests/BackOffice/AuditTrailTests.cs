using System.Text.RegularExpressions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.BackOffice;

/// <summary>The audit trail is read within the reader's units, as Vietnamese sentences.</summary>
public abstract partial class AuditTrailTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private async Task ChangePhoneAsync(int donorId, string actor, string phone)
    {
        await using var sp = Db.Services(s => s.AddScoped<DonorService>());
        await using var scope = Scope(sp, actor);
        var donors = scope.ServiceProvider.GetRequiredService<DonorService>();
        var input = DonorInput.From((await donors.FindAsync(donorId))!);
        input.Phone = phone;
        Assert.True((await donors.UpdateAsync(donorId, input)).Succeeded);
    }

    [Fact]
    public async Task Inspector_of_Ia_Dal_reads_changes_to_Ia_Dal_donors_as_sentences_and_nothing_of_Ia_Toi()
    {
        int iaDal, iaToi, donorDal, donorToi;
        await using (var db = Db.NewContext())
        {
            iaDal = (await TestData.UnitAsync(db, "Xã Ia Đal", "23535")).Id;
            iaToi = (await TestData.UnitAsync(db, "Xã Ia Tơi", "23538")).Id;
            donorDal = (await TestData.DonorAsync(db, iaDal, "Công ty Hạt Điều Ia Đal", kind: DonorKind.Business)).Id;
            donorToi = (await TestData.DonorAsync(db, iaToi, "Công ty Cà Phê Ia Tơi", kind: DonorKind.Business)).Id;
        }
        await ChangePhoneAsync(donorDal, "Nguyễn Văn A", "0901 111 111");
        await ChangePhoneAsync(donorDal, "Nguyễn Văn A", "0902 222 222");
        await ChangePhoneAsync(donorToi, "Trần Văn B", "0903 333 333");
        await StaffAsync("thanhtra-iadal", [Roles.Inspector], iaDal);
        var inspector = await LogInAsync("thanhtra-iadal");

        var page = System.Net.WebUtility.HtmlDecode(await inspector.GetPageAsync("/Audit"));

        Assert.Contains("Nguyễn Văn A đã sửa nhà tài trợ «Công ty Hạt Điều Ia Đal»: Điện thoại 0901 111 111 → 0902 222 222", page);
        Assert.DoesNotContain("Cà Phê Ia Tơi", page);
        Assert.DoesNotContain("0903 333 333", page);
        Assert.DoesNotContain("Trần Văn B", page);
        Assert.DoesNotContain(">Donor", page);
        Assert.DoesNotMatch(Guid(), page);
    }

    [Fact]
    public async Task Inspector_does_not_read_global_changes_and_admin_reads_everything()
    {
        int iaDal, iaToi, donorToi;
        await using (var db = Db.NewContext())
        {
            iaDal = (await TestData.UnitAsync(db, "Xã Ia Đal", "23535")).Id;
            iaToi = (await TestData.UnitAsync(db, "Xã Ia Tơi", "23538")).Id;
            donorToi = (await TestData.DonorAsync(db, iaToi, "Công ty Cà Phê Ia Tơi", kind: DonorKind.Business)).Id;
            await TestData.CampaignAsync(db, "Áo ấm cho em");
        }
        await ChangePhoneAsync(donorToi, "Trần Văn B", "0903 333 333");
        await StaffAsync("thanhtra-iadal", [Roles.Inspector], iaDal);
        var inspector = await LogInAsync("thanhtra-iadal");
        var admin = await LogInAsAdminAsync();

        var inspectorPage = System.Net.WebUtility.HtmlDecode(await inspector.GetPageAsync("/Audit"));
        var adminPage = System.Net.WebUtility.HtmlDecode(await admin.GetPageAsync("/Audit"));
        var adminDonors = System.Net.WebUtility.HtmlDecode(await admin.GetPageAsync("/Audit?Entity=Donor"));

        Assert.DoesNotContain("tài khoản cán bộ", inspectorPage);
        Assert.Contains("Không có thay đổi nào trong phạm vi của bạn.", inspectorPage);
        Assert.Contains("Trần Văn B đã sửa nhà tài trợ «Công ty Cà Phê Ia Tơi»: ", adminDonors);
        Assert.Contains("Điện thoại (trống) → 0903 333 333", adminDonors);
        Assert.Contains("đã thêm tài khoản cán bộ", adminPage);
        Assert.DoesNotMatch(Guid(), adminPage);
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}

public class AuditTrailTestsOnSqlite() : AuditTrailTests(DatabaseProvider.Sqlite);

public class AuditTrailTestsOnPostgres() : AuditTrailTests(DatabaseProvider.Postgres);
