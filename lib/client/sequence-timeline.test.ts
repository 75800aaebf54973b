import { describe, expect, it } from "vitest";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { ShotDTO } from "@/lib/sequences/dto";
import { clock, locate, sequenceTime, shotName, timelineOf } from "./sequence-timeline";

const take = (id: string, sec: number | null, status = "completed", duration = 6) =>
  ({
    id,
    status,
    duration,
    videoDurationSec: sec,
    videoUrl: status === "completed" ? `/api/media/${id}.mp4` : null,
    posterUrl: `/api/media/${id}.webp`,
  }) as unknown as GenerationDTO;
const shot = (position: number, title: string, chosen: GenerationDTO | null) =>
  ({ id: `shot-${position}`, position, title, chosen }) as unknown as ShotDTO;

describe("the sequence timeline", () => {
  const timeline = timelineOf({
    shots: [
      shot(0, "Pier", take("a", 4)),
      shot(1, "Gulls", null),
      shot(2, "", take("c", 6.04)),
      shot(3, "Boat", take("d", null, "running")),
      shot(4, "Dusk", take("e", null, "completed", 5)),
    ],
  });

  it("plays the finished chosen takes in order, back to back, and names the shots left out", () => {
    expect(timeline.segments.map((s) => [s.shotId, s.startSec, s.endSec])).toEqual([
      ["shot-0", 0, 4],
      ["shot-2", 4, 10.04],
      // A take without a measured length lasts what was asked for.
      ["shot-4", 10.04, 15.04],
    ]);
    expect(timeline.totalSec).toBeCloseTo(15.04);
    expect(timeline.missing.map((m) => m.title)).toEqual(["Gulls", "Boat"]);
  });

  it("finds the shot and the moment in its take; a cut belongs to the next shot; outside is clamped", () => {
    expect(locate(timeline, 0)).toEqual({ index: 0, offsetSec: 0 });
    expect(locate(timeline, 3.5)).toEqual({ index: 0, offsetSec: 3.5 });
    expect(locate(timeline, 4)).toEqual({ index: 1, offsetSec: 0 });
    expect(locate(timeline, 12)?.index).toBe(2);
    expect(locate(timeline, 12)?.offsetSec).toBeCloseTo(1.96);
    expect(locate(timeline, -3)).toEqual({ index: 0, offsetSec: 0 });
    expect(locate(timeline, 99)?.index).toBe(2);
    expect(locate(timeline, 99)?.offsetSec).toBeCloseTo(5);
    expect(locate(timelineOf({ shots: [] }), 1)).toBeNull();
    expect(sequenceTime(timeline, 1, 2)).toBe(6);
  });

  it("names shots and shows the clock to a tenth", () => {
    expect(shotName({ position: 1, title: "Gulls" })).toBe("Shot 2 · Gulls");
    expect(shotName({ position: 0, title: "" })).toBe("Shot 1");
    expect([clock(0), clock(9.96), clock(61.25), clock(-1)]).toEqual([
      "0:00.0",
      "0:10.0",
      "1:01.3",
      "0:00.0",
    ]);
  });
});
