using System.Globalization;

namespace RoyaAudio.Benchmarks.Service;

/// <summary>What every service benchmark shares: knobs from the environment, a scratch folder, progress on stderr.</summary>
internal static class Bench
{
    /// <summary>The tables go here; <see cref="Console.Out"/> is pointed at stderr so nothing else (the in-process speech server's log) lands among them.</summary>
    public static TextWriter Out { get; private set; } = Console.Out;

    public static void KeepStdoutForTables()
    {
        Out = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        Console.SetOut(Console.Error);
    }

    /// <summary>A positive whole number from the environment (the scripts' overrides, e.g. LOAD_SECONDS=5), else the default.</summary>
    public static int Knob(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    public static string WorkDirectory(string mode) => Directory.CreateTempSubdirectory($"roya-bench-{mode}-").FullName;

    /// <summary>Progress goes to stderr so stdout holds only the tables.</summary>
    public static void Note(string message) =>
        Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} {message}");

    /// <summary>Cores and the load average, printed with every table: other work on a 2-core machine moves the figures.</summary>
    public static string Machine()
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        return $"{Environment.ProcessorCount} cores, load average {load}";
    }

    /// <summary>Busy CPU time of the whole machine since boot (/proc/stat, every core), to see how much went to other work during a run.</summary>
    public static TimeSpan MachineBusy()
    {
        if (!File.Exists("/proc/stat"))
        {
            return TimeSpan.Zero;
        }

        // cpu user nice system idle iowait irq softirq steal ... in clock ticks of 1/100 s.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return TimeSpan.FromSeconds((fields.Sum() - fields[3] - fields[4]) / 100.0);
    }

    /// <summary>CPU used so far by a process and by its children it has waited for (espeak-ng, ffmpeg, ended database backends).</summary>
    public static TimeSpan ProcessCpu(int pid) => Stat(pid) is { } fields ? Ticks(fields, 11, 12, 13, 14) : TimeSpan.Zero;

    /// <summary>
    /// CPU used so far by the bench's PostgreSQL cluster (the postmaster named in ROYA_POSTGRES_DIR and its
    /// backends), so the database's share of a request's cost is not mistaken for other work on the machine.
    /// </summary>
    public static TimeSpan PostgresCpu()
    {
        var pidFile = Path.Combine(Environment.GetEnvironmentVariable("ROYA_POSTGRES_DIR") ?? "", "data", "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture, out var postmaster))
        {
            return TimeSpan.Zero;
        }

        var total = ProcessCpu(postmaster);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid) && pid != postmaster
                && Stat(pid) is { } fields && fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
            {
                // Live backends; ended ones are in the postmaster's children's time.
                total += Ticks(fields, 11, 12);
            }
        }

        return total;
    }

    /// <summary>/proc/PID/stat after the ")" closing the command name: state, ppid, … utime is [11], stime [12], cutime [13], cstime [14].</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            // Not on Linux, or the process ended while we looked.
            return null;
        }
    }

    private static TimeSpan Ticks(string[] fields, params int[] indexes) =>
        TimeSpan.FromSeconds(indexes.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture)) / 100.0);

    public static string Ms(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string Fixed(double value, int decimals = 2) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static string Met(bool met) => met ? "met" : "**missed**";
}

/// <summary>A Markdown table with the first column left-aligned and the figures right-aligned, padded to read in a terminal.</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Print()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(Math.Max(3, h.Length)).Max()).ToArray();
        Bench.Out.WriteLine(Line(headers, widths));
        Bench.Out.WriteLine("| " + string.Join(" | ", widths.Select((w, i) => i == 0 ? new string('-', w) : new string('-', w - 1) + ":")) + " |");
        foreach (var row in _rows)
        {
            Bench.Out.WriteLine(Line(row, widths));
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";
}
