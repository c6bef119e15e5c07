namespace EdgeHive.Cloud.Portal.Live;

/// <summary>
/// The open circuits of this process, by sign-in (the cookie's <see cref="Auth.PortalSignIn.ClaimType"/>), and their
/// live subscriptions. Signing out ends every circuit of that sign-in here (<see cref="EndSignIn"/>); the counts are
/// what tests and the circuit-memory benchmark read.
/// </summary>
public sealed class PortalCircuits
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<CircuitSession>> _bySignIn = new(StringComparer.Ordinal);
    private int _circuits;
    private int _subscriptions;

    /// <summary>Circuits open now.</summary>
    public int OpenCircuits => Volatile.Read(ref _circuits);

    /// <summary>Live change subscriptions open now: at most one per circuit.</summary>
    public int LiveSubscriptions => Volatile.Read(ref _subscriptions);

    /// <summary>Circuits open now for one sign-in.</summary>
    public int CircuitsOf(string signIn)
    {
        lock (_gate)
        {
            return _bySignIn.TryGetValue(signIn, out var set) ? set.Count : 0;
        }
    }

    /// <summary>Circuits open now for <paramref name="user"/>, and how many of them hold a change subscription.</summary>
    public (int Circuits, int Subscriptions) Of(string user)
    {
        lock (_gate)
        {
            var sessions = _bySignIn.Values.SelectMany(set => set).Where(s => s.User == user).ToList();
            return (sessions.Count, sessions.Count(s => s.Subscribed));
        }
    }

    /// <summary>Ends every circuit of <paramref name="signIn"/>: each refuses further actions at once and sends its
    /// browser to the sign-in page. Returns how many there were.</summary>
    public int EndSignIn(string signIn)
    {
        CircuitSession[] ended;
        lock (_gate)
        {
            ended = _bySignIn.TryGetValue(signIn, out var set) ? [.. set] : [];
        }

        foreach (var session in ended)
        {
            session.End();
        }

        return ended.Length;
    }

    internal void Add(CircuitSession session)
    {
        lock (_gate)
        {
            if (!_bySignIn.TryGetValue(session.SignIn, out var set))
            {
                _bySignIn[session.SignIn] = set = [];
            }

            if (set.Add(session))
            {
                _circuits++;
            }
        }
    }

    internal void Remove(CircuitSession session)
    {
        lock (_gate)
        {
            if (_bySignIn.TryGetValue(session.SignIn, out var set) && set.Remove(session))
            {
                _circuits--;
                if (set.Count == 0)
                {
                    _bySignIn.Remove(session.SignIn);
                }
            }
        }
    }

    internal void SubscriptionOpened() => Interlocked.Increment(ref _subscriptions);

    internal void SubscriptionClosed() => Interlocked.Decrement(ref _subscriptions);
}
