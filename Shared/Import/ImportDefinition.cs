namespace ChildAid.Shared.Import;

/// <summary>
/// What one kind of import (needs, and later children, measurements, bank statements) plugs into
/// <see cref="ImportPipeline"/>: its columns, how one row becomes a typed row, the checks of a batch of rows (duplicates
/// within the file so far, batched database look-ups), the write of a batch and what closes a good import. The pipeline
/// does the rest the same way for every kind: streaming the sheet in batches, progress, all-or-nothing in one
/// transaction, the error workbook. A definition is used for one file: it may remember what it saw in earlier batches.
/// </summary>
public abstract class ImportDefinition<TRow> where TRow : class
{
    public abstract IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>The sheet to read; null: the first one.</summary>
    public virtual string? SheetName => null;

    /// <summary>
    /// 0: the header is the first row. More: the header is the first of the first N+1 rows that has every required
    /// column (a bank statement has title, account and balance lines above it); the rows above it are ignored.
    /// </summary>
    public virtual int HeaderSearchRows => 0;

    /// <summary>What the officer is told when the file cannot be read at all.</summary>
    public virtual string UnreadableMessage => ImportPipeline.Unreadable;

    /// <summary>
    /// Reads one row; errors go to <see cref="ImportRow.Error(ImportColumn, string)"/>. Null when the row cannot be used.
    /// Runs on the pipeline's reading thread while the previous batch is checked and written: it may read what the
    /// definition loaded before the import began, never the database or state that the checks and writes change.
    /// </summary>
    public abstract TRow? Parse(ImportRow row);

    /// <summary>
    /// Whether <paramref name="row"/> only carries on the row above it (a bank's description that wrapped onto a line of
    /// its own, without date or amount): the pipeline then hands both to <see cref="Fold"/> and parses the result once.
    /// </summary>
    public virtual bool Continues(ImportRow row) => false;

    /// <summary>The row above with its continuation folded in (only called when <see cref="Continues"/> said so).</summary>
    public virtual ImportRow Fold(ImportRow above, ImportRow continuation) => above;

    /// <summary>
    /// Checks a batch of parsed rows against each other, the rows of earlier batches and the database: add errors with
    /// <paramref name="error"/>. Called for every batch, also after an earlier one failed (so every bad row is reported);
    /// the rows of earlier good batches are already written in the import's transaction.
    /// </summary>
    public virtual Task CheckAsync(IReadOnlyList<(ImportRow Row, TRow Value)> batch, Action<ImportError> error, CancellationToken ct) =>
        Task.CompletedTask;

    /// <summary>Writes a checked batch in the pipeline's transaction (only while no row of the file has failed).</summary>
    public abstract Task WriteAsync(IReadOnlyList<TRow> batch, CancellationToken ct);

    /// <summary>
    /// After the last batch of a file without errors, before the commit: e.g. one summary audit row, or a last check
    /// that the target is still what it was (an error here rolls the whole import back).
    /// </summary>
    public virtual Task CompleteAsync(int rowsWritten, Action<ImportError> error, CancellationToken ct) => Task.CompletedTask;
}
