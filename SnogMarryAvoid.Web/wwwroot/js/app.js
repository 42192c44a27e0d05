// Small, dependency-free helpers for every page. No inline script anywhere: this file is loaded as a module.

// Countdowns: an element with data-closes-in-ms shows the seconds left, ticking in the browser so
// that the server never re-renders a page just for a clock.
const seen = new WeakMap();
function tick() {
  for (const el of document.querySelectorAll("[data-closes-in-ms]")) {
    const ms = Number(el.dataset.closesInMs);
    const known = seen.get(el);
    if (!known || known.ms !== ms) {
      seen.set(el, { ms, at: performance.now() });
    }
    const { at } = seen.get(el);
    const left = Math.max(0, Math.ceil((ms - (performance.now() - at)) / 1000));
    // Minutes and seconds, as CountdownText.Of renders it on the server: "4:49", "0:45".
    const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
    if (el.textContent !== text) {
      el.textContent = text;
    }
  }
}
setInterval(tick, 250);

// The projector's full-screen button.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-fullscreen]");
  if (!button) {
    return;
  }
  if (document.fullscreenElement) {
    document.exitFullscreen();
  } else {
    document.documentElement.requestFullscreen?.();
  }
});

// The projector fits the screen (ProjectorView, data-fit): the text shrinks (--fit, down to FLOOR, so the
// scenario stays at least 40 px high at 1080p) until nothing runs off the screen; if that is not enough,
// the last items of a list (reasons, the recap's scenarios) give way to a line that says how many are
// left out ("+2 more reasons"), and last of all the context gives way after three lines.
const FLOOR = 0.57;
function fitProjector() {
  // The projector's own screen, and the console's preview of it (the same slide, scaled down).
  for (const preview of document.querySelectorAll(".console-preview")) {
    const scale = preview.clientWidth / 1920;
    if (preview.style.getPropertyValue("--preview-scale") !== String(scale)) {
      preview.style.setProperty("--preview-scale", String(scale));
    }
  }
  for (const view of document.querySelectorAll(".projector-view[data-fit]")) {
    fitView(view);
  }
}

function setText(el, text) {
  if (el && el.textContent !== text) {
    el.textContent = text;
  }
}

function fitView(view) {
  const fits = () => view.scrollHeight <= view.clientHeight + 1 && view.scrollWidth <= view.clientWidth + 1;
  const items = [...view.querySelectorAll("[data-fit-list] > li")];
  const more = view.querySelector("[data-more]");
  items.forEach((item) => { item.hidden = false; });
  if (more) {
    more.hidden = true;
  }
  view.classList.remove("clamped");
  view.style.setProperty("--fit", "1");
  let fit = 1;
  if (!fits()) {
    let [low, high] = [FLOOR, 1];
    for (let step = 0; step < 8; step++) {
      const middle = (low + high) / 2;
      view.style.setProperty("--fit", String(middle));
      [low, high] = fits() ? [middle, high] : [low, middle];
    }
    fit = low;
    view.style.setProperty("--fit", String(fit));
  }
  let hidden = 0;
  for (let i = items.length - 1; i > 0 && !fits(); i--) {
    items[i].hidden = true;
    hidden++;
    if (more) {
      // "+2", then the word in each of the room's languages (More.razor).
      setText(more.querySelector("[data-more-count]"), `+${hidden}`);
      for (const word of more.querySelectorAll("[data-one]")) {
        setText(word, hidden === 1 ? word.dataset.one : word.dataset.many);
      }
      more.hidden = false;
    }
  }
  if (!fits()) {
    view.classList.add("clamped");
  }
  view.dataset.fitted = String(Math.round(fit * 100) / 100);
}

let fitPending = false;
function scheduleFit() {
  if (!fitPending) {
    fitPending = true;
    requestAnimationFrame(() => {
      fitPending = false;
      fitProjector();
    });
  }
}
// Blazor redraws the view as the room moves on. A countdown's ticking is not a change of layout, and
// nor is the fitter's own "+N more" line: counting it would fit the projector again at every frame.
const NOT_A_REDRAW = "[data-closes-in-ms], [data-more]";
new MutationObserver((changes) => {
  if (changes.some((change) => !(change.target.closest?.(NOT_A_REDRAW) ?? change.target.parentElement?.closest(NOT_A_REDRAW)))) {
    scheduleFit();
  }
}).observe(document.body, { childList: true, subtree: true, characterData: true });
window.addEventListener("resize", scheduleFit);
document.fonts?.ready.then(scheduleFit);
scheduleFit();
