using System.Globalization;

namespace EdgeHive.Edge.Agent.Benchmarks;

/// <summary>Resident memory of a process as the kernel reports it in <c>/proc/{pid}/status</c>, in kB.</summary>
internal sealed record ProcessMemory(long VmRss, long VmHwm, long RssAnon, long RssFile, long RssShmem, int Threads)
{
    public static ProcessMemory Read(int pid)
    {
        var fields = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            if (long.TryParse(space < 0 ? value : value[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                fields[line[..colon]] = number;
            }
        }

        return new ProcessMemory(fields["VmRSS"], fields["VmHWM"], fields["RssAnon"], fields["RssFile"], fields["RssShmem"], (int)fields["Threads"]);
    }

    public static string Mb(long kb) => (kb / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    public override string ToString() =>
        $"VmRSS {Mb(VmRss)}, VmHWM {Mb(VmHwm)} (anon {Mb(RssAnon)}, file {Mb(RssFile)}, shmem {Mb(RssShmem)}), {Threads.ToString(CultureInfo.InvariantCulture)} threads";
}
