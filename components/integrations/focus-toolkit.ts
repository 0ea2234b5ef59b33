'use client';

/** How long to wait for the page's re-render after an action before giving up on moving focus. */
const FOCUS_WAIT_MS = 8000;

/**
 * After Connect or Disconnect the row that held the focus goes away with the
 * page's re-render, and the browser drops focus to the page body: a keyboard
 * or screen-reader user would start again from the top. Once that happens,
 * focus moves to the toolkit's name (a link, in whichever section it now
 * is), which is read out with where it landed; the toast says what changed.
 * Focus placed elsewhere is left alone, and so is everything once the
 * person presses a key or the pointer: they have moved on.
 */
export function focusToolkitSoon(slug: string): void {
  const deadline = performance.now() + FOCUS_WAIT_MS;
  const selector = `[data-focus-toolkit="${CSS.escape(slug)}"]`;
  let movedOn = false;
  const stop = () => {
    movedOn = true;
  };
  window.addEventListener('keydown', stop, { once: true, capture: true });
  window.addEventListener('pointerdown', stop, { once: true, capture: true });
  const step = () => {
    if (movedOn) return;
    const active = document.activeElement;
    // Lost, possibly again: the dialog hands the focus back to its trigger, which the re-render then removes.
    if (active === null || active === document.body) {
      const target = document.querySelector<HTMLElement>(selector);
      target?.focus({ preventScroll: true });
      target?.scrollIntoView({ block: 'nearest' });
    }
    if (performance.now() < deadline) requestAnimationFrame(step);
    else {
      window.removeEventListener('keydown', stop, { capture: true });
      window.removeEventListener('pointerdown', stop, { capture: true });
    }
  };
  requestAnimationFrame(step);
}
