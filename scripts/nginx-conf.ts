// Fills in deploy/nginx.conf's @NAMES@ (where nginx listens, the studio instances, the build's static
// folder) and nothing else, so what the cluster tests run is the committed file. As a command:
//   npx tsx scripts/nginx-conf.ts --listen 80 --upstream 127.0.0.1:3000 --upstream 127.0.0.1:3001 \
//     --static /srv/omni/.next/static > /etc/omni/nginx.conf
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

export interface NginxConfOptions {
  /** `listen` argument: a port, or address:port. */
  listen: string | number;
  /** host:port of each studio instance. */
  upstreams: string[];
  /** The build's static assets (<checkout>/.next/static), absolute. */
  staticDir: string;
}

export const NGINX_CONF_TEMPLATE = path.join(import.meta.dirname, "..", "deploy", "nginx.conf");

export function renderNginxConf(
  options: NginxConfOptions,
  template = readFileSync(NGINX_CONF_TEMPLATE, "utf8"),
) {
  if (options.upstreams.length === 0) throw new Error("at least one studio instance (upstream) is needed");
  if (!path.isAbsolute(options.staticDir))
    throw new Error(`the static folder must be absolute: ${options.staticDir}`);
  const values: Record<string, string> = {
    LISTEN: String(options.listen),
    UPSTREAMS: options.upstreams.map((u) => `server ${u};`).join("\n    "),
    STATIC_DIR: options.staticDir.replace(/\/+$/, ""),
  };
  // Only placeholders outside comments are filled; a name nobody fills is an error, not an empty string.
  return template
    .split("\n")
    .map((line) =>
      line.trimStart().startsWith("#")
        ? line
        : line.replace(/@([A-Z_]+)@/g, (_, name: string) => {
            const value = values[name];
            if (value === undefined) throw new Error(`deploy/nginx.conf: nothing fills @${name}@`);
            return value;
          }),
    )
    .join("\n");
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename;
if (isMain) {
  const { values } = parseArgs({
    options: {
      listen: { type: "string", default: "80" },
      upstream: { type: "string", multiple: true, default: [] },
      static: { type: "string", default: path.resolve(".next/static") },
    },
  });
  process.stdout.write(
    renderNginxConf({
      listen: values.listen,
      upstreams: values.upstream,
      staticDir: path.resolve(values.static),
    }),
  );
}
