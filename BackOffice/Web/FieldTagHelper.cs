using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace ChildAid.BackOffice.Web;

/// <summary>
/// One accessible form field: label, optional hint, the control, and its error message right below, tied to the
/// control with aria-describedby and aria-invalid. Usage: &lt;field for="Input.Name" label="Tên" /&gt;.
/// Label, hint and option label are Vietnamese resource keys, shown in the staff member's language.
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IHtmlGenerator generator, IStringLocalizer<SharedResource> t) : TagHelper
{
    [HtmlAttributeName("for")] public ModelExpression For { get; set; } = null!;
    public string Label { get; set; } = "";
    public string? Hint { get; set; }
    /// <summary>text, password, email, tel, textarea, select.</summary>
    public string Type { get; set; } = "text";
    public IEnumerable<SelectListItem>? Options { get; set; }
    public string? OptionLabel { get; set; }
    public string? Autocomplete { get; set; }
    public string? Inputmode { get; set; }
    public bool Required { get; set; }
    public bool Autofocus { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errorId = id + "-error";
        var hintId = id + "-hint";
        var hasError = ViewContext.ViewData.ModelState.TryGetValue(name, out var state) && state.Errors.Count > 0;

        var attributes = new Dictionary<string, object?>
        {
            ["aria-describedby"] = Hint is null ? errorId : $"{hintId} {errorId}",
        };
        if (hasError) attributes["aria-invalid"] = "true";
        if (Required) { attributes["required"] = "required"; attributes["aria-required"] = "true"; }
        if (Autofocus) attributes["autofocus"] = "autofocus";
        if (Autocomplete is not null) attributes["autocomplete"] = Autocomplete;
        if (Inputmode is not null) attributes["inputmode"] = Inputmode;

        TagBuilder control = Type switch
        {
            "select" => generator.GenerateSelect(ViewContext, For.ModelExplorer, OptionLabel is null ? null : t[OptionLabel].Value, name, Options ?? [], allowMultiple: false, attributes),
            "textarea" => generator.GenerateTextArea(ViewContext, For.ModelExplorer, name, 4, 60, attributes),
            "password" => generator.GeneratePassword(ViewContext, For.ModelExplorer, name, null, attributes),
            _ => TextBox(name, attributes),
        };

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field");
        var content = new HtmlContentBuilder();
        var label = new TagBuilder("label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(t[Label]);
        if (Required) label.InnerHtml.AppendHtml(" <span aria-hidden=\"true\">*</span>");
        content.AppendHtml(label);
        if (Hint is not null)
        {
            var hint = new TagBuilder("span");
            hint.Attributes["id"] = hintId;
            hint.AddCssClass("hint");
            hint.InnerHtml.Append(t[Hint]);
            content.AppendHtml(hint);
        }
        content.AppendHtml(control);
        content.AppendHtml(generator.GenerateValidationMessage(ViewContext, For.ModelExplorer, name, null, "span", new { id = errorId }));
        output.Content.SetHtmlContent(content);
    }

    private TagBuilder TextBox(string name, Dictionary<string, object?> attributes)
    {
        attributes["type"] = Type;
        var model = For.Model;
        object? value = model switch
        {
            DateOnly d => VietnameseInputBinderProvider.FormatDate(d),
            _ => null,
        };
        if (For.Metadata.UnderlyingOrModelType == typeof(DateOnly)) attributes["placeholder"] = "dd/mm/yyyy";
        return generator.GenerateTextBox(ViewContext, For.ModelExplorer, name, value ?? model, null, attributes);
    }
}
