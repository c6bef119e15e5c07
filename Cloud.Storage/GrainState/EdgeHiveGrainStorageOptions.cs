using System.Text.Json;
using EdgeHive.Cloud.Storage.Database;

namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>Options of one <see cref="EdgeHiveGrainStorage"/> provider.</summary>
public sealed class EdgeHiveGrainStorageOptions
{
    /// <summary>The database the rows live in: <see cref="SqliteDatabase.Dialect"/> (a single silo) or
    /// <see cref="PostgresDatabase.Dialect"/> (a cluster). Required.</summary>
    public SqlDialect? Database { get; set; }

    /// <summary>Scopes the rows (several services may share one database). Default: Orleans' <c>ClusterOptions.ServiceId</c>.</summary>
    public string? ServiceId { get; set; }

    /// <summary>How states are written: plain System.Text.Json, web defaults (camelCase), no type names, so renaming a
    /// class never breaks a stored row. States are (de)serialized as their declared type.</summary>
    public JsonSerializerOptions JsonOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>A condition the database checks in every write (see <see cref="WriteFence"/>); null: none (a single
    /// silo). A silo of a PostgreSQL cluster fences its writes on not having been declared dead.</summary>
    public WriteFence? Fence { get; set; }
}
