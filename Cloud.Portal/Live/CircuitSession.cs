namespace EdgeHive.Cloud.Portal.Live;

/// <summary>The sign-in a circuit belongs to, and whether it was ended by signing out. Scoped: one per circuit.</summary>
internal sealed class CircuitSession
{
    private int _ended;

    /// <summary>The sign-in's id (empty before the circuit opened).</summary>
    public string SignIn { get; set; } = string.Empty;

    /// <summary>The signed-in user's name (empty before the circuit opened).</summary>
    public string User { get; set; } = string.Empty;

    /// <summary>True while the circuit's change subscription is open.</summary>
    public bool Subscribed { get; set; }

    /// <summary>True once the sign-in was ended: the circuit refuses every action from then on.</summary>
    public bool IsEnded => Volatile.Read(ref _ended) == 1;

    /// <summary>Raised once, when the sign-in is ended (on the thread that ended it).</summary>
    public event Action? Ended;

    public void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            Ended?.Invoke();
        }
    }
}
