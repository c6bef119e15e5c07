using System.Net.WebSockets;
using System.Text;

namespace EdgeHive.Edge.Protocol.Tests;

public sealed class SessionTests
{
    [Fact]
    public void Supported_subprotocol_is_selected_from_the_clients_list()
    {
        Assert.True(SubProtocolNegotiator.TrySelect(["edgehive.v9", " edgehive.v1 ", "mqtt"], out var selected));
        Assert.Equal(EdgeProtocolConstants.SubProtocol, selected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("edgehive.v2, mqtt")]
    [InlineData("EdgeHive.V1")]
    public void Client_without_a_supported_subprotocol_is_refused(string? header)
    {
        var requested = SubProtocolNegotiator.ParseHeader(header);

        Assert.False(SubProtocolNegotiator.TrySelect(requested, out _));
        var refusal = SubProtocolNegotiator.Refusal(requested);
        Assert.Equal(EdgeCloseCodes.UnsupportedVersion, refusal.Code);
        Assert.Contains("edgehive.v1", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_header_splits_on_commas()
    {
        Assert.Equal(["a", "edgehive.v1"], SubProtocolNegotiator.ParseHeader(" a ,, edgehive.v1"));
    }

    [Theory]
    [InlineData(ErrorCodes.BadRequest, 4400)]
    [InlineData(ErrorCodes.Unauthorized, 4401)]
    [InlineData(ErrorCodes.Forbidden, 4403)]
    [InlineData(ErrorCodes.Conflict, 4409)]
    [InlineData(ErrorCodes.PayloadTooLarge, 4413)]
    [InlineData(ErrorCodes.TooManyRequests, 4429)]
    [InlineData(ErrorCodes.InternalError, 1011)]
    [InlineData(ErrorCodes.NotFound, 1011)]
    public void Error_codes_map_to_close_codes(int errorCode, int closeCode)
    {
        Assert.Equal(closeCode, EdgeCloseCodes.FromErrorCode(errorCode));
    }

    [Fact]
    public void Close_reason_is_cut_to_123_utf8_bytes_at_a_character_boundary()
    {
        var status = EdgeCloseStatus.Create(EdgeCloseCodes.Malformed, new string('é', 200));

        Assert.InRange(Encoding.UTF8.GetByteCount(status.Reason), 110, EdgeCloseStatus.MaxReasonBytes);
        Assert.StartsWith("malformed message: é", status.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(status.Reason)));
    }

    [Fact]
    public void Close_status_converts_to_the_bcl_close_status()
    {
        var status = EdgeCloseStatus.Create(EdgeCloseCodes.Superseded, "epoch 4");

        Assert.Equal((WebSocketCloseStatus)4409, status.Status);
        Assert.Equal("superseded by a newer session: epoch 4", status.Reason);
    }

    [Fact]
    public void Protocol_error_becomes_a_close_status_with_its_reason()
    {
        var status = new ProtocolError(ErrorCodes.BadRequest, "kind 'x' is unknown").ToCloseStatus();

        Assert.Equal(EdgeCloseCodes.Malformed, status.Code);
        Assert.Equal("malformed message: kind 'x' is unknown", status.Reason);
    }

    [Theory]
    [InlineData(EdgeCloseCodes.Unauthorized, true)]
    [InlineData(EdgeCloseCodes.Forbidden, true)]
    [InlineData(EdgeCloseCodes.UnsupportedVersion, true)]
    [InlineData(EdgeCloseCodes.Superseded, false)]
    [InlineData(EdgeCloseCodes.RateLimited, false)]
    [InlineData(EdgeCloseCodes.GoingAway, false)]
    public void Only_credential_and_version_closes_are_permanent(int code, bool permanent)
    {
        Assert.Equal(permanent, EdgeCloseCodes.IsPermanent(code));
    }

    [Theory]
    [InlineData(ErrorCodes.TooManyRequests, true)]
    [InlineData(ErrorCodes.InternalError, true)]
    [InlineData(503, true)]
    [InlineData(ErrorCodes.BadRequest, false)]
    [InlineData(ErrorCodes.Forbidden, false)]
    [InlineData(ErrorCodes.NotFound, false)]
    [InlineData(ErrorCodes.Conflict, false)]
    [InlineData(ErrorCodes.PayloadTooLarge, false)]
    public void Only_rate_limit_and_server_errors_keep_a_message_pending(int code, bool transient)
    {
        Assert.Equal(transient, ErrorCodes.IsTransient(code));
    }
}
