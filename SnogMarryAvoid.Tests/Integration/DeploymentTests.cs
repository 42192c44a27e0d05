using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Files;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>
/// The app as a council's IT team runs it (docs/deploy.md): published, started by a service manager
/// from <c>/</c>, in Production unless Development is asked for, and never showing a stack trace.
/// </summary>
public sealed class DeploymentTests
{
    private static readonly string[] StackTraceMarks = ["   at ", ".cs:line", "Exception:", "StackTrace", "DeveloperExceptionPage"];

    [Fact]
    public async Task ThePublishedApp_StartedFromTheRootFolder_RunsInProduction_ServesItsFiles_AndReadsItsSettings()
    {
        var published = await PublishedApp.FolderAsync();
        var settings = Path.Combine(published, "appsettings.json");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(settings))!;
        json["PublicBaseUrl"] = "https://read-from-the-apps-folder.example.org";
        await File.WriteAllTextAsync(settings, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        await using var server = await ServerProcess.StartAsync(app: Path.Combine(published, "SnogMarryAvoid.Web.dll"), workingDirectory: "/", environment: null,
            settings: new() { ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information" });
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };

        server.Output.Should().Contain(l => l.Contains("Hosting environment: Production", StringComparison.Ordinal), "with no environment set, the app runs in Production");
        server.Output.Should().Contain(l => l.Contains($"Content root path: {published}", StringComparison.Ordinal));
        server.Output.Should().Contain(l => l.Contains("https://read-from-the-apps-folder.example.org", StringComparison.Ordinal), "appsettings.json beside the app is read");
        foreach (var file in new[] { "app.css", "js/phone.js", "lib/signalr/signalr.min.js", "_framework/blazor.web.js", "_content/MudBlazor/MudBlazor.min.js" })
        {
            var served = await http.GetByteArrayAsync("/" + file);
            served.Should().Equal(await File.ReadAllBytesAsync(Path.Combine(published, "wwwroot", file)), $"{file} is served from the app's folder, not as an empty 200");
        }

        (await http.GetStringAsync("/join")).Should().Contain("<html lang=", "the pages render");
    }

    [Fact]
    public async Task ThePublishCommand_CompilesEveryAssemblyAheadOfTime_ForThisPlatform_AndLeavesTheRuntimeToTheMachine()
    {
        var published = await PublishedApp.FolderAsync();

        // ReadyToRun code sits in the assembly's managed native header; a plain (JIT-only) assembly has none.
        foreach (var name in new[] { "SnogMarryAvoid.Web.dll", "SnogMarryAvoid.Core.dll", "MudBlazor.dll", "Microsoft.EntityFrameworkCore.dll", "Microsoft.EntityFrameworkCore.Sqlite.dll" })
        {
            using var file = File.OpenRead(Path.Combine(published, name));
            using var pe = new System.Reflection.PortableExecutable.PEReader(file);
            pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size.Should().BePositive($"{name} is published with its code compiled ahead of time (docs/deploy.md)");
        }

        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(published, "SnogMarryAvoid.Web.runtimeconfig.json")))!["runtimeOptions"]!;
        config["includedFrameworks"].Should().BeNull("the publish is not self-contained: it runs on the machine's .NET, as deploy.md installs it");
        config["frameworks"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).Should().Contain("Microsoft.AspNetCore.App");
        File.Exists(Path.Combine(published, "libe_sqlite3.so")).Should().BeTrue("SQLite's native library for this platform is beside the app, not in a folder per platform");
        Directory.Exists(Path.Combine(published, "runtimes")).Should().BeFalse("the publish is for this platform only");
    }

    [Fact]
    public async Task TheRunCommand_SetsNoEnvironment_SoDevelopmentIsOptIn()
    {
        // dotnet run takes the first profile; its environment would win over the shell's.
        var launch = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "SnogMarryAvoid.Web", "Properties", "launchSettings.json")))!;
        var profiles = launch["profiles"]!.AsObject().ToList();

        profiles[0].Value!["environmentVariables"]?["ASPNETCORE_ENVIRONMENT"].Should().BeNull("dotnet run --project SnogMarryAvoid.Web runs in the shell's environment, Production unless set");
        profiles.Where(p => p.Value!["environmentVariables"]?["ASPNETCORE_ENVIRONMENT"]?.GetValue<string>() == "Development")
            .Select(p => p.Key).Should().Equal(["development"], "Development is one named profile: dotnet run --launch-profile development");
    }

    [Theory]
    [InlineData("/usr/lib/snogmarryavoid", "/usr/lib/snogmarryavoid")]
    [InlineData("/src/SnogMarryAvoid.Web/bin/Release/net10.0/", "/src/SnogMarryAvoid.Web")]
    public void TheContentRoot_IsTheAppsOwnFolder_WhateverTheWorkingDirectory(string appBase, string expected)
    {
        var project = Path.Combine(Path.GetTempPath(), "sma-tests", Guid.NewGuid().ToString("N"));
        var root = project + expected;
        Directory.CreateDirectory(project + appBase);
        if (expected.EndsWith("SnogMarryAvoid.Web", StringComparison.Ordinal))
        {
            File.WriteAllText(Path.Combine(root, SnogMarryAvoid.Web.AppFolder.ProjectFile), "<Project />");
        }

        SnogMarryAvoid.Web.AppFolder.ContentRoot([], project + appBase, _ => null).Should().Be(Path.GetFullPath(root));
        SnogMarryAvoid.Web.AppFolder.ContentRoot(["--contentRoot=/elsewhere"], project + appBase, _ => null).Should().BeNull("a content root the operator names wins");
        SnogMarryAvoid.Web.AppFolder.ContentRoot([], project + appBase, key => key == "ASPNETCORE_CONTENTROOT" ? "/elsewhere" : null).Should().BeNull();
        Directory.Delete(project, recursive: true);
    }

    [Fact]
    public async Task NoProductionResponse_CarriesAStackTrace_NotABadRequest_NorAnUnexpectedFailure()
    {
        await using var app = new AppFactory(environment: "Production");
        await using var failing = new AppFactory(environment: "Production",
            services: s => s.AddSingleton<ReportService>(_ => throw new InvalidOperationException("an unexpected failure, at /secret/path.cs")));
        var session = await app.Core.Sessions.CreateAsync("Production", await app.CreateFacilitatorAsync("prod@example.org"));
        var failed = await failing.Core.Sessions.CreateAsync("Production", await failing.CreateFacilitatorAsync("prod@example.org"));
        var staff = await app.SignedInClientAsync("prod@example.org", AppFactory.FacilitatorPassword);
        var failingStaff = await failing.SignedInClientAsync("prod@example.org", AppFactory.FacilitatorPassword);
        var anyone = app.Browserish();

        var answers = new List<(string What, HttpResponseMessage Response)>
        {
            ("a report with a bad hidden", await staff.GetAsync($"/reports/{session.Id}/votes.csv?hidden=maybe")),
            ("a report whose service fails", await failingStaff.GetAsync($"/reports/{failed.Id}/votes.csv")),
            ("a page that is not there", await anyone.GetAsync("/no/such/page")),
            ("a bad session id", await anyone.GetAsync("/projector/not-a-guid")),
            ("a sign-in with no form", await anyone.PostAsync("/account/login", new StringContent("{]", System.Text.Encoding.UTF8, "application/json"))),
            ("a deck in a format there is not", await staff.GetAsync($"/facilitate/{session.Id}/deck.exe")),
            ("a sign-out with no antiforgery token", await staff.PostAsync("/account/logout", new StringContent(""))),
            ("a hub negotiation with garbage", await anyone.PostAsync("/hubs/session/negotiate?negotiateVersion=x", new StringContent("\0\0"))),
        };

        foreach (var (what, response) in answers)
        {
            var body = await response.Content.ReadAsStringAsync();
            StackTraceMarks.Where(body.Contains).Should().BeEmpty($"{what} answers {(int)response.StatusCode} with no stack trace");
            body.Should().NotContain("/secret/path.cs", what);
        }

        answers[0].Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await answers[0].Response.Content.ReadAsStringAsync()).Should().Contain("hidden must be true or false");
        answers[1].Response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("maybe", null)]
    public void TheReportsHiddenQuery_IsTrueOrFalse(string? hidden, bool? expected) =>
        ReportEndpoints.IncludeHidden(hidden).Should().Be(expected);
}
