using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChildAid.Shared.Data;

/// <summary>
/// Inserts many new rows of one entity with multi-row INSERT statements inside the caller's transaction, for imports of
/// tens of thousands of rows where EF's tracked inserts cost most of the time. Columns, names and parameter values come
/// from EF's own model and type mappings (value converters included), so a row reads back exactly as if EF had written
/// it, on SQLite and PostgreSQL alike. Database-generated keys are left to the database and not read back; the audit
/// interceptor and the public data version are bypassed: the caller writes its own summary audit row.
/// </summary>
public static class BulkInsert
{
    /// <summary>Parameters per statement: well under SQLite's 32,766 and PostgreSQL's 65,535.</summary>
    private const int ParametersPerStatement = 2000;

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, Action<int>? written = null, CancellationToken ct = default)
        where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated.HasFlag(ValueGenerated.OnAdd)) && p.GetComputedColumnSql() is null)
            .Select(p => (Property: p, Column: p.GetColumnName(store) ?? throw new InvalidOperationException($"{p.Name} has no column."),
                Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping(),
                Getter: p.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} is a shadow property: bulk insert needs a CLR property.")))
            .ToList();

        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table, entity.GetSchema())} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))}) VALUES ";
        var rowsPerStatement = Math.Max(1, ParametersPerStatement / columns.Count);
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        var done = 0;
        foreach (var chunk in rows.Chunk(rowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new System.Text.StringBuilder(head);
            var n = 0;
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = "p" + n++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (c > 0) text.Append(", ");
                    text.Append(sql.GenerateParameterNamePlaceholder(name));
                    var (property, _, mapping, getter) = columns[c];
                    command.Parameters.Add(mapping.CreateParameter(command, sql.GenerateParameterName(name), getter.GetValue(chunk[r]), property.IsNullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
            written?.Invoke(done += chunk.Length);
        }
    }
}
