namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Jittered exponential reconnect delays. <see cref="Compute"/> is the pure rule; an instance keeps the attempt count
/// and previous delay for one link and draws samples from an injected random source.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly BackoffOptions _options;
    private readonly Func<double> _random;
    private TimeSpan _previous;

    /// <summary>Creates a backoff; <paramref name="random"/> returns samples in [0, 1) (default: <see cref="Random.Shared"/>).</summary>
    public ReconnectBackoff(BackoffOptions? options = null, Func<double>? random = null)
    {
        _options = options ?? new BackoffOptions();
        _options.Validate();
        _random = random ?? Random.Shared.NextDouble;
        _previous = _options.Initial;
    }

    /// <summary>Failed attempts since the last <see cref="Reset"/>.</summary>
    public int Attempt { get; private set; }

    /// <summary>The delay before the next attempt; advances the attempt count.</summary>
    public TimeSpan Next()
    {
        _previous = Compute(Attempt, _previous, _options, _random());
        Attempt++;
        return _previous;
    }

    /// <summary>Called once a session is established: the next failure starts again from the initial delay.</summary>
    public void Reset()
    {
        Attempt = 0;
        _previous = _options.Initial;
    }

    /// <summary>
    /// The delay before retry number <paramref name="attempt"/> (0 = first retry). Full jitter: uniform in
    /// [0, min(max, initial × multiplier^attempt)). Decorrelated: min(max, uniform in [initial, 3 × previous)).
    /// </summary>
    /// <param name="attempt">Failed attempts so far.</param>
    /// <param name="previous">The previous delay (decorrelated jitter only); the initial delay before the first retry.</param>
    /// <param name="options">Settings.</param>
    /// <param name="sample">A random sample in [0, 1).</param>
    public static TimeSpan Compute(int attempt, TimeSpan previous, BackoffOptions options, double sample)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        sample = Math.Clamp(sample, 0, 1);
        var initial = options.Initial.TotalMilliseconds;
        var max = options.Max.TotalMilliseconds;

        double delay;
        if (options.Jitter == BackoffJitter.Decorrelated)
        {
            var upper = Math.Max(initial, previous.TotalMilliseconds * 3);
            delay = initial + (sample * (upper - initial));
        }
        else
        {
            // Math.Pow overflows to infinity rather than wrapping, and Min caps it.
            var ceiling = Math.Min(max, initial * Math.Pow(options.Multiplier, attempt));
            delay = sample * ceiling;
        }

        return TimeSpan.FromMilliseconds(Math.Min(max, delay));
    }
}
