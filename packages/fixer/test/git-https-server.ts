import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:https";
import { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface GitHttpsServer {
  /** https://127.0.0.1:<port>/<name> for a bare repository under the root. */
  url(name: string): string;
  /** The Authorization header of every request, as received. */
  authorizations: (string | undefined)[];
  /** A CA file git can trust (GIT_SSL_CAINFO). */
  caFile: string;
  /** Called before each authorised request is served, to stage races. */
  onRequest?: (method: string, url: URL) => void;
  close(): Promise<void>;
}

/**
 * A real smart-HTTP git server (git http-backend behind node:https with a self-signed cert)
 * that serves the bare repositories under `root` only to requests carrying `authorization`.
 */
export async function startGitHttpsServer(root: string, authorization: string): Promise<GitHttpsServer> {
  const certDir = mkdtempSync(join(tmpdir(), "suture-cert-"));
  const [key, cert] = [join(certDir, "key.pem"), join(certDir, "cert.pem")];
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "pipe" },
  );
  const authorizations: (string | undefined)[] = [];
  const handle = {} as GitHttpsServer;
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    authorizations.push(req.headers.authorization);
    if (req.headers.authorization !== authorization) {
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="git"' }).end("no entry\n");
      return;
    }
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    handle.onRequest?.(req.method ?? "GET", url);
    const backend = spawn("git", ["http-backend"], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: "1",
        REMOTE_USER: "x-access-token", // enables receive-pack (push)
        REQUEST_METHOD: req.method ?? "GET",
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers["content-type"] ?? "",
        HTTP_CONTENT_ENCODING: req.headers["content-encoding"] ?? "",
        GIT_PROTOCOL: String(req.headers["git-protocol"] ?? ""),
      },
    });
    req.pipe(backend.stdin);
    const chunks: Buffer[] = [];
    backend.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    backend.on("close", () => {
      const raw = Buffer.concat(chunks);
      const end = raw.indexOf("\r\n\r\n");
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of raw.subarray(0, end).toString().split("\r\n")) {
        const [name, ...rest] = line.split(": ");
        if (name?.toLowerCase() === "status") status = Number(rest.join(": ").split(" ")[0]);
        else if (name) headers[name] = rest.join(": ");
      }
      res.writeHead(status, headers).end(raw.subarray(end + 4));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(handle, {
    url: (name: string) => `https://127.0.0.1:${port}/${name}`,
    authorizations,
    caFile: cert,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return handle;
}
