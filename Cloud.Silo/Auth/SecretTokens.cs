using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>
/// The shape of every secret the cloud hands out: <c>{prefix}{id}.{secret}</c>. The id finds the stored row in one
/// read; only the SHA-256 hash of the whole token is stored, so a database leak does not leak usable tokens. The
/// secret is 32 random bytes in base64url, which has no '.', so the last '.' always separates it.
/// </summary>
internal static class SecretTokens
{
    /// <summary>Prefix of API (REST) tokens.</summary>
    public const string ApiPrefix = "eha_";

    /// <summary>Prefix of join tokens.</summary>
    public const string JoinPrefix = "ehj_";

    /// <summary>Prefix of node credentials; the id part is the node name.</summary>
    public const string NodePrefix = "ehn_";

    /// <summary>A new random id: 16 lower-case hex characters.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>A new token for <paramref name="id"/>.</summary>
    public static string Create(string prefix, string id) =>
        prefix + id + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Splits a token into its id, checking the prefix; false for anything else.</summary>
    public static bool TryGetId(string? token, string prefix, out string id)
    {
        id = string.Empty;
        if (token is null || !token.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var dot = token.LastIndexOf('.');
        if (dot <= prefix.Length || dot == token.Length - 1)
        {
            return false;
        }

        id = token[prefix.Length..dot];
        return true;
    }

    /// <summary>SHA-256 of the token's UTF-8 bytes, as lower-case hex.</summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares a presented token with a stored hash in constant time.</summary>
    public static bool Matches(string token, string storedHash)
    {
        var presented = Encoding.ASCII.GetBytes(Hash(token));
        var stored = Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }
}
