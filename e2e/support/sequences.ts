// Sequences made through the API for the specs that start from a storyboard with chosen takes.
import { type APIRequestContext, expect } from "@playwright/test";
import type { ExportDTO } from "@/lib/exports/dto";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { SequenceDTO, ShotDTO } from "@/lib/sequences/dto";
import { createClip, uploadReference, waitForStatus } from "./clips";

export async function createSequence(
  request: APIRequestContext,
  title: string,
  aspectRatio: "16:9" | "9:16" = "16:9",
): Promise<SequenceDTO> {
  const projects = await request.get("/api/projects");
  expect(projects.status()).toBe(200);
  const [project] = ((await projects.json()) as { items: { id: string }[] }).items;
  const res = await request.post("/api/sequences", { data: { projectId: project!.id, title, aspectRatio } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { sequence: SequenceDTO }).sequence;
}

export async function addShot(
  request: APIRequestContext,
  sequenceId: string,
  title: string,
): Promise<ShotDTO> {
  const res = await request.post(`/api/sequences/${sequenceId}/shots`, { data: { title } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { shot: ShotDTO }).shot;
}

/**
 * A sequence whose shots (titled `titles`) each have one finished preview take of `durationSec`, chosen.
 * Returns the sequence as the API gives it and the takes in shot order.
 */
export async function sequenceWithTakes(
  request: APIRequestContext,
  title: string,
  titles: string[],
  durationSec = 3,
  seed = 5100,
): Promise<{ sequence: SequenceDTO; takes: GenerationDTO[] }> {
  const sequence = await createSequence(request, title);
  const made: { shot: ShotDTO; take: GenerationDTO }[] = [];
  for (const [i, name] of titles.entries()) {
    const shot = await addShot(request, sequence.id, name);
    const ref = await uploadReference(request, i % 2 ? "place" : "character", `${name}.png`, seed + i);
    const [take] = await createClip(request, {
      prompt: `<IMAGE_REF_0> in ${name}.`,
      references: [ref],
      referenceNames: [name],
      duration: durationSec,
      shotId: shot.id,
    });
    made.push({ shot, take: take! });
  }
  const takes: GenerationDTO[] = [];
  for (const { shot, take } of made) {
    takes.push(await waitForStatus(request, take.id, "completed"));
    const res = await request.patch(`/api/shots/${shot.id}`, { data: { chosenGenerationId: take.id } });
    expect(res.status(), await res.text()).toBe(200);
  }
  const res = await request.get(`/api/sequences/${sequence.id}`);
  return { sequence: ((await res.json()) as { sequence: SequenceDTO }).sequence, takes };
}

export async function waitForExport(request: APIRequestContext, id: string): Promise<ExportDTO> {
  let last: ExportDTO | undefined;
  await expect
    .poll(
      async () => {
        last = ((await (await request.get(`/api/exports/${id}`)).json()) as { export: ExportDTO }).export;
        return last.status;
      },
      { timeout: 120_000, intervals: [250, 500, 1000] },
    )
    .toMatch(/completed|failed/);
  expect(last?.error ?? null).toBeNull();
  return last!;
}
