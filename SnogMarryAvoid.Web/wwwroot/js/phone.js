// The participant's vote page. It holds no Blazor circuit: it is a small client of the real-time hub
// (/hubs/session, docs/realtime-api.md), so a phone costs the server one hub connection. Every rule stays
// on the server (Core, through the hub); this file only draws what the server says. All text is set as
// text (textContent, text nodes), never as markup, and every word of it comes from the page (data-texts,
// in the participant's language: SnogMarryAvoid.Web/Languages).

const root = document.getElementById("phone");
const body = root.querySelector(".phone-body");
const banner = root.querySelector(".connection");
const code = root.dataset.code;

// Core's names, numbers and limits, sent in the page (PhoneRules): nothing of them is copied here.
const rules = JSON.parse(root.dataset.rules);
// The page's texts by key, in the participant's language; {name} placeholders are filled here.
const texts = JSON.parse(root.dataset.texts);
const t = (key, values = {}) => Object.entries(values).reduce((text, [name, value]) => text.replaceAll(`{${name}}`, String(value)), texts[key] ?? key);
// The participant's language ("cy") and each language's culture ("cy-GB"), to mark text in another one.
const LANGUAGE = root.dataset.language;
const CULTURES = JSON.parse(root.dataset.cultures);
const CHOICES = rules.choices.map((choice) => choice.value);
// A choice's name is its key (the CSS class, data-choice); its label is in the participant's language.
const NAMES = Object.fromEntries(rules.choices.map((choice) => [choice.value, choice.name]));
const LABELS = Object.fromEntries(rules.choices.map((choice) => [choice.value, t(`choice.${choice.name}`)]));
const VERDICTS = Object.fromEntries(Object.entries(rules.verdicts).map(([name, value]) => [value, t(`verdict.${name}`)]));
const PENDING = rules.states.Pending;
const OPEN = rules.states.Open;
const REVEALED = rules.states.Revealed;
const ENDED = rules.phases.Ended;
// The server checks again; checking here too means a pasted essay never has to travel.
const MAX_REASON = rules.maxReasonLength;
// How long a silent connection is trusted (two and a half of the server's pings), and a vote's answer awaited.
const SERVER_TIMEOUT_MS = Number(root.dataset.serverTimeoutMs);
const ANSWER_WITHIN_MS = rules.answerWithin;
const reasonTooLong = (length) => t("reasonTooLong", { length, max: MAX_REASON });

const state = {
  token: root.dataset.token || null,
  snapshot: null,
  votes: new Map(), // scenario id → this participant's committed vote (a receipt from the server)
  sending: null, // the choice on its way to the server
  pending: null, // { scenarioId, choice }: a tap made while offline, or whose answer never came; sent when back
  recap: null, // at the end: how many this phone voted on, and how often the room agreed
  error: null,
  joinError: null,
  online: false,
  clockOffset: 0, // server clock minus this phone's, for countdowns
  draft: null, // { scenarioId, text }: the reason being typed
  finished: false, // the session ended: the page lets its connection go and shows the thank-you
  camp: null, // the camp this participant chose (its place in snapshot.camps), or null
  askingCamp: false, // the camp question is on screen (on joining, or "Change")
};

// Whether this phone skipped the camp question in this session, so that a reload does not ask again.
const skipKey = (sessionId) => `sma-camp-skipped:${sessionId}`;
const skipped = (sessionId) => {
  try {
    return localStorage.getItem(skipKey(sessionId)) === "1";
  } catch {
    return false;
  }
};

const segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter() : null;
const lengthOf = (text) => (segmenter ? [...segmenter.segment(text)].length : [...text].length);

// ---- Talking to the hub ----

// Phones sleep, switch networks and walk out of Wi-Fi: keep trying for as long as the page is open. Each
// delay gets a random share on top, so that a whole room does not come back in the same millisecond
// after a server restart.
const retryDelay = (attempt) => {
  const base = [0, 1000, 2000, 4000][attempt] ?? 5000;
  return base + Math.random() * (base === 0 ? 400 : base / 2);
};

