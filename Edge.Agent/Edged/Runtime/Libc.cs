using System.Runtime.InteropServices;

namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>
/// The few libc calls .NET has no API for: signals to a process group, and <c>realpath(3)</c> (every symlink of
/// every path component resolved, which <see cref="FileSystemInfo.ResolveLinkTarget"/> does only for the last one).
/// Source-generated marshalling with blittable signatures, so the calls work in a trimmed and a NativeAOT build alike.
/// </summary>
internal static partial class Libc
{
    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    /// <summary>No such process (or process group).</summary>
    public const int Esrch = 3;

    private const string Library = "libc";

    /// <summary>
    /// <c>kill(2)</c>: a negative <paramref name="pid"/> signals the whole process group. Returns the errno, 0 on success.
    /// </summary>
    public static int Signal(int pid, int signal) => Kill(pid, signal) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>The canonical absolute path of <paramref name="path"/>, or null with the errno when it cannot be resolved.</summary>
    public static string? RealPath(string path, out int errno)
    {
        var resolved = RealPathNative(path, 0);
        if (resolved == 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        try
        {
            errno = 0;
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport(Library, EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPathNative(string path, nint resolved);

    [LibraryImport(Library, EntryPoint = "free")]
    private static partial void Free(nint pointer);
}
