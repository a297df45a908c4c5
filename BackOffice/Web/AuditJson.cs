using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChildAid.BackOffice.Web;

/// <summary>Shows the audit trail's JSON readably: indented, Vietnamese as letters rather than \u escapes.</summary>
public static class AuditJson
{
    private static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Pretty(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(doc.RootElement, Readable);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
