// Start the engine's worker as soon as this tiny module has run, not once planner.js and its
// whole module graph have loaded and run (issue 15): Pyodide's download and start are the
// planner's cost, and they begin when the worker does. planner.js adopts the worker later
// (takeWorker); every message the worker sends meanwhile is kept and handed over in order, so
// the page sees its "loading" status, build, progress and countries as if it had started it.

// Same URL and options as engine.js's own workers (planner.js): the first worker has no name
// (a "retry" worker skips the HTTP cache, worker.js).
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "" });
let queue = []; // message and error events until the hand-over; null after it
let taken = false;

// A flag, not removeEventListener, ends the queueing: a page (or a test) that wraps the
// worker's listeners would keep the wrapper registered and the removal would miss it.
const keep = (event) => {
  if (queue === null) return;
  // As engine.js does: a failed start is the page's to say, not the console's.
  if (event.type === "error") event.preventDefault();
  queue.push(event);
};
worker.addEventListener("message", keep);
worker.addEventListener("error", keep);

/**
 * The early worker, for its one owner (EngineClient), or null once taken. handOver(listeners)
 * gives it `{ message, error }` listeners: on the next task, so that the page's own start has
 * run first (as it had when the worker's first messages arrived before), it replays the kept
 * events to them in order, then lets later events reach them directly. Replay and switch are
 * one task: no event can slip in between, or come twice.
 */
export function takeWorker() {
  if (taken) return null;
  taken = true;
  const handOver = (listeners) => {
    // A task of its own through a message channel, not setTimeout: a page whose timers are
    // held (a test's paused clock) still gets its worker's messages, as it always did.
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      const kept = queue;
      queue = null;
      for (const [type, listener] of Object.entries(listeners)) worker.addEventListener(type, listener);
      for (const event of kept) listeners[event.type]?.(event);
    };
    port2.postMessage(null);
  };
  return { worker, handOver };
}
