namespace EdgeHive.Edge.Agent.DeviceTwin;

/// <summary>A message the DeviceTwin wants published to MQTT clients (the EventBus module publishes it).</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Payload">UTF-8 JSON payload.</param>
public sealed record MqttPublication(string Topic, byte[] Payload);
