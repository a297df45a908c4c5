using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using ChildAid.BackOffice;
using ChildAid.BackOffice.Localization;
using ChildAid.Tests.Infrastructure;

namespace ChildAid.Tests.BackOffice.Localization;

/// <summary>Every Vietnamese string the staff site shows through the localizer has an English entry in its resources.</summary>
public partial class BackOfficeTranslationTests
{
    /// <summary>
    /// Code whose messages staff read next to fields or at the top of a form (Vietnamese keys, translated by
    /// TranslateModelErrors); a folder joins once its pages are translated.
    /// </summary>
    private static readonly string[] MessageSources =
    [
        "BackOffice/Pages/Account", "BackOffice/Security", "Shared/Security/StaffIdentity.cs",
        "BackOffice/Pages/Content", "Shared/Content",
        "BackOffice/Pages/Media", "Shared/Media",
        "BackOffice/Pages/Consent", "Shared/Consent",
        "BackOffice/Pages/Campaigns", "Shared/Campaigns",
        "BackOffice/Pages/Users", "Shared/Security/StaffUserService.cs",
        "BackOffice/Pages/Mail",
        "BackOffice/Pages/Donors", "Shared/Donors/DonorService.cs", "Shared/Donors/Donor.cs",
        "BackOffice/Pages/Contributions", "Shared/Contributions",
        "BackOffice/Pages/Pledges", "Shared/Pledges/PledgeService.cs",
        "BackOffice/Pages/Needs", "Shared/Needs/NeedsReviewService.cs", "Shared/Needs/NeedsReviewService.Lines.cs", "Shared/Needs/ReviewApproval.cs",
        "Shared/Needs/PriorityCriteriaService.cs", "Shared/Needs/DeclaredSupportService.cs", "Shared/Needs/NeedLineInput.cs",
        "BackOffice/Pages/Children", "Shared/Children",
        "BackOffice/Pages/BankStatements", "Shared/BankStatements/BankAccountService.cs", "Shared/BankStatements/BankStatementMatcher.cs",
        "BackOffice/Pages/DonorPortal",
        "BackOffice/Pages/Checkups", "Shared/Checkups",
        // Import reports and the bank statement parser: messages built in Shared, read through StaffText.Message.
        "Shared/Import", "Shared/Needs/NeedsImport.cs", "Shared/Needs/NeedsImportDefinition.cs",
        "Shared/BankStatements/BankStatementImportDefinition.cs", "Shared/BankStatements/BankStatementImporter.cs",
        "Shared/BankStatements/StatementParser.cs", "Shared/BankStatements/StatementFile.cs", "Shared/BankStatements/StatementAmount.cs",
        "BackOffice/Pages/Interventions", "Shared/Interventions",
        "BackOffice/Pages/Allocations", "Shared/Allocations",
        "BackOffice/Pages/Expenses", "Shared/Expenses",
        "BackOffice/Pages/Stock", "Shared/Stock",
        "Shared/Distributions/ServiceDelivery.cs", "Shared/Distributions/ServiceDeliveryService.cs",
    ];

