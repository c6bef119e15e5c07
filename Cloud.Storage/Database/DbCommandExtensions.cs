using System.Data;
using System.Data.Common;

namespace EdgeHive.Cloud.Storage.Database;

/// <summary>Engine-neutral command building for stores written against <see cref="SqlDialect"/> (the runtime's and
/// those of applications on the same database).</summary>
public static class DbCommandExtensions
{
    /// <summary>A command on <paramref name="connection"/>, enlisted in <paramref name="transaction"/> if given.</summary>
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds the value of <c>@name</c>; the engine infers the type from the CLR type of the value.</summary>
    public static DbParameter Add(this DbCommand command, string name, object value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Adds a text value of <c>@name</c> that may be null (SQL NULL). Typed explicitly: a null has no CLR type
    /// for the engine to infer the column type from.</summary>
    public static DbParameter AddText(this DbCommand command, string name, string? value)
    {
        var parameter = command.Add(name, value ?? (object)DBNull.Value);
        parameter.DbType = DbType.String;
        return parameter;
    }
}
