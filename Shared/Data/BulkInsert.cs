using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChildAid.Shared.Data;

/// <summary>
/// Inserts many new rows of one entity inside the caller's transaction, for imports of tens of thousands of rows where
/// EF's tracked inserts cost most of the time. Columns, names and parameter values come from EF's own model and type
/// mappings (value converters included), so a row reads back exactly as if EF had written it, on SQLite and PostgreSQL
/// alike. One command is prepared once and executed again with new values: on SQLite it inserts one row (SQLite binds
/// each parameter by name with a linear search, so a statement of 2,000 parameters cost 2,000² comparisons: that was
/// most of an import's time); on PostgreSQL it inserts many rows per round trip. Database-generated keys are left to the
/// database and not read back; the audit interceptor and the public data version are bypassed: the caller writes its
/// own summary audit row.
/// </summary>
public static class BulkInsert
{
    /// <summary>Parameters per statement on PostgreSQL: well under its 65,535, few round trips.</summary>
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
            .Select(p => new Column(p, p.GetColumnName(store) ?? throw new InvalidOperationException($"{p.Name} has no column."),
                (RelationalTypeMapping)p.GetRelationalTypeMapping(),
                p.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} is a shadow property: bulk insert needs a CLR property.")))
            .ToList();

        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table, entity.GetSchema())} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        var rowsPerStatement = db.Database.IsSqlite() ? 1 : Math.Max(1, ParametersPerStatement / columns.Count);
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        DbCommand? full = null;
        try
        {
            var done = 0;
            foreach (var chunk in rows.Chunk(rowsPerStatement))
            {
                if (chunk.Length == rowsPerStatement)
                {
                    // Every full chunk reuses one prepared command: only the values change.
                    if (full is null)
                    {
                        full = Command(connection, transaction, sql, head, columns, chunk);
                        await full.PrepareAsync(ct);
                    }
                    else SetValues(full, columns, chunk);
                    await full.ExecuteNonQueryAsync(ct);
                }
                else
                {
                    await using var last = Command(connection, transaction, sql, head, columns, chunk);
                    await last.ExecuteNonQueryAsync(ct);
                }
                written?.Invoke(done += chunk.Length);
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }
    }

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, System.Reflection.PropertyInfo Getter)
    {
        /// <summary>The value as the database gets it: what <see cref="RelationalTypeMapping.CreateParameter"/> sets.</summary>
        public object ProviderValue(object row)
        {
            var value = Getter.GetValue(row);
            if (Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
            else if (value is Enum e) value = Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), System.Globalization.CultureInfo.InvariantCulture);
            return value ?? DBNull.Value;
        }
    }

    private static DbCommand Command<T>(DbConnection connection, DbTransaction? transaction, ISqlGenerationHelper sql, string head,
        List<Column> columns, T[] chunk) where T : class
    {
        var command = connection.CreateCommand();
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
                var column = columns[c];
                command.Parameters.Add(column.Mapping.CreateParameter(command, sql.GenerateParameterName(name), column.Getter.GetValue(chunk[r]),
                    column.Property.IsNullable));
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        return command;
    }

    private static void SetValues<T>(DbCommand command, List<Column> columns, T[] chunk) where T : class
    {
        var n = 0;
        for (var r = 0; r < chunk.Length; r++)
            for (var c = 0; c < columns.Count; c++)
                command.Parameters[n++].Value = columns[c].ProviderValue(chunk[r]);
    }
}
