namespace EdgeHive.Mqtt.Benchmarks;

/// <summary>One row of the table: a broker at one QoS; <paramref name="Sent"/> − <paramref name="Messages"/> were lost.</summary>
internal sealed record BenchmarkResult(string Broker, int Qos, int Sent, int Messages, double MessagesPerSecond, double P50Microseconds, double P99Microseconds);
