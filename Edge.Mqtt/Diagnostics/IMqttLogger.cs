namespace EdgeHive.Edge.Mqtt.Diagnostics;

/// <summary>
/// The logging seam of Edge.Mqtt. The library references only the BCL (it ships in the trimmed edge agent), so the
/// host adapts this to its own logger; event ids are stable so they can become <c>EventId</c>s there.
/// </summary>
public interface IMqttLogger
{
    /// <summary>Whether entries of <paramref name="level"/> are wanted (lets callers skip building messages).</summary>
    bool IsEnabled(MqttLogLevel level);

    /// <summary>Writes one entry. Messages carry ids (client id, endpoint, topic), never payloads or passwords.</summary>
    void Log(MqttLogLevel level, int eventId, string message, Exception? exception);
}
