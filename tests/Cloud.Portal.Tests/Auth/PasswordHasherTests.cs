using System.Security.Cryptography;
using System.Text;
using EdgeHive.Cloud.Portal.Auth;
using Microsoft.AspNetCore.Identity;

namespace EdgeHive.Cloud.Portal.Tests.Auth;

public sealed class PasswordHasherTests
{
    [Fact]
    public void New_hashes_are_identity_v3_and_verify()
    {
        var hash = PasswordHasher.Hash("correct horse");

        Assert.Equal(0x01, Convert.FromBase64String(hash)[0]);
        Assert.Equal(PasswordVerificationResult.Success, PasswordHasher.Verify("correct horse", hash));
        Assert.Equal(PasswordVerificationResult.Failed, PasswordHasher.Verify("correct horsE", hash));
        Assert.NotEqual(hash, PasswordHasher.Hash("correct horse"));
    }

    [Fact]
    public void Hashes_of_the_earlier_format_verify_and_ask_to_be_replaced()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var derived = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("old secret"), salt, 1000, HashAlgorithmName.SHA256, 32);
        var legacy = $"pbkdf2-sha256$1000${Convert.ToBase64String(salt)}${Convert.ToBase64String(derived)}";

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, PasswordHasher.Verify("old secret", legacy));
        Assert.Equal(PasswordVerificationResult.Failed, PasswordHasher.Verify("other", legacy));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("pbkdf2-sha256$x$y$z")]
    [InlineData("AQAAAA==")]
    public void Malformed_hashes_fail(string stored) =>
        Assert.Equal(PasswordVerificationResult.Failed, PasswordHasher.Verify("anything", stored));
}
