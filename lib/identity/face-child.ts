// The scoring process: the web server forks it (scorer.ts) so the face model's memory and CPU stay out of
// the server's own process, and runs it at a lower priority. One request at a time, over IPC.
import { loadFaceModels } from "./face-engine";
import { type MeasureRequest, measureClip } from "./measure";

type Request = { id: number; op: "measure"; req: MeasureRequest } | { id: number; op: "load" };

const send = (m: unknown) => process.send?.(m);

process.on("message", async (m: Request) => {
  const started = performance.now();
  try {
    const result = m.op === "load" ? await loadFaceModels().then(() => null) : await measureClip(m.req);
    send({
      id: m.id,
      ok: true,
      result,
      ms: Math.round(performance.now() - started),
      rss: process.memoryUsage().rss,
    });
  } catch (err) {
    send({ id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
// The server went away: so does this process.
process.on("disconnect", () => process.exit(0));
