using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using SnogMarryAvoid.Core.Contract;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.LoadTest;

/// <summary>What the tool does as the facilitator: sign in, hold a hub connection, step to the next open scenario.</summary>
internal static partial class Facilitator
{
    /// <summary>A hub connection to the staff server (<see cref="LoadOptions.StaffUrl"/>); with <paramref name="cookies"/>, as the signed-in facilitator.</summary>
    public static HubConnection Connection(LoadOptions options, CookieContainer? cookies) => Connection(options, options.StaffUrl, cookies, null);

    /// <summary>
    /// A hub connection to <paramref name="server"/>; with <paramref name="cookies"/>, as the signed-in facilitator;
    /// with <paramref name="source"/>, its socket leaves from that local address (several loopback addresses give
    /// more ports than one: one address pair runs out near 28,000 connections).
    /// </summary>
    public static HubConnection Connection(LoadOptions options, Uri server, CookieContainer? cookies, HttpMessageInvoker? source) => new HubConnectionBuilder()
        .WithUrl(new Uri(server, ISessionHub.Path), options.LongPolling ? HttpTransportType.LongPolling : HttpTransportType.WebSockets, o =>
        {
            // WebSockets without the negotiate round trip: one request per phone, and no stickiness needed for it.
            o.SkipNegotiation = !options.LongPolling;
            if (cookies is not null)
            {
                o.Cookies = cookies;
            }

            if (source is not null && !options.LongPolling)
            {
                o.WebSocketFactory = async (context, ct) =>
                {
                    var socket = new ClientWebSocket();
                    await socket.ConnectAsync(context.Uri, source, ct);
                    return socket;
                };
            }
        })
        .Build();

    /// <summary>What opens a phone's WebSocket from <paramref name="address"/> (one per address, shared by its phones).</summary>
    public static HttpMessageInvoker From(IPAddress address, bool trustAnyCertificate = false) => new(new SocketsHttpHandler
    {
        SslOptions = trustAnyCertificate ? new() { RemoteCertificateValidationCallback = delegate { return true; } } : new(),
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                // IP_BIND_ADDRESS_NO_PORT: the port is chosen at connect, per destination, not at bind for every destination.
                socket.SetRawSocketOption(0, 24, [1, 0, 0, 0]);
                socket.Bind(new IPEndPoint(address, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    public static async Task SignInAsync(LoadOptions options, CookieContainer cookies, CancellationToken ct)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = options.StaffUrl };
        var page = await http.GetStringAsync("/account/login", ct);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = options.Email!,
            ["Input.Password"] = options.Password!,
        });
        var response = await http.PostAsync("/account/login", form, ct);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {options.Email} failed ({(int)response.StatusCode}): check --email and --password.");
        }
    }

    public static async Task<ScenarioView> StepToNextOpenAsync(HubConnection facilitator, Guid sessionId, CancellationToken ct)
    {
        // The clicker's "next" walks show → open → close → reveal → show the next; stop at the next open one.
        for (var step = 0; step < 5; step++)
        {
            var snapshot = await facilitator.InvokeAsync<RoomView>(nameof(ISessionHub.Next), sessionId, ct);
            if (snapshot.Current is { State: ScenarioState.Open } open)
            {
                return open;
            }
        }

        throw new InvalidOperationException("The session has no scenario left to open.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
