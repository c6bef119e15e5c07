using System.Data.Common;

namespace EdgeHive.Grains.Runtime.Database;

/// <summary>Engine-neutral command building for the stores written against <see cref="SqlDialect"/>.</summary>
internal static class DbCommandExtensions
{
    /// <summary>A command on <paramref name="connection"/>, enlisted in <paramref name="transaction"/> if given.</summary>
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds the value of <c>@name</c>; the engine infers the type from the CLR type of the value.</summary>
    public static DbParameter Add(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
