// The start's progress (issue 15): when the planner is not ready after SHOW_AFTER_MS, a
// native <progress> shows the bytes of the start's downloads against those expected (the
// worker counts them; first-plan.json gives the sizes the build knows), and a polite live
// region announces coarse steps only, never each byte. A quicker start shows nothing.

const SHOW_AFTER_MS = 1000;
// Shares of the download announced, once each: a screen reader hears a handful of words.
const STEPS = [0.25, 0.5, 0.75];
const MB = 1_000_000;

const megabytes = (bytes) => (bytes / MB).toFixed(1);

export class StartProgress {
  /** @param {{ box: HTMLElement, bar: HTMLProgressElement, bytes: HTMLElement,
   *   step: HTMLElement }} parts the bar's container, the bar, its visible figures and
   *   the live region */
  constructor(parts) {
    this.parts = parts;
    this.over = true;
    this.begin();
  }

  /** A start begins (the page's, or a new worker's after a failed one). */
  begin() {
    if (!this.over) return;
    this.over = false;
    this.latest = { phase: "downloading", done: 0, expected: null };
    this.announced = -1; // the index in STEPS last announced
    this.startingSaid = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.show(), SHOW_AFTER_MS);
  }

  /** The worker's latest word on its start ({ phase, done, expected }). */
  update(progress) {
    if (this.over) return;
    this.latest = progress;
    if (!this.parts.box.hidden) this.draw();
  }

  show() {
    if (this.over) return;
    this.parts.box.hidden = false;
    this.say("Downloading the planner…");
    this.draw();
  }

  draw() {
    const { bar, bytes } = this.parts;
    const { phase, done, expected } = this.latest;
    if (expected) {
      bar.max = expected;
      bar.value = phase === "starting" ? expected : done;
      bytes.textContent = `${megabytes(bar.value)} of ${megabytes(expected)} MB`;
    } else {
      bar.removeAttribute("value"); // no size known yet: a bar without a value is "busy"
      bytes.textContent = "";
    }
    if (phase === "starting") {
      if (!this.startingSaid) this.say("Downloaded. Starting the planner…");
      this.startingSaid = true;
      return;
    }
    const share = expected ? done / expected : 0;
    let reached = this.announced;
    while (reached + 1 < STEPS.length && share >= STEPS[reached + 1]) reached += 1;
    if (reached > this.announced) {
      this.announced = reached;
      this.say(`${Math.round(STEPS[reached] * 100)}% downloaded`);
    }
  }

  say(text) {
    this.parts.step.textContent = text;
  }

  /** The start is over (ready or failed): the bar goes, and says nothing more. */
  finish() {
    this.over = true;
    clearTimeout(this.timer);
    this.parts.box.hidden = true;
    this.parts.step.textContent = "";
  }
}
