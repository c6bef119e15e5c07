using System.IO.Hashing;
using System.Text;

namespace EdgeHive.Cloud.Storage.Database;

/// <summary>Advisory-lock keys for <see cref="SqlDialect.EnsureSchemaAsync"/>: one per schema, the same in every
/// process (a 64-bit xxHash of the schema's name), so silos starting together serialise on the same key.</summary>
public static class SchemaLock
{
    /// <summary>The lock key of the schema called <paramref name="name"/>.</summary>
    public static long KeyOf(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return unchecked((long)XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(name)));
    }
}
