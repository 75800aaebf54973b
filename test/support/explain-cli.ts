// Runs the gallery's list query (listGenerations, exactly as GET /api/generations calls it) for the first
// page and for a deep page, captures the SQL Prisma sends, and EXPLAINs (ANALYZE) each statement on the
// same database. Its own process, with the react-server condition, like seed-cli.ts:
//
//   node --conditions=react-server --import tsx test/support/explain-cli.ts --data <DATA_DIR> [--depth 9000]
//   ... --database-url 'postgresql://...?schema=bench_x'
//
// Prints one JSON line: for each page, each statement with the plan's scans and whether the Generation
// scan used an index.
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { splitSchema } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/client";
import { encodeCursor, listGenerations } from "@/lib/generations/repo";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    "database-url": { type: "string" },
    depth: { type: "string", default: "9000" },
  },
});

let pglite: PGlite | undefined;
let adapter: PrismaPg | PrismaPGlite;
if (values["database-url"]) {
  const { connectionString, schema } = splitSchema(values["database-url"]);
  adapter = new PrismaPg({ connectionString, max: 2 }, schema ? { schema } : {});
} else {
  if (!values.data) throw new Error("usage: explain-cli --data <dir> | --database-url <url>");
  pglite = new PGlite(path.join(values.data, "pglite"));
  await pglite.waitReady;
  adapter = new PrismaPGlite(pglite);
}
const prisma = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
let captured: { query: string; params: string }[] = [];
prisma.$on("query", (e) => {
  captured.push({ query: e.query, params: e.params });
});

/** The statement with its parameters written in as literals (EXPLAIN of a parameterized text). */
function inline(sql: string, paramsJson: string): string {
  const params = JSON.parse(paramsJson) as unknown[];
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return `'${String(v).replace(/'/g, "''")}'`;
  });
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Total Time"?: number;
  Plans?: PlanNode[];
}

function scans(node: PlanNode, out: string[] = []): string[] {
  if (node["Relation Name"]) {
    out.push(
      `${node["Node Type"]} on ${node["Relation Name"]}${node["Index Name"] ? ` using ${node["Index Name"]}` : ""}`,
    );
  }
  for (const child of node.Plans ?? []) scans(child, out);
  return out;
}

async function explainPage(label: string, cursor?: { createdAt: Date; id: string }) {
  captured = [];
  const t0 = performance.now();
  await listGenerations(prisma, { limit: 50, cursor });
  const ms = performance.now() - t0;
  const statements = [];
  for (const c of captured) {
    if (!/^\s*SELECT/i.test(c.query)) continue;
    const sql = inline(c.query, c.params);
    const rows = await prisma.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
    );
    const raw = rows[0]?.["QUERY PLAN"];
    const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as {
      Plan: PlanNode;
      "Execution Time": number;
    }[];
    const top = plan[0] as { Plan: PlanNode; "Execution Time": number };
    statements.push({ sql: c.query, scans: scans(top.Plan), executionMs: top["Execution Time"] });
  }
  const main = statements.find((s) => /FROM\s+"[^"]+"\."Generation"/i.test(s.sql));
  const generationScans = main?.scans.filter((s) => s.includes(" on Generation")) ?? [];
  return {
    label,
    listMs: ms,
    statements,
    generationUsesIndex: generationScans.length > 0 && generationScans.every((s) => /Index/.test(s)),
  };
}

try {
  const deep = await prisma.generation.findMany({
    where: { deletedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: Number(values.depth) - 1,
    take: 1,
  });
  const first = await explainPage("first page");
  const deepPage = deep[0]
    ? await explainPage(`page after ${values.depth}`, { createdAt: deep[0].createdAt, id: deep[0].id })
    : null;
  // The cursor the API would hand out at that depth, for callers that time the page over HTTP.
  console.log(
    JSON.stringify({
      pages: [first, deepPage].filter(Boolean),
      deepCursor: deep[0] ? encodeCursor(deep[0]) : null,
    }),
  );
} finally {
  await prisma.$disconnect();
  await pglite?.close();
}
