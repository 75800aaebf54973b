import { describe, expect, it } from "vitest";
import {
  chapters,
  chooseFps,
  chooseSize,
  escapeFfmetadata,
  ffmetadata,
  filterGraph,
  type ShotInput,
  shotFrames,
} from "./stitch-plan";

const shot = (width: number, height: number, over: Partial<ShotInput> = {}): ShotInput => ({
  width,
  height,
  videoSec: 8,
  fps: 24,
  hasAudio: true,
  ...over,
});

describe("chooseSize", () => {
  it("takes the size most shots have", () => {
    const size = chooseSize([shot(854, 480), shot(1280, 720), shot(1920, 1080), shot(1280, 720)]);
    expect(size).toEqual({ width: 1280, height: 720 });
  });

  it("keeps the first shot's size on a tie", () => {
    expect(chooseSize([shot(854, 480), shot(1280, 720), shot(1280, 720), shot(854, 480)])).toEqual({
      width: 854,
      height: 480,
    });
    expect(chooseSize([shot(1920, 1080), shot(1280, 720)])).toEqual({ width: 1920, height: 1080 });
  });

  it("takes the size asked for, made even for H.264", () => {
    expect(chooseSize([shot(1280, 720)], { width: 853, height: 480 })).toEqual({ width: 854, height: 480 });
  });

  it("refuses no shots", () => {
    expect(() => chooseSize([])).toThrow(/no shots/);
  });
});

describe("chooseFps", () => {
  it("takes the first shot's rate, rounded", () => {
    expect(chooseFps([{ fps: 23.976 }, { fps: 30 }])).toBe(24);
    expect(chooseFps([{ fps: 29.97 }, { fps: 24 }])).toBe(30);
    expect(chooseFps([{ fps: 25 }])).toBe(25);
  });

  it("takes the rate asked for; an unknown rate gives 30; a rate past 60 is capped", () => {
    expect(chooseFps([{ fps: 24 }], 30)).toBe(30);
    expect(chooseFps([{ fps: null }])).toBe(30);
    expect(chooseFps([{ fps: 1000 }])).toBe(60);
  });
});

describe("shotFrames and chapters", () => {
  it("keeps each shot's video length to the nearest frame of the export", () => {
    expect(shotFrames(8, 24)).toBe(192);
    expect(shotFrames(2.1, 24)).toBe(50);
    expect(shotFrames(0.001, 24)).toBe(1);
  });

  it("puts the chapters on the cuts, from whole frames", () => {
    expect(chapters(["a", "b", "c"], [48, 50, 36], 24)).toEqual([
      { title: "a", startSec: 0, endSec: 2 },
      { title: "b", startSec: 2, endSec: 98 / 24 },
      { title: "c", startSec: 98 / 24, endSec: 134 / 24 },
    ]);
  });
});

describe("filterGraph", () => {
  const graph = filterGraph(
    [shot(1280, 720), shot(854, 480, { hasAudio: false }), shot(1920, 1080, { fps: 30 })],
    { width: 1280, height: 720 },
    24,
    [192, 50, 36],
  );
  const parts = graph.split(";");

  it("fits only the shots of another size, inside the frame and padded, never stretched", () => {
    expect(parts[0]).toBe(
      "[0:v:0]setsar=1,fps=24:start_time=0,format=yuv420p,tpad=stop_mode=clone:stop=2,trim=end_frame=192[v0]",
    );
    expect(parts[2]).toContain(
      "[1:v:0]scale='2*trunc(min(1280/iw,720/ih)*iw/2)':'2*trunc(min(1280/iw,720/ih)*ih/2)':flags=bicubic," +
        "pad=1280:720:(ow-iw)/2:(oh-ih)/2:black,",
    );
    expect(parts[4]).toMatch(/^\[2:v:0\]scale='2\*trunc\(min\(1280\/iw,720\/ih\)/);
    expect(parts[4]).toContain("trim=end_frame=36[v2]");
  });

  it("fits each shot's sound to its picture, fades it at the cuts, and fills a silent shot", () => {
    expect(parts[1]).toBe(
      "[0:a:0]aresample=48000:first_pts=0,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo," +
        "apad,atrim=end=8.000000," +
        "afade=t=in:d=0.030000,afade=t=out:st=7.970000:d=0.030000[a0]",
    );
    // 50 frames at 24 fps: 2.083333 s of silence, the picture's length.
    expect(parts[3]).toMatch(/^anullsrc=r=48000:cl=stereo,.*apad,atrim=end=2\.083333,/);
    expect(parts[5]).toContain("atrim=end=1.500000,");
  });

  it("joins every shot's picture and sound with one concat", () => {
    expect(parts.at(-1)).toBe("[v0][a0][v1][a1][v2][a2]concat=n=3:v=1:a=1[v][a]");
    expect(parts).toHaveLength(7);
  });
});

describe("ffmetadata", () => {
  it("escapes =, ;, #, backslash and newline, and drops NUL", () => {
    expect(escapeFfmetadata("a=b;c#d\\e\nf\0g")).toBe("a\\=b\\;c\\#d\\\\e\\\nfg");
  });

  it("writes a chapter per shot in milliseconds, titles escaped", () => {
    const text = ffmetadata([
      { title: "One; two", startSec: 0, endSec: 2 },
      { title: "#3 = \\ four", startSec: 2, endSec: 98 / 24 },
    ]);
    expect(text).toBe(
      [
        ";FFMETADATA1",
        "[CHAPTER]",
        "TIMEBASE=1/1000",
        "START=0",
        "END=2000",
        "title=One\\; two",
        "[CHAPTER]",
        "TIMEBASE=1/1000",
        "START=2000",
        "END=4083",
        "title=\\#3 \\= \\\\ four",
        "",
      ].join("\n"),
    );
  });
});
