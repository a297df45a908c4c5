using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using ChildAid.Tests.Infrastructure;

namespace ChildAid.Tests.Needs;

/// <summary>"Is this child already helped with this, for this period?" — in this review, other communes' reviews and agencies' declarations.</summary>
public abstract class DuplicateCheckTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static readonly DateOnly Winter = new(2026, 11, 1), WinterEnd = new(2027, 2, 28);

    private static NeedsReview Review(ChildAidDbContext db, int commune, int revision = 1)
    {
        var review = NeedsReview.Open(commune, 2026, "test", DateTime.UtcNow, revision);
        db.NeedsReviews.Add(review);
        return review;
    }

    private static NeedLine Blanket(NeedsReview review, int child, DateOnly start, DateOnly end, Guid? key = null)
    {
        var line = new NeedLine
        {
            AdminUnitId = review.AdminUnitId, Target = NeedTarget.Child, ChildId = child, Category = NeedCategory.WarmClothes, NeedItemId = 16,
            Quantity = 1, Unit = NeedUnit.Items, EstimatedUnitCostVnd = 250_000, PeriodStart = start, PeriodEnd = end,
        };
        if (key is { } k) line.Key = k;
        review.Lines.Add(line);
        return line;
    }

    private static DuplicateCandidate Candidate(int child, int reviewId, DateOnly start, DateOnly end, Guid? key = null, NeedCategory category = NeedCategory.WarmClothes) =>
        new(NeedTarget.Child, child, null, category, start, end, reviewId, key);

    [Fact]
    public async Task A_child_who_moved_is_found_in_the_other_communes_review()
    {
        await using var db = Db.NewContext();
        var w = await NeedsWorld.CreateAsync(db);
        var there = Review(db, w.IaToi);
        Blanket(there, w.ChildIaDal, Winter, WinterEnd);
        var here = Review(db, w.IaDal);
        await db.SaveChangesAsync();

        var findings = await new DuplicateCheck(db).FindAsync(Candidate(w.ChildIaDal, here.Id, Winter, WinterEnd));

        var finding = Assert.Single(findings);
        Assert.Equal(DuplicateSource.OtherReview, finding.Source);
        Assert.Contains("Xã Ia Tơi năm học 2026–2027", finding.Description);
    }

    [Fact]
    public async Task Support_declared_by_an_agency_is_found()
    {
        await using var db = Db.NewContext();
        var w = await NeedsWorld.CreateAsync(db);
        var redCross = new Organisation { Name = "Hội Chữ thập đỏ huyện Ia H'Drai", Type = OrganisationType.RedCross, AdminUnitId = w.District };
        db.Organisations.Add(redCross);
        await db.SaveChangesAsync();
        db.DeclaredSupports.Add(new DeclaredSupport
        {
            AgencyId = redCross.Id, AdminUnitId = w.IaDal, Target = NeedTarget.Child, ChildId = w.ChildIaDal, Category = NeedCategory.WarmClothes,
            PeriodStart = new DateOnly(2026, 12, 1), PeriodEnd = new DateOnly(2027, 1, 31), Description = "Áo ấm và chăn", RecordedById = "x", RecordedAt = DateTime.UtcNow,
        });
        var here = Review(db, w.IaDal);
        await db.SaveChangesAsync();

        var finding = Assert.Single(await new DuplicateCheck(db).FindAsync(Candidate(w.ChildIaDal, here.Id, Winter, WinterEnd)));

        Assert.Equal(DuplicateSource.DeclaredByAgency, finding.Source);
        Assert.StartsWith("Hội Chữ thập đỏ huyện Ia H'Drai đã đăng ký hỗ trợ: Áo ấm và chăn", finding.Description);
    }

    [Fact]
    public async Task Only_an_overlapping_period_of_the_same_category_is_a_duplicate()
    {
        await using var db = Db.NewContext();
        var w = await NeedsWorld.CreateAsync(db);
        var review = Review(db, w.IaDal);
        Blanket(review, w.ChildIaDal, Winter, WinterEnd);
        await db.SaveChangesAsync();
        var check = new DuplicateCheck(db);

        var overlapping = await check.FindAsync(Candidate(w.ChildIaDal, review.Id, new DateOnly(2027, 2, 28), new DateOnly(2027, 3, 31)));
        var after = await check.FindAsync(Candidate(w.ChildIaDal, review.Id, new DateOnly(2027, 3, 1), new DateOnly(2027, 5, 31)));
        var otherCategory = await check.FindAsync(Candidate(w.ChildIaDal, review.Id, Winter, WinterEnd, category: NeedCategory.Nutrition));
        var otherChild = await check.FindAsync(Candidate(w.ChildIaToi, review.Id, Winter, WinterEnd));

        Assert.Equal(DuplicateSource.ThisReview, Assert.Single(overlapping).Source);
        Assert.Empty(after);
        Assert.Empty(otherCategory);
        Assert.Empty(otherChild);
    }

    [Fact]
    public async Task A_line_is_not_its_own_duplicate_nor_is_its_copy_in_a_revision()
    {
        await using var db = Db.NewContext();
        var w = await NeedsWorld.CreateAsync(db);
        var approved = Review(db, w.IaDal);
        var line = Blanket(approved, w.ChildIaDal, Winter, WinterEnd);
        await db.SaveChangesAsync();
        approved.Submit("x", DateTime.UtcNow, w.QuangNgai);
        approved.Approve("y", DateTime.UtcNow);
        var revision = Review(db, w.IaDal, 2);
        Blanket(revision, w.ChildIaDal, Winter, WinterEnd, line.Key);
        await db.SaveChangesAsync();

        var findings = await new DuplicateCheck(db).FindAsync(Candidate(w.ChildIaDal, revision.Id, Winter, WinterEnd, line.Key));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Lines_of_a_superseded_revision_are_ignored()
    {
        await using var db = Db.NewContext();
        var w = await NeedsWorld.CreateAsync(db);
        var old = Review(db, w.IaToi);
        Blanket(old, w.ChildIaDal, Winter, WinterEnd);
        await db.SaveChangesAsync();
        old.Submit("x", DateTime.UtcNow, w.QuangNgai);
        old.Approve("y", DateTime.UtcNow);
        await db.SaveChangesAsync();
        old.Supersede();
        var current = Review(db, w.IaToi, 2);
        Blanket(current, w.ChildIaToi, Winter, WinterEnd);
        await db.SaveChangesAsync();
        current.Submit("x", DateTime.UtcNow, w.QuangNgai);
        current.Approve("y", DateTime.UtcNow);
        var here = Review(db, w.IaDal);
        await db.SaveChangesAsync();

        var findings = await new DuplicateCheck(db).FindAsync(Candidate(w.ChildIaDal, here.Id, Winter, WinterEnd));

        Assert.Empty(findings);
    }
}

public class DuplicateCheckTestsOnSqlite() : DuplicateCheckTests(DatabaseProvider.Sqlite);

public class DuplicateCheckTestsOnPostgres() : DuplicateCheckTests(DatabaseProvider.Postgres);
