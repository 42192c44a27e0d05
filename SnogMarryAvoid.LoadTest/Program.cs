using System.Text.Json;

namespace SnogMarryAvoid.LoadTest;

/// <summary>The command line: parse, run, print the table, write the JSON; exit 0 only when the audit passed.</summary>
public static class LoadTestProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(LoadOptions.Usage);
            return 0;
        }

        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(LoadOptions.Usage);
            return 2;
        }

        if (options.Worker)
        {
            return await FleetWorker.RunAsync(options);
        }

        if (options.PhoneFirstLoad)
        {
            var firstLoad = await new PhoneFirstLoad(options, Console.Out).RunAsync();
            Console.WriteLine();
            Console.WriteLine(firstLoad.Table());
            await WriteJsonAsync(options.JsonPath, firstLoad);
            return 0;
        }

        var report = await new LoadRun(options, Console.Out, args).RunAsync();
        Console.WriteLine();
        Console.WriteLine(report.Table());
        await WriteJsonAsync(options.JsonPath, report);
        return report.Passed ? 0 : 1;
    }

    private static async Task WriteJsonAsync<T>(string? path, T report)
    {
        if (path is not null)
        {
            await File.WriteAllTextAsync(path, Json(report));
            Console.WriteLine($"Results written to {path}");
        }
    }

    /// <summary>A report as <c>--json</c> writes it.</summary>
    public static string Json<T>(T report) => JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
}
