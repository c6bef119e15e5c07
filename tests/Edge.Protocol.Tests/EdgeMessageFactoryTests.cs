namespace EdgeHive.Edge.Protocol.Tests;

public sealed class EdgeMessageFactoryTests
{
    [Theory]
    [MemberData(nameof(Samples.Kinds), MemberType = typeof(Samples))]
    public void Factory_routes_each_kind_by_the_kind_table(string kind)
    {
        var message = Samples.All()[kind];
        Assert.True(EdgeMessageKinds.TryGet(kind, out var info));

        Assert.Equal(info.Group, message.Route.Group);
        Assert.Equal(info.Operation, message.Route.Operation);
        Assert.Equal(Samples.Now.ToUnixTimeMilliseconds(), message.Header.Timestamp);
        var expectedSource = info.Direction == MessageDirection.Upstream ? EdgeProtocolConstants.EdgeSource : EdgeProtocolConstants.CloudSource;
        if (info.Direction != MessageDirection.Both)
        {
            Assert.Equal(expectedSource, message.Route.Source);
        }
    }

    [Fact]
    public void Ack_of_a_downstream_object_echoes_its_id_key_and_version()
    {
        var upsert = Samples.CloudFactory().DeviceUpsert(Samples.Thermometer(), 17);

        var ack = Samples.EdgeFactory().Ack(upsert);

        Assert.Equal(upsert.Id, ack.Header.ParentId);
        Assert.Equal("device/default/thermo-1", ack.Route.Resource);
        Assert.Equal(17, ack.GetContent<Ack>().ResourceVersion);
        Assert.Equal(0, ack.GetContent<Ack>().Sequence);
    }

    [Fact]
    public void Ack_of_an_outbox_report_echoes_its_sequence()
    {
        var report = Samples.All()[TwinReportedUpdate.KindName];

        var ack = Samples.CloudFactory().Ack(report);

        Assert.Equal(report.Id, ack.Header.ParentId);
        Assert.Equal(41, ack.GetContent<Ack>().Sequence);
    }

    [Fact]
    public void Error_for_an_unreadable_frame_points_at_the_offending_message()
    {
        var error = new ProtocolError(ErrorCodes.BadRequest, "kind 'x' is unknown") { MessageId = "e-77" };

        var reply = Samples.CloudFactory().Error(error);

        Assert.Equal("e-77", reply.Header.ParentId);
        Assert.Equal(new ErrorResult { Code = 400, Reason = "kind 'x' is unknown" }, reply.Content);
    }

    [Fact]
    public void Service_request_is_sync_and_its_response_points_back()
    {
        var request = Samples.All()[ServiceRequest.KindName];
        var response = Samples.All()[ServiceResponse.KindName];

        Assert.True(request.Header.Sync);
        Assert.Equal(request.Id, response.Header.ParentId);
    }

    [Fact]
    public void Default_ids_are_unique()
    {
        var factory = new EdgeMessageFactory(EdgeProtocolConstants.EdgeSource, TimeProvider.System);

        var ids = Enumerable.Range(0, 1000).Select(_ => factory.KeepAlive().Id).ToHashSet();

        Assert.Equal(1000, ids.Count);
    }

    [Fact]
    public void Kind_table_has_no_duplicates_and_every_payload_type_once()
    {
        Assert.Equal(EdgeMessageKinds.All.Count, EdgeMessageKinds.All.Select(k => k.Kind).Distinct().Count());
        Assert.Equal(EdgeMessageKinds.All.Count, EdgeMessageKinds.All.Select(k => k.PayloadType).Distinct().Count());
        var payloadTypes = typeof(EdgePayload).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(EdgePayload)) && !t.IsAbstract);
        Assert.Equal(payloadTypes.OrderBy(t => t.Name), EdgeMessageKinds.All.Select(k => k.PayloadType).OrderBy(t => t.Name));
    }

    [Fact]
    public void Versioned_downstream_objects_and_outbox_reports_are_the_acknowledged_kinds()
    {
        var acknowledged = EdgeMessageKinds.All.Where(k => k.Acknowledged).Select(k => k.Kind).Order(StringComparer.Ordinal);
        var expected = Samples.All().Values
            .Where(m => (m.Header.ResourceVersion > 0 && m.Kind != Ack.KindName) || m.Content is ISequencedPayload)
            .Select(m => m.Kind)
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, acknowledged);
    }
}
