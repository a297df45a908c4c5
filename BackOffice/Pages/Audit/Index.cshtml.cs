using ChildAid.BackOffice.Web;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Audit;

/// <summary>Who changed what, when, before and after, as sentences. Admins and inspectors; rows within the reader's units.</summary>
public class IndexModel(AuditQueries audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public AuditFilter Filter { get; set; } = new();
    public Paged<AuditEntry> Result { get; private set; } = null!;
    public IReadOnlyList<string> EntityTypes { get; private set; } = [];
    public IReadOnlyList<(AuditEntry Entry, AuditLine Line)> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        EntityTypes = await audit.EntityTypesAsync(ct);
        Result = ModelState.IsValid ? await audit.SearchAsync(Filter, ct: ct) : new Paged<AuditEntry>([], 1, 50, 0);
        var names = await audit.NamesAsync(Result.Items.ToList(), ct);
        Lines = Result.Items.Select(e => (e, AuditSentences.Describe(e, names))).ToList();
    }

    public string Link(int page) => Url.Page("/Audit/Index", new
    {
        Filter.Entity, Filter.User, From = Web.VietnameseInputBinderProvider.FormatDate(Filter.From),
        To = Web.VietnameseInputBinderProvider.FormatDate(Filter.To), PageNumber = page,
    })!;
}
