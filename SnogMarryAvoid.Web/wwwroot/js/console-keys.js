// The facilitator's keyboard and presentation-clicker shortcuts. They work wherever focus is after a
// click (a switch, a select, a menu, a button, a closed dialog); only text fields keep their keys, and an
// open list or dialog keeps them while it is open.
const handled = new Set(["PageDown", "PageUp", "ArrowRight", "ArrowLeft", "b", "B", ".", "o", "O", "c", "C", "r", "R",
  "x", "X", "s", "S", "e", "E", "t", "T", "l", "L", "?", "h", "H", "Escape"]);

// Input types that take typed text; checkboxes (switches), radios and buttons do not.
const textTypes = new Set(["text", "search", "email", "password", "number", "tel", "url", "date", "time", "datetime-local", "month", "week"]);

function isTextField(target) {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT") {
    return true;
  }
  // A select's read-only box (MudSelect) shows a choice; it takes no typing once its list is closed.
  return target.tagName === "INPUT" && textTypes.has(target.type) && !target.readOnly;
}

// Something that has the keyboard while it is open: a confirmation dialog, an open select's list, a menu.
function somethingOpen() {
  return document.querySelector(".mud-dialog-container, .mud-popover-open") !== null;
}

export function listen(dotNetRef) {
  const onKey = (event) => {
    if (!handled.has(event.key) || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (isTextField(event.target)) {
      return; // a text field keeps every key, Esc included (it cancels an inline edit)
    }
    if (somethingOpen()) {
      return; // Escape and the arrows belong to what is open
    }
    // Taken before any control sees it: a focused switch must not also flip on an arrow key.
    event.preventDefault();
    event.stopPropagation();
    dotNetRef.invokeMethodAsync("OnShortcut", event.key);
  };
  window.addEventListener("keydown", onKey, { capture: true });
  return { dispose: () => window.removeEventListener("keydown", onKey, { capture: true }) };
}
