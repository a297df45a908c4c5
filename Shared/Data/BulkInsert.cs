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
/// own summary audit row. On PostgreSQL the rows go through binary COPY instead of INSERTs: no statement to parse or
/// plan, each value sent in its column's binary form (named by EF's store type, so the same value is stored as EF would
/// store it); it writes about three times faster than multi-row INSERTs (README, needs import figures).
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
                p.IsShadowProperty() ? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} is a shadow property: bulk insert needs a CLR property.")
                    : p.GetGetter()))
            .ToList();

        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        if (connection is Npgsql.NpgsqlConnection postgres)
        {
            await CopyAsync(postgres, sql, table, entity.GetSchema(), columns, rows, written, ct);
            return;
        }
        var head = $"INSERT INTO {sql.DelimitIdentifier(table, entity.GetSchema())} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        var rowsPerStatement = db.Database.IsSqlite() ? 1 : Math.Max(1, ParametersPerStatement / columns.Count);
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

    /// <summary>PostgreSQL: one binary COPY of all rows, in the connection's current transaction (COPY joins it like any statement).</summary>
    private static async Task CopyAsync<T>(Npgsql.NpgsqlConnection connection, ISqlGenerationHelper sql, string table, string? schema,
        List<Column> columns, IReadOnlyList<T> rows, Action<int>? written, CancellationToken ct) where T : class
    {
        var copy = $"COPY {sql.DelimitIdentifier(table, schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        // The store type without its facets ("character varying", "numeric", "timestamp with time zone"): Npgsql writes
        // the value in that type's binary form, as it would for EF's parameter of the same mapping.
        var types = columns.Select(c => c.Mapping.StoreTypeNameBase).ToArray();
        await using (var importer = await connection.BeginBinaryImportAsync(copy, ct))
        {
            for (var r = 0; r < rows.Count; r++)
            {
                // Synchronous writes into Npgsql's buffer (it flushes when full): a million awaited cells cost more than the
                // rare blocking flush.
                ct.ThrowIfCancellationRequested();
                importer.StartRow();
                for (var c = 0; c < columns.Count; c++)
                {
                    var value = columns[c].ProviderValue(rows[r]);
                    if (value is DBNull) importer.WriteNull();
                    else importer.Write(value, types[c]);
                }
            }
            await importer.CompleteAsync(ct);
        }
        written?.Invoke(rows.Count);
    }

    /// <param name="Getter">EF's compiled getter of the property (not reflection: it runs once per cell).</param>
    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)
    {
        /// <summary>The value as the database gets it: what <see cref="RelationalTypeMapping.CreateParameter"/> sets.</summary>
        public object ProviderValue(object row)
        {
            var value = Getter.GetClrValueUsingContainingEntity(row);
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
                command.Parameters.Add(column.Mapping.CreateParameter(command, sql.GenerateParameterName(name), column.Getter.GetClrValueUsingContainingEntity(chunk[r]),
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
