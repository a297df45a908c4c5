using System.Text.Json.Nodes;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Needs;
using ChildAid.Shared.PublicNeeds;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChildAid.PublicSite.Api;

/// <summary>What /openapi/v1.json says beyond what the endpoints declare: the introduction, and the kind enum.</summary>
public static class PublicApiDocument
{
    public static void Configure(OpenApiOptions o)
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ChildAid public data";
            document.Info.Description =
                "Open data of ChildAid's campaigns, public statement (sao kê công khai) and approved needs of children (nhu cầu), " +
                "the needs added up so that no row describes fewer than five children. Amounts are whole đồng (VND); " +
                "an empty donorDisplay means the donor chose not to be named. Instants are UTC, ISO 8601 ending in Z; dates are yyyy-MM-dd. " +
                "Errors are ProblemDetails (application/problem+json); a bad query parameter gives 400 with one message per parameter " +
                "in `errors`. Every client address may call the statement 120 times and download 10 files a minute (then 429 with " +
                "Retry-After). Any web page may call these GET endpoints (CORS, no credentials).\n\n" +
                "statement.csv is for verifiers and is byte-exact: it carries each entry's canonical fields and its SHA-256 hash chain. " +
                "statement.xlsx is for spreadsheets: typed cells and campaign names, never formulas.";
            return Task.CompletedTask;
        });
        // The statement's query parameters are read as text (to name each bad one in a 400): say what they hold.
        o.AddOperationTransformer((operation, context, _) =>
        {
            var needs = context.Description.RelativePath?.StartsWith("api/v1/needs", StringComparison.Ordinal) == true;
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                parameter.Schema = parameter.Name switch
                {
                    "page" when needs => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = PublicNeedsFilter.MaxPage.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    "commune" when needs => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" },
                    "priority" when needs => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "4" },
                    "category" when needs => new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Enum.GetNames<NeedCategory>().Select(n => (JsonNode)JsonValue.Create(n)!)] },
                    "category" => new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Enum.GetNames<NeedCategory>().Select(n => (JsonNode)JsonValue.Create(n)!)] },
                    "unit" => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Za-z0-9]{1,20}$" },
                    "from" or "to" => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
                    "page" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = StatementFilter.MaxPage.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    _ => parameter.Schema,
                };
            return Task.CompletedTask;
        });
        // The kind is a string of the canonical form ("receipt", "reversal" …): list the values the ledger knows.
        o.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(StatementLineJson) && schema.Properties?.TryGetValue("kind", out var kind) == true &&
                kind is OpenApiSchema kindSchema)
                kindSchema.Enum = [.. Enum.GetValues<LedgerEntryKind>().Where(k => k != LedgerEntryKind.Unknown).Select(k => (JsonNode)JsonValue.Create(LedgerCanonicalForm.KindName(k))!)];
            return Task.CompletedTask;
        });
    }
}