    [Fact]
    public void Every_string_of_the_pages_and_labels_has_an_english_translation()
    {
        var pages = Path.Combine(RepositoryFolder.Root, "BackOffice", "Pages");
        var views = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        var code = Directory.EnumerateFiles(Path.Combine(RepositoryFolder.Root, "BackOffice"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToList();
        var keys = views.SelectMany(v => ViewString().Matches(v).Select(m => m.Groups[1].Value))
            .Concat(views.SelectMany(v => FieldTag().Matches(v).SelectMany(t => FieldText().Matches(t.Value).Select(m => m.Groups[2].Value))))
            .Concat(code.SelectMany(c => CodeString().Matches(c).Select(m => m.Groups[1].Value)))
            .Concat(LabelKeys())
            .Concat(Shared.Security.Roles.VietnameseLabels.Values)
            .Concat(typeof(Shared.Needs.NeedLabels).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.Name != nameof(Shared.Needs.NeedLabels.CategoriesEnglish) && f.GetValue(null) is System.Collections.IDictionary)
                .SelectMany(f => ((System.Collections.IDictionary)f.GetValue(null)!).Values.Cast<string>()))
            .Concat(ChildAid.BackOffice.Pages.Needs.NeedsPageText.Levels.Values)
            .Concat(SwitchLabel().Matches(File.ReadAllText(Path.Combine(RepositoryFolder.Root, "BackOffice", "Pages", "Mail", "Index.cshtml.cs"))).Select(m => m.Groups[1].Value))
            // The version comparison's field names (Shared/Content/ContentDiff), shown as headings.
            .Concat(DiffField().Matches(File.ReadAllText(Path.Combine(RepositoryFolder.Root, "Shared", "Content", "ContentDiff.cs"))).Select(m => m.Groups[1].Value))
            // The grid's warnings for implausible values (Shared/Growth), read through StaffText.Message.
            .Concat(Shared.Growth.NutritionStatusNames.Vietnamese((Shared.Growth.GrowthFlags)(-1)))
            .Select(Unescape).Distinct().ToList();

        Assert.True(keys.Count > 150, $"found only {keys.Count} strings: is the scan looking in the right place?");
        AssertAllTranslated(keys);
    }

    [Fact]
    public void Every_message_shown_next_to_a_field_of_a_translated_page_has_an_english_translation()
    {
        var keys = MessageSources
            .SelectMany(s => Directory.Exists(Path.Combine(RepositoryFolder.Root, s))
                ? Directory.EnumerateFiles(Path.Combine(RepositoryFolder.Root, s), "*.cs", SearchOption.AllDirectories)
                : [Path.Combine(RepositoryFolder.Root, s)])
            .Select(File.ReadAllText)
            .SelectMany(s => Message().Matches(s).Select(m => m.Groups[1].Value))
            // A format key ("Dòng {0}: …") is a key like any other; only a brace that is not a placeholder is not one.
            .Where(k => !Placeholder().Replace(k, "").Contains('{', StringComparison.Ordinal))
            .Where(k => k.Any(c => c > '\u007F')) // Vietnamese words, not a name such as "Input."
            .Select(Unescape).Distinct().ToList();

        Assert.True(keys.Count > 10, $"found only {keys.Count} messages");
        AssertAllTranslated(keys);
    }

    /// <summary>
    /// A message a Shared service built with values in it reads in English through its format key, values carried
    /// over; the most specific key wins over a shorter one that would also match.
    /// </summary>
    [Fact]
    public void A_message_built_in_shared_with_values_reads_in_english()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("Must be from 1 to 100.", StaffText.Message(Shared.Localization.Messages.Format("Phải từ {0} đến {1}.", 1, 100)));
            Assert.Equal("The transaction is the same as row 7 of this file (reference FT123).",
                StaffText.Message(Shared.Localization.Messages.Format("Giao dịch trùng với dòng {0} của tệp này (số tham chiếu {1}).", 7, "FT123")));
            Assert.Equal("Weight up 10,5 kg since the measurement of 20/05/2026 (15,0 kg): check again.",
                StaffText.Message(Shared.Localization.Messages.Format(Shared.Checkups.MeasurementWarnings.WeightUp, "10,5", "20/05/2026", "15,0")));
            // The allocation service's messages (Shared/Allocations), values carried over.
            Assert.Equal("Receipt 2026-000123 has only 400.000 ₫ not yet allocated.",
                StaffText.Message(Shared.Localization.Messages.Format("Phiếu thu {0} chỉ còn {1} chưa phân bổ.", "2026-000123", "400.000 ₫")));
            Assert.Equal("This allocation was already reversed.", StaffText.Message(Shared.Allocations.Allocation.AlreadyReversed));
            // "{0} tối đa {1} ký tự." matches too; the key with more fixed text wins.
            Assert.Equal("A note has at most 500 characters.", StaffText.Message("Ghi chú tối đa 500 ký tự."));
            Assert.Equal("Examination findings: at most 2000 characters.", StaffText.Message("Kết quả khám tối đa 2000 ký tự."));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi");
            Assert.Equal("Phải từ 1 đến 100.", StaffText.Message("Phải từ 1 đến 100."));
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    /// <summary>Resource names are compared without case when the file is built: the second of two such keys is lost.</summary>
    [Theory]
    [InlineData("SharedResource.en.resx")]
    [InlineData("AuditResource.en.resx")]
    public void No_two_keys_differ_only_in_case(string file)
    {
        var keys = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryFolder.Root, "BackOffice", "Resources", file))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();
        var clashes = keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, "Keys differing only in case: " + string.Join("; ", clashes));
    }

    /// <summary>The audit trail's words: its sentences (AuditResource) and its field names (the UI strings, else AuditResource).</summary>
    [Fact]
    public void Every_word_of_the_audit_trail_has_an_english_translation()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "BackOffice", "Web", "AuditSentences.cs"));
        var words = AuditWord().Matches(source).Select(m => m.Groups[1].Value)
            .Concat(ChildAid.BackOffice.Web.AuditSentences.Entities.Values)
            .Concat(Shared.Audit.SignInEvents.VietnameseLabels.Values)
            .Concat(["đã thêm", "đã sửa", "đã xóa"])
            .Distinct().ToList();
        var fields = DictionaryValue().Matches(source).Select(m => m.Groups[1].Value).Except(words).Distinct().ToList();

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            var missing = words.Where(k => StaffText.Audit[k].ResourceNotFound)
                .Concat(fields.Where(k => StaffText.Localizer[k].ResourceNotFound && StaffText.Audit[k].ResourceNotFound)).ToList();
            Assert.True(words.Count > 40 && fields.Count > 80, $"found only {words.Count} words and {fields.Count} field names");
            Assert.True(missing.Count == 0, $"No English for {missing.Count}:\n" + string.Join("\n", missing));
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    [GeneratedRegex("\\bWord\\(\"([^\"]+)\"")]
    private static partial Regex AuditWord();

    [GeneratedRegex("\\] = \"([^\"]+)\"")]
    private static partial Regex DictionaryValue();

    [Fact]
    public void A_label_reads_in_the_current_language()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("Business", Labels.DonorKinds[Shared.Donors.DonorKind.Business]);
            Assert.Contains(Labels.Methods, m => m.Value == "In kind");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi");
            Assert.Equal("Doanh nghiệp", Labels.DonorKinds[Shared.Donors.DonorKind.Business]);
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    private static void AssertAllTranslated(IEnumerable<string> keys)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            var missing = keys.Where(k => StaffText.Localizer[k].ResourceNotFound).ToList();
            Assert.True(missing.Count == 0, $"No English for {missing.Count}:\n" + string.Join("\n", missing));
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    /// <summary>The Vietnamese words of every table in <see cref="Labels"/>.</summary>
    private static IEnumerable<string> LabelKeys() =>
        typeof(Labels).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(LabelSet<>))
            .SelectMany(f => ((System.Collections.IEnumerable)f.FieldType.GetProperty("Vietnamese")!.GetValue(f.GetValue(null))!)
                .Cast<object>().Select(pair => (string)pair.GetType().GetProperty("Value")!.GetValue(pair)!));

    private static string Unescape(string key) => key.Replace("\\\"", "\"", StringComparison.Ordinal);

    // @T["…"] and T["…", arguments] in a view.
    [GeneratedRegex("\\bT\\[\"((?:[^\"\\\\]|\\\\.)+)\"")]
    private static partial Regex ViewString();

    // A switch arm's words: MailStatus.Sent => "Đã gửi".
    [GeneratedRegex("=> \"([^\"]+)\"")]
    private static partial Regex SwitchLabel();

    [GeneratedRegex("\\bField\\(\"([^\"]+)\"")]
    private static partial Regex DiffField();

    [GeneratedRegex("<field\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex FieldTag();

    // A field's label, hint and empty option, which the field tag helper translates (an @expression is not a key).
    [GeneratedRegex("\\b(label|hint|option-label)=\"([^\"@]+)\"")]
    private static partial Regex FieldText();

    // StaffText.T("…") or T("…") in code.
    [GeneratedRegex("\\bT\\(\"((?:[^\"\\\\]|\\\\.)+)\"")]
    private static partial Regex CodeString();

    // A Vietnamese message handed to a field: AddModelError("…", "…"), errors[…] = "…", Add(…, "…"), Fail(…, "…"),
    // an import row's row.Error(column, "…") or ImportResult.Refused("…"), a format key Messages.Format("…{0}…", …)
    // or string.Format(culture, "…{0}…", …), or a const string Key = "…".
    [GeneratedRegex("(?:AddModelError\\([^;]*?, |[Aa]dd\\([^;]*?, |\\] = |Fail\\((?:\"[^\"]*\"|[\\w.]+), |Format\\((?:[\\w.]+, )?|\\.Error\\((?:[\\w.]+, )?|Refused\\(|const string \\w+ = )\"([^\"]*[a-zà-ỹđ][^\"]*[.!])\"")]
    private static partial Regex Message();

    [GeneratedRegex("\\{\\d+\\}")]
    private static partial Regex Placeholder();
}
