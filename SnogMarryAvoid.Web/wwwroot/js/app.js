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
