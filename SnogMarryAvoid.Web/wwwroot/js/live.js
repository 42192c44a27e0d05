// The staff pages' tallies (the projector, the console and its preview), drawn in the browser. The page watches its
// session on the hub, as any watcher does (docs/realtime-api.md, Watch), and each ResultsChanged it is sent is drawn
// into the figures the server marked (data-live); the server then no longer redraws them for every vote (a render over
// the circuit and the browser's acknowledgement, per page, per vote: docs/benchmarks.md). This file only draws: the
// numbers, their shares and each language's words for one and for many all come from the server.
//
//   data-live="bars"    a ResultsBars: each [data-choice] row's fill width, [data-count] and [data-percent]
//   data-live="count"   a counted text: each [data-one][data-many] span says its language's words with {count}
//   data-live="number"  the total alone
//
// Each carries the scenario it counts (data-live-scenario) and the sequence of the tally it shows (data-live-sequence):
// a tally of another scenario, or older than what is shown, is not drawn. When Blazor draws the page again with its own
// (older) figures, the newest tally is drawn again over them.

const RETRY_MS = [0, 1000, 2000, 5000];

function loadSignalR(src) {
  if (window.signalR) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

// A text node's value, set in place: Blazor keeps the node it drew, and writes to it when it draws again.
function setText(element, text) {
  const node = element.firstChild;
  if (node && node.nodeType === Node.TEXT_NODE) {
    if (node.nodeValue !== text) {
      node.nodeValue = text;
    }
  } else if (!node) {
    element.append(text);
  }
}

function draw(element, results) {
  const total = results.snog + results.marry + results.avoid;
  switch (element.dataset.live) {
    case "bars":
      for (const row of element.querySelectorAll("[data-choice]")) {
        const name = row.dataset.choice.toLowerCase();
        const percent = results[`${name}Percent`];
        const fill = row.querySelector(".result-fill");
        if (fill && fill.style.width !== `${percent}%`) {
          fill.style.width = `${percent}%`;
        }
        setText(row.querySelector("[data-count]"), String(results[name]));
        setText(row.querySelector("[data-percent]"), String(percent));
      }
      break;
    case "count":
      for (const words of element.querySelectorAll("[data-one]")) {
        setText(words, (total === 1 ? words.dataset.one : words.dataset.many).replaceAll("{count}", String(total)));
      }
      break;
    case "number":
      setText(element, String(total));
      break;
  }
}

export async function watch(hubPath, signalRScript, sessionId, page) {
  await loadSignalR(signalRScript);
  let latest = null;
  let stopped = false;
  let drawing = false;

  const tell = (now) => {
    if (drawing !== now && !stopped) {
      drawing = now;
      document.documentElement.dataset.liveTally = now ? "browser" : "server";
      page.invokeMethodAsync("Drawing", now).catch(() => {});
    }
  };

  const drawLatest = () => {
    if (!latest) {
      return;
    }
    for (const element of document.querySelectorAll("[data-live]")) {
      if (element.dataset.liveScenario === latest.results.scenarioId && Number(element.dataset.liveSequence) <= latest.sequence) {
        draw(element, latest.results);
        if (element.dataset.liveSequence !== String(latest.sequence)) {
          element.dataset.liveSequence = String(latest.sequence);
        }
      }
    }
  };

  const take = (results, sequence) => {
    if (!results) {
      return;
    }
    if (!latest || results.scenarioId !== latest.results.scenarioId || sequence >= latest.sequence) {
      latest = { results, sequence };
    }
    drawLatest();
  };

  // Blazor draws the live regions again when the room moves on or a head count changes, with the figures it has:
  // the newest tally goes back over them (draw writes only what differs, so its own writes end here).
  const observer = new MutationObserver(drawLatest);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["data-live-sequence"] });

  const connection = new signalR.HubConnectionBuilder()
    .withUrl(hubPath, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (retry) => RETRY_MS[retry.previousRetryCount] ?? 5000 })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  connection.on("ResultsChanged", take);
  // The page itself draws the room's view, the split and the head counts, over its circuit.
  for (const name of ["SessionChanged", "SessionEnded", "SplitChanged", "ParticipantsChanged"]) {
    connection.on(name, () => {});
  }
  // The server is draining: leave within the time it gives, as the phone does; the close below connects again.
  connection.on("ServerStopping", (reconnectWithinMs) => {
    setTimeout(() => connection.stop(), Math.random() * reconnectWithinMs);
  });

  const watchNow = async () => {
    const reply = await connection.invoke("Watch", sessionId);
    take(reply.results, reply.lastSequence);
    tell(true);
  };
  connection.onreconnecting(() => tell(false));
  connection.onreconnected(() => watchNow().catch(() => tell(false)));

  // Closed for good (the retries ran out, or the server refused): the server draws, and the page tries again later.
  const start = async () => {
    try {
      await connection.start();
      await watchNow();
    } catch {
      tell(false);
      if (!stopped) {
        setTimeout(start, 10000);
      }
    }
  };
  connection.onclose(() => {
    tell(false);
    if (!stopped) {
      setTimeout(start, 5000);
    }
  });
  await start();

  return {
    stop: () => {
      stopped = true;
      delete document.documentElement.dataset.liveTally;
      observer.disconnect();
      connection.stop();
    },
  };
}
