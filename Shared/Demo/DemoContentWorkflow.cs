using ChildAid.Shared.Audit;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.Demo;

/// <summary>
/// Content in the workflow's states for the demo logins (the published starter content comes from <c>content/</c>): a
/// writer's draft, a story waiting for the editor, one the editor returned with a comment, and one scheduled for
/// tomorrow morning. Written through <see cref="ContentService"/> as the demo writer and editor themselves, so versions
/// and roles are real. Idempotent: an item whose path exists is left alone.
/// </summary>
public static class DemoContentWorkflow
{
    public const string WriterEmail = "phongvien@demo.childaid.example";
    public const string EditorEmail = "bientap@demo.childaid.example";

    public static async Task<int> SeedAsync(IServiceScopeFactory scopes, CancellationToken ct = default)
    {
        var added = 0;
        if (await WriteAsync(scopes, WriterEmail, "/tin-tuc/chuyen-xe-ao-am-len-ia-dal", ct, async (s, campaign) =>
                Ok(await s.CreateAsync(ContentType.Story, new ContentInput
                {
                    Title = "Chuyến xe áo ấm lên Ia Đal", CampaignId = campaign,
                    Summary = "Bản nháp của phóng viên: ghi chép chuyến xe chở áo ấm lên các điểm trường.",
                    Body = "## Lên đường\n\nXe xuất phát lúc 5 giờ sáng từ trung tâm huyện.\n\n## Ở điểm trường\n\n*(đang viết)*",
                }))))
            added++;
        if (await WriteAsync(scopes, WriterEmail, "/tin-tuc/be-tap-doc-buoi-toi-o-ia-toi", ct, async (s, _) =>
            {
                var item = Ok(await s.CreateAsync(ContentType.Story, new ContentInput
                {
                    Title = "Bé tập đọc buổi tối ở Ia Tơi", Summary = "Lớp đọc sách buổi tối ở nhà văn hóa thôn.",
                    Body = "## Lớp học dưới ánh đèn\n\nMỗi tối thứ Ba và thứ Năm, các em tới nhà văn hóa thôn đọc sách cùng cô giáo.",
                }));
                Ok(await s.SubmitAsync(item.Id, null));
            }))
            added++;
        if (await WriteAsync(scopes, WriterEmail, "/tin-tuc/tu-sach-moi-cho-diem-truong", ct, async (s, _) =>
            {
                var item = Ok(await s.CreateAsync(ContentType.Story, new ContentInput
                {
                    Title = "Tủ sách mới cho điểm trường", Summary = "Ba tủ sách thiếu nhi đến các điểm trường lẻ.",
                    Body = "Ba tủ sách đã đến điểm trường.",
                }));
                Ok(await s.SubmitAsync(item.Id, null));
            }))
        {
            added++;
            await WriteAsync(scopes, EditorEmail, null, ct, async (s, _) =>
            {
                var id = await IdAsync(scopes, "/tin-tuc/tu-sach-moi-cho-diem-truong", ct);
                Ok(await s.ReturnAsync(id, "Thêm số sách của mỗi tủ và tên các điểm trường nhận sách, rồi gửi lại.", null));
            });
        }
        if (await WriteAsync(scopes, EditorEmail, "/tin-tuc/lich-phat-ao-am-dot-hai", ct, async (s, campaign) =>
            {
                var item = Ok(await s.CreateAsync(ContentType.Story, new ContentInput
                {
                    Title = "Lịch phát áo ấm đợt hai", CampaignId = campaign, Summary = "Thời gian và địa điểm phát áo ấm đợt hai.",
                    Body = "## Thời gian\n\nSáng thứ Bảy, từ 7 giờ 30.\n\n## Địa điểm\n\nSân trường tiểu học của mỗi xã.",
                }));
                var tomorrow = Time.VietnamClock.VietnamToday(TimeProvider.System).AddDays(1).ToDateTime(new TimeOnly(8, 0));
                Ok(await s.ScheduleAsync(item.Id, tomorrow, null, null));
            }))
            added++;
        return added;
    }

    /// <summary>Runs <paramref name="write"/> as the demo user unless <paramref name="path"/> exists already; true when it ran.</summary>
    private static async Task<bool> WriteAsync(IServiceScopeFactory scopes, string email, string? path, CancellationToken ct,
        Func<ContentService, int?, Task> write)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        if (path is not null && await db.ContentItems.AnyAsync(i => i.Path == path, ct)) return false;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == email, ct);
        if (user is null) return false;
        var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
        actor.UserId = user.Id;
        actor.Name = user.UserName ?? email;
        // Demo data, not a staff change: no audit rows (as the rest of the seed). Roles still apply: it acts as the user.
        actor.Suppressed = true;
        var campaign = await db.Campaigns.AsNoTracking().OrderBy(c => c.StartDate).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        await write(scope.ServiceProvider.GetRequiredService<ContentService>(), campaign);
        return true;
    }

    private static async Task<int> IdAsync(IServiceScopeFactory scopes, string path, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChildAidDbContext>().ContentItems.Where(i => i.Path == path).Select(i => i.Id).SingleAsync(ct);
    }

    private static T Ok<T>(Validation.Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException(string.Join(" ", outcome.Errors.Values));
}
