using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChildAid.Shared.Data;

/// <summary>
/// The few statements EF cannot express portably (UPDATE … RETURNING for counters and the ledger head), run as
/// plain ADO.NET on the context's connection and current transaction. The SQL is the same on SQLite and PostgreSQL.
/// </summary>
public static class RawSql
{
    public static DbCommand Command(this DbContext db, string sql, params (string Name, object Value)[] parameters)
    {
        var tx = db.Database.CurrentTransaction
                 ?? throw new InvalidOperationException("This statement must run inside a transaction.");
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = tx.GetDbTransaction();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }
}
