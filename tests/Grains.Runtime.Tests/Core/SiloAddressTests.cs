namespace EdgeHive.Grains.Runtime.Tests.Core;

public class SiloAddressTests
{
    [Fact]
    public void Round_trips_through_its_text_form()
    {
        var address = new SiloAddress("127.0.0.1", 11111, 1732233445566);
        Assert.Equal("127.0.0.1:11111@1732233445566", address.ToString());
        Assert.Equal(address, SiloAddress.Parse(address.ToString()));
    }

    [Theory]
    [InlineData("127.0.0.1:11111")]
    [InlineData("nohost@12")]
    [InlineData("")]
    public void Rejects_malformed_text(string text) => Assert.ThrowsAny<FormatException>(() => SiloAddress.Parse(text));

    [Fact]
    public void Grain_id_parses_keys_that_contain_slashes()
    {
        var id = GrainId.Parse("device/default/counter");
        Assert.Equal(new GrainId("device", "default/counter"), id);
        Assert.Equal("device/default/counter", id.ToString());
    }
}
