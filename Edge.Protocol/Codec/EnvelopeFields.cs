namespace EdgeHive.Edge.Protocol;

/// <summary>JSON member names of the envelope.</summary>
internal static class EnvelopeFields
{
    public const string Header = "header";
    public const string Id = "id";
    public const string ParentId = "parentId";
    public const string Timestamp = "timestamp";
    public const string ResourceVersion = "resourceVersion";
    public const string Sync = "sync";
    public const string Route = "route";
    public const string Source = "source";
    public const string Group = "group";
    public const string Operation = "operation";
    public const string Resource = "resource";
    public const string Kind = "kind";
    public const string Content = "content";
}
