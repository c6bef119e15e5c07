using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EdgeHive.Cloud.Portal.Auth;

/// <summary>
/// Portal password hashes, made and checked by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2
/// with HMAC-SHA512, 210,000 iterations as OWASP recommends for it; the format carries its parameters). Hashes of the
/// portal's earlier own format (<c>pbkdf2-sha256${iterations}${salt}${hash}</c>) still verify, and like Identity
/// hashes with older parameters they answer <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>, so the
/// store replaces them at the next sign-in.
/// </summary>
internal static class PasswordHasher
{
    private const string LegacyPrefix = "pbkdf2-sha256";

    private static readonly PasswordHasher<PortalUser> Identity = new(Options.Create(new PasswordHasherOptions { IterationCount = 210_000 }));

    /// <summary>A new hash of <paramref name="password"/>.</summary>
    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Identity.HashPassword(null!, password);
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="stored"/>, and whether the hash should be
    /// replaced by a new one.</summary>
    public static PasswordVerificationResult Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (string.IsNullOrEmpty(stored))
        {
            return PasswordVerificationResult.Failed;
        }

        if (stored.StartsWith(LegacyPrefix + "$", StringComparison.Ordinal))
        {
            return VerifyLegacy(password, stored) ? PasswordVerificationResult.SuccessRehashNeeded : PasswordVerificationResult.Failed;
        }

        try
        {
            return Identity.VerifyHashedPassword(null!, stored, password);
        }
        catch (FormatException)
        {
            return PasswordVerificationResult.Failed;
        }
    }

    /// <summary>The portal's earlier format: PBKDF2-SHA256 with the iteration count, salt and hash in the string.</summary>
    private static bool VerifyLegacy(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
