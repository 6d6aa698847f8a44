// The page's side of the worker protocol: number each request, match answers to requests,
// and pass progress messages on. Errors come back as data ({ error }), never as throws.
// A plan comes in two answers (worker.js): the dated steps, then their drafts.
//
// The client also watches the worker's start: a start that stops moving (no download
// begun, no bytes arrived, no step done) for START_DEADLINE_MS is given up, with a message
// that says what it was doing; restart() then begins again with a fresh worker.

// Long enough for a slow phone to start Python between two signs of life (the worker says
// when bytes arrive, so a slow connection that keeps going is never cut off).
export const START_DEADLINE_MS = 30_000;
const LOADING = "Loading the planner…";
const GIVEN_UP = {
  downloading:
    "The planner could not start: its engine did not finish downloading. Check your connection, then try again.",
  starting:
    "The planner could not start: its engine stopped while starting. Try again; if that fails too, reload the page.",
};

export class EngineClient {
  /**
   * @param {(name: string) => Worker} makeWorker starts a module worker running worker.js,
   *   with the name given ("retry" when the visitor tries again)
   * @param {{
   *   onStatus: (text: string, state: string) => void,
   *   onCountries: (codes: string[]) => void,
   *   onBuild: (build: string) => void,
   *   onProgress?: (progress: { phase: string, done: number, expected: number | null }) => void,
   * }} hooks
   * @param {{ worker: Worker, handOver: (listeners: { message: Function, error: Function })
   *   => void } | null} early the first worker, if the page started it already (early.js): its
   *   messages so far reach this client, in order, through handOver. Without one, or on
   *   restart(), the client starts its own with makeWorker.
   */
  constructor(makeWorker, hooks, early = null) {
    this.makeWorker = makeWorker;
    this.hooks = hooks;
    this.nextId = 1;
    this.pending = new Map();
    this.begin("", early);
  }

  /** Start a worker (or adopt the early one) and watch its start; `name` is the worker's
   * name (see worker.js). */
  begin(name, early = null) {
    const worker = early?.worker ?? this.makeWorker(name);
    this.worker = worker;
    this.failure = null; // the message once this worker is given up or broken
    this.phase = "downloading";
    this.starting = true; // until the worker says "ready" or "failed"
    this.watchStart();
    const listeners = {
      message: (event) => {
        if (worker === this.worker) this.receive(event.data);
      },
      error: (event) => {
        event.preventDefault();
        if (worker === this.worker) this.giveUp("The planner could not start in this browser.");
      },
    };
    if (early) early.handOver(listeners);
    else for (const [type, listener] of Object.entries(listeners)) worker.addEventListener(type, listener);
  }

  receive(data) {
    const { onStatus, onCountries, onBuild, onProgress } = this.hooks;
    if (data.type === "progress") {
      this.phase = data.phase;
      this.watchStart();
      if (this.starting) onProgress?.(data);
    } else if (data.type === "status") {
      if (data.state === "loading") this.watchStart();
      else this.started(); // ready, or failed for a reason the worker gives
      onStatus(data.text, data.state);
    } else if (data.type === "countries") onCountries(data.countries);
    else if (data.type === "build") onBuild(data.build);
    else this.settle(data.id, data);
  }

  /** (Re)start the deadline: the start has just shown a sign of life. */
  watchStart() {
    clearTimeout(this.deadline);
    if (!this.starting) return; // a late sign of life must not stop a worker that is up
    this.deadline = setTimeout(() => this.giveUp(GIVEN_UP[this.phase]), START_DEADLINE_MS);
  }

  /** The start is over, one way or the other: no deadline any more. */
  started() {
    this.starting = false;
    clearTimeout(this.deadline);
  }

  /** Stop this worker for good, say why, and answer every open request with the reason. */
  giveUp(text) {
    this.started();
    this.worker.terminate();
    this.failure = text;
    this.hooks.onStatus(text, "failed");
    for (const id of [...this.pending.keys()]) this.settle(id, { id, error: text });
  }

  /** Begin again with a new worker (the visitor asked to try again after a failed start);
   * a request still open goes to it. */
  restart() {
    this.started();
    this.worker.terminate();
    this.hooks.onStatus(LOADING, "loading");
    this.begin("retry");
    for (const { message } of this.pending.values()) this.worker.postMessage(message);
  }

  /** An answer came: a plan's first answer leaves the request open for its drafts, unless
   * none will follow (problems, an error, or no drafts asked for). */
  settle(id, answer) {
    const open = this.pending.get(id);
    if (!open) return;
    open.resolve(answer); // a second call (the drafts) leaves the first answer as it was
    const more = answer.answer === "dates" && answer.result?.ok && open.message.drafts !== false;
    if (more) return;
    this.pending.delete(id);
    open.resolveDrafts(answer);
  }

  /**
   * Send a request; returns its id, a promise of its answer (`{ id, result }` or
   * `{ id, error }`) and, for a plan, `drafts`: a promise of the second answer
   * (`{ id, answer: "drafts", result: { ok, drafts } }`, or `{ ..., superseded: true }` when
   * the worker skipped it for a newer plan), or of the first again when no drafts follow.
   * `options.drafts = false` asks for a plan's dates only.
   */
  request(type, situation, action, options = {}) {
    const id = this.nextId++;
    if (this.failure !== null) {
      const failed = Promise.resolve({ id, error: this.failure });
      return { id, answer: failed, drafts: failed };
    }
    const message = { id, type, situation, action, ...options };
    let resolve;
    let resolveDrafts;
    const answer = new Promise((done) => {
      resolve = done;
    });
    const drafts = new Promise((done) => {
      resolveDrafts = done;
    });
    this.pending.set(id, { resolve, resolveDrafts, message });
    this.worker.postMessage(message);
    return { id, answer, drafts };
  }
}
