using System.Net;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Room;

namespace SnogMarryAvoid.Tests.Components;

/// <summary>The address the projector, the console and the QR code give the room, and what the run command prints.</summary>
public class JoinLinksTests
{
    private static readonly IPAddress Wifi = IPAddress.Parse("192.168.1.20");
    private static readonly Uri AllInterfaces = new("http://0.0.0.0:5262");
    private static readonly Uri LoopbackOnly = new("http://127.0.0.1:5262");

    private static JoinLinks Links(Uri listening, IPAddress[] network, string? publicBaseUrl = null) =>
        new(Options.Create(new PublicAddressOptions { PublicBaseUrl = publicBaseUrl }), new FakeNetwork([listening], network));

    [Theory]
    [InlineData("http://localhost:5262/")]
    [InlineData("http://127.0.0.1:5262/")]
    public void OpenedOnThisComputer_ListeningOnTheNetwork_GivesTheMachinesNetworkAddress(string page)
    {
        var links = Links(AllInterfaces, [Wifi]);

        links.JoinUrl(page, "KX7PM").Should().Be("http://192.168.1.20:5262/join/KX7PM");
        links.ShortJoinUrl(page).Should().Be("192.168.1.20:5262/join");
        links.PhonesCanReach(page).Should().BeTrue();
    }

    [Fact]
    public void OpenedOnANetworkAddress_GivesThatAddress()
    {
        Links(AllInterfaces, [Wifi]).ShortJoinUrl("http://10.0.0.7:5262/").Should().Be("10.0.0.7:5262/join");
    }

    [Fact]
    public void ListeningOnOneNetworkAddress_GivesThatOne()
    {
        var links = Links(new Uri("http://10.0.0.7:5262"), [Wifi, IPAddress.Parse("10.0.0.7")]);

        links.ShortJoinUrl("http://localhost:5262/").Should().Be("10.0.0.7:5262/join");
    }

    [Fact]
    public void ListeningOnThisComputerOnly_KeepsTheAddress_AndSaysPhonesCannotReachIt()
    {
        var links = Links(LoopbackOnly, [Wifi]);

        links.ShortJoinUrl("http://127.0.0.1:5262/").Should().Be("127.0.0.1:5262/join");
        links.PhonesCanReach("http://127.0.0.1:5262/").Should().BeFalse();
        Links(AllInterfaces, []).PhonesCanReach("http://localhost:5262/").Should().BeFalse("this computer is on no network");
    }

    [Fact]
    public void PublicBaseUrl_WinsEverywhere()
    {
        var links = Links(LoopbackOnly, [], "https://vote.example.org/");

        links.JoinUrl("http://localhost:5262/", "KX7PM").Should().Be("https://vote.example.org/join/KX7PM");
        links.PhonesCanReach("http://localhost:5262/").Should().BeTrue();
    }

    [Fact]
    public void TheRunCommand_PrintsALocalAndANetworkAddress_AsViteDoes()
    {
        var lines = RoomAddressBanner.Lines([AllInterfaces], [Wifi], null);

        lines.Should().Contain(l => l.Contains("On this computer:") && l.Contains("http://localhost:5262"));
        lines.Should().Contain(l => l.Contains("Phones join at:") && l.Contains("http://192.168.1.20:5262/join"));
    }

    [Fact]
    public void TheRunCommand_OnThisComputerOnly_SaysPhonesCannotReachIt_AndWhatToDo()
    {
        var lines = RoomAddressBanner.Lines([LoopbackOnly], [Wifi], null);

        lines.Should().Contain(l => l.Contains("Phones cannot reach this server"));
        lines.Should().Contain(l => l.Contains("ASPNETCORE_URLS=http://0.0.0.0:5262"));
        RoomAddressBanner.Lines([LoopbackOnly], [], "https://vote.example.org").Should().Contain(l => l.Contains("https://vote.example.org/join"));
    }

    [Fact]
    public void ListeningOnThisComputerOnly_TheMachinesInterfacesAreNotRead()
    {
        var network = new FakeNetwork([LoopbackOnly], [Wifi]);
        var links = new JoinLinks(Options.Create(new PublicAddressOptions()), network);

        // Drawn with every redraw of the projector and the console: reading the interfaces each time was most of a redraw.
        for (var i = 0; i < 10; i++)
        {
            links.ShortJoinUrl("http://127.0.0.1:5262/");
            links.PhonesCanReach("http://127.0.0.1:5262/");
        }

        network.NetworkReads.Should().Be(0);
    }

    [Fact]
    public void TheMachinesNetworkAddresses_AreReadAtMostOnceEveryTenSeconds()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var reads = 0;
        var machine = new MachineAddresses(new NoServer(), clock, () =>
        {
            reads++;
            return reads == 1 ? [Wifi] : [IPAddress.Parse("10.0.0.7")];
        });

        for (var i = 0; i < 50; i++)
        {
            machine.Network.Should().Equal([Wifi]);
        }

        clock.Advance(MachineAddresses.NetworkInterval);
        machine.Network.Should().Equal([IPAddress.Parse("10.0.0.7")], "a laptop moved to another Wi-Fi is seen within ten seconds");
        reads.Should().Be(2);
    }

    private sealed class NoServer : Microsoft.AspNetCore.Hosting.Server.IServer
    {
        public Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();

        public Task StartAsync<TContext>(Microsoft.AspNetCore.Hosting.Server.IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