// The first try opens a WebSocket at once, without the negotiate request: one round trip less before a
// phone on a slow network can vote. If that fails (a proxy that blocks WebSockets, or no network yet),
// every later try negotiates, so the client may fall back to Server-Sent Events or long polling.
function build(direct) {
  const next = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/session", direct ? { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets } : {})
    // The server pings every few seconds (Limits:HubPingSeconds); two and a half pings of silence is a dead connection.
    .withServerTimeout(SERVER_TIMEOUT_MS)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (retry) => retryDelay(retry.previousRetryCount) })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  next.on("SessionChanged", (snapshot) => {
    if (!state.snapshot || snapshot.revision > state.snapshot.revision) {
      showSnapshot(snapshot);
    }
  });
  // The room's view says the session ended too: nothing more to do for this event.
  next.on("SessionEnded", () => {});
  // The server is stopping: leave it at a moment of this phone's own within the time it gives, so the
  // room does not arrive at the next server all at once, and come back (behind a balancer, elsewhere).
  // A tap meanwhile waits in the queue as it does on any dropped connection.
  next.on("ServerStopping", (reconnectWithinMs) => {
    setTimeout(() => {
      if (connection === next && !state.finished) {
        next.stop();
      }
    }, Math.random() * reconnectWithinMs);
  });
  next.onreconnecting(() => setOnline(false));
  next.onreconnected(() => join());
  next.onclose(() => {
    if (state.finished) {
      return;
    }
    setOnline(false);
    connect();
  });
  return next;
}

let direct = true;
let connection = build(direct);

