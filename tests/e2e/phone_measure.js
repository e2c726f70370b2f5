// Measures the page shown at phone width for tests/e2e/test_phone_layout.py.
// Returns the page's width, the outermost elements sticking out past the screen (those
// inside a box that scrolls sideways within the screen do not count), and every visible
// target smaller than `target` CSS px either way: links, buttons, fields, summaries, options
// suggested as you type, and checkboxes or radio buttons (by the label around them when
// there is one: the label is what a finger hits).
({ width, target }) => {
  const describe = (el) => {
    let text = el.getAttribute("aria-label") || el.textContent || el.value || el.name || "";
    text = text.replace(/\s+/g, " ").trim().slice(0, 40);
    let tag = el.tagName.toLowerCase();
    if (el.id) tag += "#" + el.id;
    if (typeof el.className === "string" && el.className.trim()) {
      tag += "." + el.className.trim().split(/\s+/).join(".");
    }
    return `${tag} "${text}"`;
  };
  // Inside a box that clips or scrolls sideways and itself fits the screen.
  const contained = (el) => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") {
        return box.getBoundingClientRect().right <= width + 0.5;
      }
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5 || contained(el)) continue;
    if (wide.some((outer) => outer.contains(el))) continue;
    wide.push(el);
  }
  const small = [];
  const targets = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=option]";
  for (let el of document.querySelectorAll(targets)) {
    if (el.matches("input[type=checkbox], input[type=radio]") && el.closest("label")) {
      el = el.closest("label");
    }
    // A control hidden for the eye (.visually-hidden: clipped to nothing) is tapped
    // through its label, which is what must be big enough; one without a label is for
    // screen readers only.
    if (getComputedStyle(el).clip === "rect(0px, 0px, 0px, 0px)") {
      if (!el.labels || el.labels.length === 0) continue;
      el = el.labels[0];
    }
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    // Not shown: no box (display: none, a closed <details>), hidden, or off the screen to
    // the left until focused (the "Skip to content" link).
    if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || box.right <= 0) {
      continue;
    }
    if (box.width < target - 0.5 || box.height < target - 0.5) {
      small.push(`${describe(el)} ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wide: wide.map((el) => `${describe(el)} to ${Math.round(el.getBoundingClientRect().right)} px`),
    small: [...new Set(small)],
  };
}
