namespace EdgeHive.Edge.Mqtt.Benchmarks;

/// <summary>One row of the table: a broker at one QoS.</summary>
internal sealed record BenchmarkResult(string Broker, int Qos, int Messages, double MessagesPerSecond, double P50Microseconds, double P99Microseconds);
