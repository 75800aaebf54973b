import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENVELOPE_BYTES } from "@/lib/uploads/handler";
import { MAX_UPLOAD_BYTES } from "@/lib/uploads/ingest";
import { videoLimitsFor } from "@/lib/uploads/video-range";
import { NGINX_CONF_TEMPLATE, renderNginxConf } from "@/scripts/nginx-conf";
import { KEEP_ALIVE_TIMEOUT_MS } from "@/scripts/server-launch";

// deploy/nginx.conf against the studio's own numbers: a change on either side that breaks the pair fails
// here. (The cluster e2e project runs the file itself in front of two studios.)

const template = readFileSync(NGINX_CONF_TEMPLATE, "utf8");
const conf = renderNginxConf({
  listen: "127.0.0.1:8080",
  upstreams: ["127.0.0.1:3001", "127.0.0.1:3002"],
  staticDir: "/srv/omni/.next/static/",
});
/** Directives outside comments. */
const directives = conf
  .split("\n")
  .map((l) => l.replace(/#.*$/, "").trim())
  .filter(Boolean);
const value = (name: string) =>
  directives
    .find((d) => d.startsWith(`${name} `))
    ?.replace(/;$/, "")
    .split(/\s+/)[1];
const size = (v: string) => {
  const m = /^(\d+)([kKmMgG]?)$/.exec(v);
  if (!m) throw new Error(`not a size: ${v}`);
  const unit = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] as string).toLowerCase()] as number;
  return Number(m[1]) * unit;
};
const seconds = (v: string) => Number(/^(\d+)s$/.exec(v)?.[1] ?? Number.NaN);

describe("deploy/nginx.conf", () => {
  it("lets through every body the studio accepts, and not much more", () => {
    const largest = Math.max(MAX_UPLOAD_BYTES, videoLimitsFor().maxBytes) + ENVELOPE_BYTES;
    const limit = size(value("client_max_body_size") as string);
    expect(limit).toBeGreaterThanOrEqual(largest);
    expect(limit - largest).toBeLessThan(2 * 1024 * 1024);
  });

  it("closes idle upstream connections before the studio does", () => {
    expect(seconds(value("keepalive_timeout") as string) * 1000).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS);
    expect(directives).toContain("proxy_http_version 1.1;");
    expect(directives).toContain('proxy_set_header Connection "";');
  });

  it("passes the live event stream on unbuffered and holds it open", () => {
    const block = conf.slice(
      conf.indexOf("location = /api/events"),
      conf.indexOf("}", conf.indexOf("location = /api/events")),
    );
    expect(block).toContain("proxy_buffering off;");
    // Hours, not nginx's 60 s default: the stream is quiet between keep-alive pings.
    expect(Number(/proxy_read_timeout (\d+)h;/.exec(block)?.[1] ?? 0)).toBeGreaterThanOrEqual(1);
  });

  it("fills the listen address, the instances and the static folder, and nothing else is left open", () => {
    expect(directives).toContain("listen 127.0.0.1:8080;");
    expect(directives).toContain("server 127.0.0.1:3001;");
    expect(directives).toContain("server 127.0.0.1:3002;");
    expect(directives).toContain("alias /srv/omni/.next/static/;");
    expect(directives.filter((d) => /@[A-Z_]+@/.test(d))).toEqual([]);
    expect(template).toContain("@UPSTREAMS@");
  });

  it("sends the client's address and scheme, and serves the static assets pre-compressed", () => {
    expect(directives).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    expect(directives).toContain("proxy_set_header X-Forwarded-Proto $scheme;");
    expect(directives).toContain("brotli_static on;");
    expect(directives).toContain("gzip_static on;");
  });

  it("refuses a relative static folder and an empty instance list", () => {
    expect(() => renderNginxConf({ listen: 80, upstreams: ["a:1"], staticDir: ".next/static" })).toThrow(
      /absolute/,
    );
    expect(() => renderNginxConf({ listen: 80, upstreams: [], staticDir: "/x" })).toThrow(/instance/);
    expect(() =>
      renderNginxConf({ listen: 80, upstreams: ["a:1"], staticDir: "/x" }, "listen @NOPE@;"),
    ).toThrow(/@NOPE@/);
  });
});
