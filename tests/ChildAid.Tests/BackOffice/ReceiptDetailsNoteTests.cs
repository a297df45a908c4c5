using System.Text.RegularExpressions;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.BackOffice;

/// <summary>The receipt shown on screen: the internal note sits outside it, in a part that is never printed.</summary>
public abstract partial class ReceiptDetailsNoteTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task Printed_receipt_never_shows_the_internal_note()
    {
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        var donor = await TestData.DonorAsync(db, unit.Id, "Công ty TNHH Ánh Dương");
        var input = TestData.Cash(donor.Id, unit.Id, 2_000_000);
        input.Note = "Ghi chú nội bộ: nhà tài trợ muốn kiểm tra lại hóa đơn";
        int id;
        await using (var sp = Db.Services())
        await using (var scope = Scope(sp, "cli"))
            id = (await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(input)).Value!.Id;
        await StaffAsync("canbo", [Roles.ProgrammeOfficer], unit.Id);
        var client = await LogInAsync("canbo");

        var html = await client.GetPageAsync($"/Contributions/Details/{id}");

        var receipt = ReceiptArticle().Match(html);
        Assert.True(receipt.Success, "no receipt article on the page");
        Assert.Contains("Công ty TNHH Ánh Dương", receipt.Value);
        Assert.DoesNotContain("nhà tài trợ muốn kiểm tra", receipt.Value);
        // Staff still read the note on screen, outside the receipt and never on paper.
        var internalPart = NoPrintSection().Match(html);
        Assert.True(internalPart.Success && internalPart.Value.Contains("nhà tài trợ muốn kiểm tra", StringComparison.Ordinal),
            "the internal note should be on screen in a no-print section");
    }

    [GeneratedRegex("<article class=\"receipt\"[\\s\\S]*?</article>")]
    private static partial Regex ReceiptArticle();

    [GeneratedRegex("<(section|aside) [^>]*class=\"[^\"]*no-print[^\"]*\"[^>]*>[\\s\\S]*?</\\1>")]
    private static partial Regex NoPrintSection();
}

public class ReceiptDetailsNoteTestsOnSqlite() : ReceiptDetailsNoteTests(DatabaseProvider.Sqlite);

public class ReceiptDetailsNoteTestsOnPostgres() : ReceiptDetailsNoteTests(DatabaseProvider.Postgres);
