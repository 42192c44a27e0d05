// The facilitator's keyboard and presentation-clicker shortcuts. Keys typed into a field are left alone.
const handled = new Set(["PageDown", "PageUp", "ArrowRight", "ArrowLeft", "b", "B", ".", "o", "O", "c", "C", "r", "R",
  "x", "X", "s", "S", "e", "E", "t", "T", "l", "L", "?", "h", "H", "Escape"]);

export function listen(dotNetRef) {
  const onKey = async (event) => {
    if (!handled.has(event.key) || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
    if (typing && event.key !== "Escape") {
      return;
    }
    if (document.querySelector(".mud-dialog-container") && event.key !== "Escape") {
      return; // a confirmation dialog has the keyboard
    }
    event.preventDefault();
    await dotNetRef.invokeMethodAsync("OnShortcut", event.key);
  };
  document.addEventListener("keydown", onKey);
  return { dispose: () => document.removeEventListener("keydown", onKey) };
}