// The browser knows first when the Wi-Fi goes: say so at once, and try again as soon as it is back.
window.addEventListener("offline", () => setOnline(false));
window.addEventListener("online", () => {
  if (connection.state === signalR.HubConnectionState.Disconnected && !state.finished) {
    connect();
  }
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let connecting = false;
async function connect() {
  if (connecting) {
    return;
  }
  connecting = true;
  for (let attempt = 0; !state.finished; attempt++) {
    try {
      if (connection.state === signalR.HubConnectionState.Disconnected) {
        await connection.start();
      }
      await join();
      break;
    } catch {
      setOnline(false);
      if (direct) {
        direct = false;
        connection = build(direct);
        continue; // negotiate at once: WebSockets may be what is blocked
      }
      await sleep(retryDelay(Math.min(attempt + 1, 4)));
    }
  }
  connecting = false;
}

// Joins (or rejoins, after a reconnect) as this browser's participant, and takes the session as it is now.
async function join() {
  try {
    const sentAt = Date.now();
    const reply = await connection.invoke("Join", code, state.token);
    state.clockOffset = Date.parse(reply.serverTime) - (sentAt + Date.now()) / 2;
    state.token = reply.participantToken;
    state.votes = new Map(reply.myVotes.map((vote) => [vote.scenarioId, vote]));
    state.camp = reply.camp ?? null;
    // Asked once, on joining: not again after an answer or a skip.
    state.askingCamp = !!reply.snapshot.camps && state.camp === null && !skipped(reply.sessionId);
    state.joinError = null;
    state.online = true;
    showSnapshot(reply.snapshot);
    await sendPending();
  } catch (error) {
    if (connection.state !== signalR.HubConnectionState.Connected) {
      return; // the connection dropped while joining: joining again is part of reconnecting
    }
    state.joinError = messageOf(error);
    draw();
  }
  root.dataset.interactive = "true";
  setOnline(connection.state === signalR.HubConnectionState.Connected);
}

function showSnapshot(snapshot) {
  if (snapshot.current?.id !== state.snapshot?.current?.id) {
    state.error = null;
  }
  if (state.pending && state.pending.scenarioId !== snapshot.current?.id) {
    state.pending = null; // the room moved on before the tap could be sent
  }
  state.snapshot = snapshot;
  draw();
  if (snapshot.phase === ENDED && !state.finished) {
    finish();
  }
}

// Nothing more will happen in this session: fetch this phone's own recap, then free the connection (a
// room of phones at once).
async function finish() {
  state.finished = true;
  state.pending = null;
  try {
    state.recap = await connection.invoke("GetMyRecap");
  } catch {
    // Without it the page still thanks the room and shows what it decided.
  }
  draw();
  connection.stop();
}

// "… HubException: Code: A sentence." → "A sentence." (the server's own words).
function messageOf(error) {
  const match = /HubException: (?:[A-Za-z]+: )?([\s\S]*)$/.exec(error?.message ?? "");
  if (match) {
    return match[1];
  }
  return connection.state === signalR.HubConnectionState.Connected
    ? t("serverError")
    : t("dropped");
}

function setOnline(online) {
  if (state.finished) {
    online = true; // nothing to reconnect for: no banner
  }
  const changed = state.online !== online;
  state.online = online;
  root.dataset.online = String(online);
  banner.hidden = online || !root.dataset.interactive;
  banner.textContent = online ? "" : t("reconnecting");
  if (changed) {
    draw();
  }
}

async function vote(choice) {
  const scenario = state.snapshot?.current;
  if (!scenario || state.sending !== null) {
    return;
  }
  state.error = null;
  if (!state.online) {
    // Kept, and sent when the phone is back (the last tap wins).
    state.pending = { scenarioId: scenario.id, choice };
    draw();
    return;
  }
  await send(scenario.id, choice);
}

// Sends a vote; one whose answer never came (the connection dropped) is kept and sent again when the
// phone is back: votes are idempotent, so a vote that did arrive is not counted twice. An answer that does
// not come within ANSWER_WITHIN_MS means a network gone silent: the phone says it is offline at once and
// connects again, rather than wait for the server's pings to stop.
async function send(scenarioId, choice) {
  state.sending = choice;
  state.pending = null;
  draw();
  const sentOn = connection;
  const silent = setTimeout(() => {
    if (connection === sentOn && state.sending === choice) {
      state.pending = { scenarioId, choice };
      setOnline(false);
      sentOn.stop();
    }
  }, ANSWER_WITHIN_MS);
  try {
    state.votes.set(scenarioId, await connection.invoke("Vote", scenarioId, choice));
  } catch (error) {
    if (sentOn.state === signalR.HubConnectionState.Connected) {
      state.error = messageOf(error);
    } else {
      state.pending = { scenarioId, choice };
    }
  } finally {
    clearTimeout(silent);
    state.sending = null;
    draw();
  }
}

async function sendPending() {
  const pending = state.pending;
  if (pending && state.online && pending.scenarioId === state.snapshot?.current?.id) {
    await send(pending.scenarioId, pending.choice);
  }
}

// Answers the camp question (a camp's place in the list), or skips it (null).
async function chooseCamp(camp) {
  state.error = null;
  if (camp === null) {
    try {
      localStorage.setItem(skipKey(state.snapshot.sessionId), "1");
    } catch {
      // Private browsing: the question may come back after a reload, nothing worse.
    }
  }
  try {
    state.camp = await connection.invoke("SetCamp", camp);
    state.askingCamp = false;
  } catch (error) {
    state.error = messageOf(error);
  }
  draw();
}

async function saveReason() {
  const scenario = state.snapshot?.current;
  const text = reasonText(scenario.id);
  const length = lengthOf(text.trim());
  if (length > MAX_REASON) {
    // Refused here too, so that a pasted essay never has to travel: the server would refuse it the same way.
    state.error = reasonTooLong(length);
    draw();
    return;
  }
  state.error = null;
  try {
    const receipt = await connection.invoke("SetReason", scenario.id, text);
    state.votes.set(scenario.id, receipt);
    state.draft = null;
  } catch (error) {
    state.error = messageOf(error);
  }
  draw();
}

// ---- Drawing ----

// A small element builder: props are attributes (or "text", "class", "on…" handlers); children are
// elements or strings, and strings always become text nodes.
function el(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === "text") {
      element.textContent = value;
    } else if (name === "class") {
      element.className = value;
    } else if (name.startsWith("on")) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

function pageState() {
  const snapshot = state.snapshot;
  return state.joinError !== null ? "Failed"
    : !snapshot ? "Joining"
    : snapshot.phase === ENDED ? "Ended"
    : snapshot.camps && state.askingCamp ? "Camp"
    : !snapshot.current ? "Waiting"
    : "Voting";
}

function draw() {
  // Redraws keep the focused control and the reason being typed.
  const focused = document.activeElement?.dataset?.focusKey;
  const selection = document.activeElement?.tagName === "TEXTAREA" ? [document.activeElement.selectionStart, document.activeElement.selectionEnd] : null;
  const page = pageState();
  root.dataset.state = page;
  body.replaceChildren(...view(page).filter((part) => part !== null));
  const again = focused ? body.querySelector(`[data-focus-key="${focused}"]`) : null;
  if (again && !again.disabled) {
    again.focus();
    if (selection) {
      again.setSelectionRange(...selection);
    }
  }
}

function view(page) {
  const snapshot = state.snapshot;
  switch (page) {
    case "Joining":
      return [el("p", { class: "status", role: "status", text: t("joining") })];
    case "Failed":
      return [
        el("h1", { text: t("cantJoin") }),
        el("p", { class: "error", role: "alert", text: state.joinError }),
        el("p", null, el("a", { class: "button", href: `/?code=${encodeURIComponent(code)}`, text: t("tryAnotherCode") })),
      ];
    case "Ended": {
      const voted = state.recap?.voted ?? state.votes.size;
      const of = state.recap?.scenarios ?? snapshot.scenarioCount;
      return [
        el("h1", { text: t("thankYou") }),
        el("p", { text: t("ended", { title: snapshot.title }) }),
        el("p", { class: "summary", "data-testid": "summary", text: t(of === 1 ? "votedOn.one" : "votedOn.many", { voted, of }) }),
        state.recap ? el("p", { class: "summary", "data-testid": "agreed", text: agreedText(state.recap.agreedWithTheRoom) }) : null,
        recapList(snapshot.recap),
      ];
    }
    case "Camp":
      return [campQuestion(snapshot.camps)];
    case "Waiting":
      return [
        el("h1", { text: t("youreIn") }),
        el("p", { class: "status", role: "status", text: t("waiting") }),
        campLine(snapshot.camps),
      ];
    default:
      return [
        snapshot.isBlanked ? el("p", { class: "paused", role: "status", text: t("paused") }) : null,
        voteCard(snapshot.current, snapshot.revealedResults),
        campLine(snapshot.camps),
      ];
  }
}

// The camp question: one tap on a camp, or skip. The camps' names come from the session.
function campQuestion(camps) {
  return el("section", { class: "camp-question", "aria-labelledby": "camp-heading" },
    el("h1", { id: "camp-heading", text: t("campQuestion") }),
    el("p", { class: "camp-note", text: t("campNote") }),
    el("div", { class: "camp-choices", role: "group", "aria-labelledby": "camp-heading" }, camps.map((name, i) => el("button", {
      type: "button",
      class: "camp-choice",
      "aria-pressed": state.camp === i ? "true" : "false",
      "data-focus-key": `camp-${i}`,
      onclick: () => chooseCamp(i),
      text: name,
    }))),
    el("button", { type: "button", class: "secondary camp-skip", "data-focus-key": "camp-skip", onclick: () => chooseCamp(null), text: t(state.camp === null ? "campSkip" : "campDontSay") }),
    state.error !== null ? el("p", { class: "error", role: "alert", text: state.error }) : null);
}

// Below the vote: the camp given (or that none was), and a way to change it.
function campLine(camps) {
  if (!camps) {
    return null;
  }
  const given = state.camp !== null && state.camp < camps.length ? camps[state.camp] : null;
  return el("p", { class: "camp-line", "data-testid": "camp-line" },
    el("span", { text: `${given ? t("campGiven", { camp: given }) : t("campNotGiven")} ` }),
    el("button", { type: "button", class: "link", "data-focus-key": "camp-change", onclick: () => { state.askingCamp = true; state.error = null; draw(); }, text: t(given ? "campChange" : "campSay") }));
}

function agreedText(times) {
  return t(times === 0 ? "agreed.never" : times === 1 ? "agreed.once" : times === 2 ? "agreed.twice" : "agreed.many", { times });
}

// A scenario in the participant's language: its translation's title and context where it has them, else
// the English, each with the language it is really in (as Core's ScenarioTexts.In says).
function wording(scenario) {
  const translated = scenario.translations?.[LANGUAGE] ?? null;
  const hasTitle = translated?.publicBody && translated?.counterpart;
  const context = translated?.context ?? scenario.context;
  return {
    title: hasTitle ? t("scenarioTitle", { publicBody: translated.publicBody, counterpart: translated.counterpart }) : scenario.title,
    titleLang: CULTURES[hasTitle ? LANGUAGE : "en"],
    context,
    contextLang: CULTURES[translated?.context ? LANGUAGE : "en"],
  };
}

// The recap: the verdict of each scenario the room saw revealed, with this phone's own vote beside each.
function recapList(recap) {
  if (!recap || recap.scenarios.length === 0) {
    return null;
  }
  return el("ol", { class: "recap-list", "aria-label": t("decided") }, recap.scenarios.map((item) => {
    const mine = state.votes.get(item.scenario.id);
    return el("li", null,
      el("span", { class: "recap-title", lang: wording(item.scenario).titleLang, text: wording(item.scenario).title }),
      el("span", { class: "recap-verdict", text: VERDICTS[item.results.verdict] }),
      el("span", { class: "recap-mine", text: mine ? t("mine", { choice: LABELS[mine.choice] }) : t("didNotVote") }));
  }));
}

function voteCard(scenario, revealed) {
  const mine = state.votes.get(scenario.id) ?? null;
  let content;
  if (scenario.state === OPEN) {
    const pending = state.pending?.scenarioId === scenario.id ? state.pending.choice : null;
    content = [
      el("div", { class: "choices", role: "group", "aria-label": t("yourVote") }, CHOICES.map((choice) => el("button", {
        type: "button",
        class: `choice ${NAMES[choice].toLowerCase()}${state.sending === choice ? " sending" : ""}${pending === choice ? " pending" : ""}`,
        "aria-pressed": mine?.choice === choice ? "true" : "false",
        disabled: state.sending !== null,
        "data-focus-key": `choice-${choice}`,
        onclick: () => vote(choice),
        text: LABELS[choice],
      }))),
      el("p", { class: "status", role: "status", "aria-live": "polite" },
        state.sending !== null ? el("span", { text: t("sending") })
          : pending !== null ? el("span", { class: "pending-note", "data-testid": "pending", text: t("willSend", { choice: LABELS[pending] }) })
          : mine ? el("span", { class: "received", text: t("received", { choice: LABELS[mine.choice] }) })
          : el("span", { text: t("open") }),
        scenario.closesAt ? countdown(scenario.closesAt) : null),
      mine ? reasonBox(scenario.id, mine) : null,
    ];
  } else if (scenario.state === REVEALED && revealed) {
    content = [el("p", { class: "verdict", text: VERDICTS[revealed.verdict] }), resultsBars(revealed, mine?.choice)];
  } else if (scenario.state === PENDING) {
    content = [el("p", { class: "status", role: "status", "data-testid": "before-voting", text: t("beforeVoting") })];
  } else {
    content = [el("p", { class: "status", role: "status", text: mine ? t("closedVoted", { choice: LABELS[mine.choice] }) : t("closedNotVoted") })];
  }

  const words = wording(scenario);
  return el("article", { class: "vote-card" },
    el("h1", { class: "scenario-title", lang: words.titleLang, text: words.title }),
    words.context ? el("p", { class: "scenario-context", lang: words.contextLang, text: words.context }) : null,
    content,
    state.error !== null ? el("p", { class: "error", role: "alert", text: state.error }) : null);
}

// The time left, as minutes and seconds ("4:49"), counted from the server's clock. It ticks here, in the
// page, so that nothing is sent for a clock.
function timeLeft(closesAt) {
  const at = Date.parse(/Z|[+-]\d\d:\d\d$/.test(closesAt) ? closesAt : `${closesAt}Z`);
  const seconds = Math.ceil(Math.max(0, at - (Date.now() + state.clockOffset)) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function countdown(closesAt) {
  // The sentence around the time left: the time is its own element, so that it ticks without redrawing the rest.
  const [before, after] = t("closesIn").split("{time}");
  return el("span", { class: "phone-countdown" }, ` ${before}`, el("span", { "data-closes-at": closesAt, text: timeLeft(closesAt) }), after ?? "");
}

setInterval(() => {
  for (const clock of body.querySelectorAll("[data-closes-at]")) {
    const text = timeLeft(clock.dataset.closesAt);
    if (clock.textContent !== text) {
      clock.textContent = text;
    }
  }
}, 250);

function reasonText(scenarioId) {
  return state.draft?.scenarioId === scenarioId ? state.draft.text : (state.votes.get(scenarioId)?.reason ?? "");
}

function reasonBox(scenarioId, mine) {
  const saved = mine.reason ?? "";
  const count = el("span", { id: "reason-count" });
  const save = el("button", { type: "button", class: "secondary", "data-focus-key": "reason-save", onclick: saveReason, text: t(saved ? "updateReason" : "addReason") });
  const done = el("p", { class: "saved", role: "status", text: t("reasonSaved") });
  const text = el("textarea", { id: "reason-text", rows: 2, "aria-describedby": "reason-count", "data-focus-key": "reason" });
  text.value = reasonText(scenarioId);
  const update = () => {
    const length = lengthOf(text.value);
    const changed = text.value.trim() !== saved;
    count.textContent = `${length} / ${MAX_REASON}`;
    count.className = length > MAX_REASON ? "over" : "";
    save.disabled = !changed || !state.online;
    done.hidden = changed || !saved;
  };
  text.addEventListener("input", () => {
    state.draft = { scenarioId, text: text.value };
    update();
  });
  update();
  return el("div", { class: "reason" },
    el("label", { for: "reason-text", text: t("why") }),
    text,
    el("div", { class: "reason-footer" }, count, save),
    done);
}

// The room's split as three labelled bars, as the projector draws them (ResultsBars.razor).
function resultsBars(results, mine) {
  const figures = { 1: [results.snog, results.snogPercent], 2: [results.marry, results.marryPercent], 3: [results.avoid, results.avoidPercent] };
  return el("div", { class: "results", role: "group", "aria-label": t("results") }, CHOICES.map((choice) => {
    const [count, percent] = figures[choice];
    const fill = el("span", { class: "result-fill" });
    fill.style.width = `${percent}%`;
    return el("div", { class: `result-row ${NAMES[choice].toLowerCase()}${mine === choice ? " mine" : ""}`, "data-choice": NAMES[choice] },
      el("span", { class: "result-label" }, LABELS[choice],
        mine === choice ? [el("span", { "aria-hidden": "true", text: " ✓" }), el("span", { class: "visually-hidden", text: t("yourVoteMark") })] : null),
      el("span", { class: "result-track" }, fill),
      el("span", { class: "result-figures" }, el("span", { class: "result-count", "data-count": NAMES[choice], text: String(count) }), ` · ${percent}%`));
  }));
}

connect();
