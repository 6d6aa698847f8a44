// The page's side of the worker protocol: number each request, match answers to requests,
// and pass progress messages on. Errors come back as data ({ error }), never as throws.

export class EngineClient {
  /**
   * @param {Worker} worker the module worker running worker.js
   * @param {{
   *   onStatus: (text: string, state: string) => void,
   *   onCountries: (codes: string[]) => void,
   *   onBuild: (build: string) => void,
   * }} hooks
   */
  constructor(worker, { onStatus, onCountries, onBuild }) {
    this.worker = worker;
    this.nextId = 1;
    this.pending = new Map();
    worker.addEventListener("message", (event) => {
      const data = event.data;
      if (data.type === "status") onStatus(data.text, data.state);
      else if (data.type === "countries") onCountries(data.countries);
      else if (data.type === "build") onBuild(data.build);
      else this.settle(data.id, data);
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      const text = "The planner could not start in this browser.";
      onStatus(text, "failed");
      for (const id of [...this.pending.keys()]) this.settle(id, { id, error: text });
    });
  }

  settle(id, answer) {
    const resolve = this.pending.get(id);
    if (!resolve) return;
    this.pending.delete(id);
    resolve(answer);
  }

  /** Send a request; returns its id and a promise of `{ id, result }` or `{ id, error }`. */
  request(type, situation, action) {
    const id = this.nextId++;
    const answer = new Promise((resolve) => this.pending.set(id, resolve));
    this.worker.postMessage({ id, type, situation, action });
    return { id, answer };
  }
}
