// A real SMTP server in the test process (smtp-server), collecting what it receives.
//
//   const mail = await startMailServer({ user: "studio", pass: "s3cret" });  // or no auth at all
//   setConfigForTests(parseConfig({ SMTP_URL: mail.url }));                  // smtp://studio:s3cret@127.0.0.1:<port>
//   const got = await mail.waitFor((m) => m.to.includes("ana@example.com"));
//   got.subject; got.text; got.html; got.login; got.envelope
//   await mail.close();
//
// Messages are decoded just enough to assert on (headers unfolded, encoded words, quoted-printable and
// base64 parts): mailparser is not a dependency, and the raw text stays on each message.
import net, { type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** The credentials the client authenticated with, if it did. */
  login?: { method: string; username: string; password: string };
  raw: string;
  /** Lower-cased names; values unfolded and decoded; the first of repeated headers. */
  headers: Record<string, string>;
  subject: string;
  from: string;
  to: string;
  text: string;
  html: string;
}

export interface MailServerOptions {
  /** When set, only these credentials are accepted (535 otherwise); without them, any login or none is. */
  user?: string;
  pass?: string;
  /** Implicit TLS (smtps://) with smtp-server's built-in self-signed certificate. */
  secure?: boolean;
  /** Recipients the server refuses with 550. */
  refuse?: (address: string) => boolean;
}

export interface MailServer {
  /** smtp(s)://[user:pass@]127.0.0.1:port, ready for SMTP_URL. */
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Every AUTH attempt, accepted or not. */
  logins: { method: string; username: string; password: string; accepted: boolean }[];
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startMailServer(options: MailServerOptions = {}): Promise<MailServer> {
  const messages: ReceivedMail[] = [];
  const logins: MailServer["logins"] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    secure: options.secure ?? false,
    // No STARTTLS on the plain server: nodemailer would upgrade and then refuse the self-signed cert.
    disabledCommands: options.secure ? [] : ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: true,
    authMethods: ["PLAIN", "LOGIN"],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const login = { method: auth.method, username: auth.username ?? "", password: auth.password ?? "" };
      const accepted =
        options.user === undefined || (login.username === options.user && login.password === options.pass);
      logins.push({ ...login, accepted });
      if (!accepted)
        return callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
      callback(null, { user: login });
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address))
        return callback(
          Object.assign(new Error(`No such mailbox ${address.address}`), { responseCode: 550 }),
        );
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const user = session.user as ReceivedMail["login"] | undefined;
        messages.push({
          ...parseMessage(raw),
          raw,
          login: user,
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
          },
        });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  // Errors after start (a client dropping mid-message) are the client's business, not a crash.
  server.on("error", () => {});
  const port = (server.server.address() as AddressInfo).port;
  const auth =
    options.user !== undefined
      ? `${encodeURIComponent(options.user)}:${encodeURIComponent(options.pass ?? "")}@`
      : "";
  const url = options.secure
    ? `smtps://${auth}127.0.0.1:${port}?tls.rejectUnauthorized=false`
    : `smtp://${auth}127.0.0.1:${port}`;

  return {
    url,
    port,
    messages,
    logins,
    waitFor(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A TCP server that accepts connections and never says a word: an SMTP server that hangs. */
export async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on which nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type Parsed = Pick<ReceivedMail, "headers" | "subject" | "from" | "to" | "text" | "html">;

export function parseMessage(raw: string): Parsed {
  const { headers, body } = splitEntity(raw);
  const parts = leaves(headers, body);
  return {
    headers,
    subject: headers.subject ?? "",
    from: headers.from ?? "",
    to: headers.to ?? "",
    text: parts.find((p) => p.type === "text/plain")?.content ?? "",
    html: parts.find((p) => p.type === "text/html")?.content ?? "",
  };
}

function splitEntity(entity: string): { headers: Record<string, string>; body: string } {
  const end = entity.search(/\r?\n\r?\n/);
  const head = end < 0 ? entity : entity.slice(0, end);
  const body = end < 0 ? "" : entity.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function leaves(headers: Record<string, string>, body: string): { type: string; content: string }[] {
  const contentType = headers["content-type"] ?? "text/plain";
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "text/plain";
  if (type.startsWith("multipart/")) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return [];
    const sections = body.split(`--${boundary}`).slice(1);
    return sections
      .filter((s) => !s.startsWith("--"))
      .flatMap((s) => {
        const part = splitEntity(s.replace(/^\r?\n/, ""));
        return leaves(part.headers, part.body);
      });
  }
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const bytes =
    encoding === "quoted-printable"
      ? decodeQuotedPrintable(body)
      : encoding === "base64"
        ? Buffer.from(body.replace(/\s+/g, ""), "base64")
        : Buffer.from(body, "utf8");
  return [{ type, content: bytes.toString("utf8").replace(/\r\n/g, "\n").replace(/\n$/, "") }];
}

function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i] ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (=?utf-8?Q?...?= and =?utf-8?B?...?=); the space between two of them goes. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQuotedPrintable(data.replace(/_/g, " ")).toString("utf8"),
    );
}
