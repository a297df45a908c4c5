namespace ChildAid.Shared.Import;

/// <summary>
/// What one kind of import (needs, and later children, measurements, bank statements) plugs into
/// <see cref="ImportPipeline"/>: its columns, how one row becomes a typed row, the checks that need every row at once
/// (duplicates within the file, batched database look-ups), and the write. The pipeline does the rest the same way
/// for every kind: streaming the sheet, progress, all-or-nothing, one transaction, the error workbook.
/// </summary>
public abstract class ImportDefinition<TRow> where TRow : class
{
    public abstract IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>The sheet to read; null: the first one.</summary>
    public virtual string? SheetName => null;

    /// <summary>Reads one row; errors go to <see cref="ImportRow.Error(ImportColumn, string)"/>. Null when the row cannot be used.</summary>
    public abstract TRow? Parse(ImportRow row);

    /// <summary>Checks that need all rows (or the database): add errors with <paramref name="error"/>. Rows here all parsed.</summary>
    public virtual Task CheckAsync(IReadOnlyList<(ImportRow Row, TRow Value)> rows, Action<ImportError> error, CancellationToken ct) =>
        Task.CompletedTask;

    /// <summary>Writes every row; the pipeline has opened the transaction and commits it after. Report rows written.</summary>
    public abstract Task WriteAsync(IReadOnlyList<TRow> rows, Action<int> written, CancellationToken ct);
}
