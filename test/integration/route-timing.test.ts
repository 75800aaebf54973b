// apiRoute reports what resolving the caller took (`Server-Timing: auth;dur=`), after the handler's own
// entries, so the cost of signing in can be read from outside (the bench's "Resolving the user" rows).
import { afterAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/generations/route";
import { GET as mediaRoute } from "@/app/api/media/[key]/route";
import { mediaUrl } from "@/lib/media/keys";
import { addMember, type TestMember } from "../support/accounts";
import { useStudio } from "../support/fixture";
import { installRuntime } from "../support/runtime";

const noParams = { params: Promise.resolve({}) };
const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://studio.test${path}`, { headers });
const entries = (res: Response) =>
  (res.headers.get("server-timing") ?? "").split(",").map((e) => e.trim().split(";")[0]);

describe("Server-Timing: auth on the studio's routes", () => {
  const studio = useStudio("pglite", {
    references: { count: 1, seed: 7 },
    ready: (s) => installRuntime(s.rt),
  });
  afterAll(() => installRuntime(undefined));
  let owner: TestMember;

  it("appends the auth step to the gallery route's own db and total entries", async () => {
    owner = await addMember(studio.rt, "owner");
    for (const headers of [owner.session, owner.bearer]) {
      const res = await listRoute(get("/api/generations?limit=5", headers), noParams);
      expect(res.status).toBe(200);
      expect(entries(res)).toEqual(["db", "total", "auth"]);
      expect(res.headers.get("server-timing")).toMatch(/(?:^|, )auth;dur=\d+\.\d{2}$/);
    }
  });

  it("sets it on a media answer, which has no Server-Timing of its own", async () => {
    const asset = await studio.db.prisma.asset.findUniqueOrThrow({ where: { id: studio.refs[0] } });
    const res = await mediaRoute(get(mediaUrl(asset.thumbKey), owner.session), {
      params: Promise.resolve({ key: asset.thumbKey }),
    });
    expect(res.status).toBe(200);
    expect(entries(res)).toEqual(["auth"]);
    await res.body?.cancel();
  });

  it("is not sent to a caller who is not signed in", async () => {
    const res = await listRoute(get("/api/generations"), noParams);
    expect(res.status).toBe(401);
    expect(res.headers.get("server-timing")).toBeNull();
  });
});
