// The benchmark's engine-alone page: the site's own worker (assets/planner/worker.js) asked for
// one plan, with nothing else on the page. Against the baseline it gives what the engine adds
// to a bare Pyodide start (its files, imports and one plan); the planner against it gives
// what the planner page adds (its styles, scripts, layout and a later start of the worker).
// The situation comes in the fragment as JSON; today's date is added as the planner adds it.
const worker = new Worker("/assets/planner/worker.js", { type: "module" });
const status = document.getElementById("status");
// A plan comes in two answers (worker.js): the dated steps ("enginePlan"), then their
// drafts ("engineDrafts").
worker.addEventListener("message", ({ data }) => {
  if (data.id !== 1) return; // progress messages (status, build, countries)
  if (data.answer === "drafts" && data.result?.ok) {
    window.__bench.mark("engineDrafts");
    status.textContent += `, ${Object.keys(data.result.drafts).length} drafts`;
  } else if (data.result?.ok) {
    window.__bench.mark("enginePlan");
    status.textContent = `Plan with ${data.result.plan.actions.length} steps`;
  } else {
    status.textContent = `No plan: ${JSON.stringify(data.error ?? data.result.errors)}`;
    console.error(status.textContent);
  }
});
// Loaded after the worker has started, so that this page's one module costs it nothing.
const { localToday } = await import("/assets/planner/dates.js");
const situation = JSON.parse(decodeURIComponent(location.hash.slice(1)));
worker.postMessage({ id: 1, type: "plan", situation: { ...situation, today: localToday() } });
