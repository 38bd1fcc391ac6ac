/**
 * The two small programs the traffic lab runs with Node inside its namespaces (written to the lab folder):
 *  - the responder: one raw TCP server per backend server address; a PROXY protocol header (send-proxy) is dropped;
 *    when the first bytes look like HTTP it answers with its server name (and /health with 200); when nothing
 *    HTTP-like arrives within 250 ms it speaks SMTP (`220 <name> ESMTP`, 250 to HELO/EHLO, 221 to QUIT), so
 *    `option smtpchk` and plain TCP checks see a live mail server; a TCP-mode frontend forwards the client's HTTP
 *    request unchanged, so one responder serves both modes;
 *  - the client: every INTERVAL ms, one request per target (HTTP GET for mode http; for mode tcp a TCP connection
 *    that must exchange one request and its answer, since HAProxy accepts the connection even with no server left),
 *    each bounded by a timeout; one JSON line per request: {t, i, ok, ms, srv?, err?}. It stops by itself after
 *    its time limit.
 */
export const RESPONDER_JS = `
import net from "node:net";
const [name, host, port] = process.argv.slice(2);
const HTTP = /^(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH|TRACE|CONNECT) /;
const PROXY_V2 = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);
function http(sock, text) {
  const line = text.split("\\r\\n")[0];
  const url = line.split(" ")[1] || "/";
  const body = url === "/health" ? "ok\\n" : name + "\\n";
  sock.end("HTTP/1.0 200 OK\\r\\ncontent-type: text/plain\\r\\nx-lab-server: " + name + "\\r\\ncontent-length: " + Buffer.byteLength(body) + "\\r\\nconnection: close\\r\\n\\r\\n" + (line.startsWith("HEAD ") ? "" : body));
}
const server = net.createServer((sock) => {
  let buf = Buffer.alloc(0);
  let mode = "wait"; // wait -> http | smtp
  let greetTimer;
  const greet = () => {
    if (mode !== "wait") return;
    mode = "smtp";
    sock.write("220 " + name + " ESMTP\\r\\n");
    smtp();
  };
  const smtp = () => {
    let i;
    while ((i = buf.indexOf("\\n")) >= 0) {
      const cmd = buf.subarray(0, i).toString("latin1").trim();
      buf = buf.subarray(i + 1);
      const verb = cmd.split(" ")[0].toUpperCase();
      if (verb === "HELO" || verb === "EHLO") sock.write("250 " + name + "\\r\\n");
      else if (verb === "QUIT") { sock.end("221 " + name + " bye\\r\\n"); return; }
      else if (verb === "NOOP" || verb === "RSET") sock.write("250 ok\\r\\n");
      else if (cmd !== "") sock.write("502 " + name + " not implemented\\r\\n");
    }
  };
  const look = () => {
    // A PROXY protocol header (send-proxy, check-send-proxy) comes first: drop it.
    if (buf.length >= 6 && buf.subarray(0, 6).toString("latin1") === "PROXY ") {
      const i = buf.indexOf("\\r\\n");
      if (i < 0) return;
      buf = buf.subarray(i + 2);
    } else if (buf.length >= 16 && buf.subarray(0, 12).equals(PROXY_V2)) {
      const len = 16 + buf.readUInt16BE(14);
      if (buf.length < len) return;
      buf = buf.subarray(len);
    } else if (buf.length > 0 && buf.length < 12 && PROXY_V2.subarray(0, buf.length).equals(buf)) return;
    if (mode === "smtp") return smtp();
    if (buf.length === 0) return;
    const text = buf.toString("latin1");
    if (HTTP.test(text)) {
      if (text.includes("\\r\\n\\r\\n") || text.includes("\\n\\n")) { mode = "http"; clearTimeout(greetTimer); http(sock, text); }
      return;
    }
    if (!/^[A-Z]{1,8}$/.test(text)) { clearTimeout(greetTimer); greet(); }
  };
  sock.on("data", (d) => { if (mode === "http") return; buf = Buffer.concat([buf, d]); look(); });
  sock.on("error", () => undefined);
  sock.setTimeout(30000, () => sock.destroy());
  // Nothing that looks like HTTP within 250 ms: speak SMTP (the server talks first: 220 greeting).
  greetTimer = setTimeout(greet, 250);
  sock.on("close", () => clearTimeout(greetTimer));
});
server.listen(Number(port), host, () => process.stdout.write("listening " + host + ":" + port + "\\n"));
for (const s of ["SIGTERM", "SIGINT"]) process.on(s, () => process.exit(0));
`;

export const CLIENT_JS = `
import net from "node:net";
const targets = JSON.parse(process.argv[2]);
const interval = Number(process.argv[3]);
const limit = Number(process.argv[4]);
const timeout = Number(process.argv[5]);
const started = Date.now();
const out = (o) => process.stdout.write(JSON.stringify(o) + "\\n");
function probe(i) {
  const t = targets[i];
  const t0 = Date.now();
  let done = false;
  let data = "";
  const finish = (ok, extra) => { if (done) return; done = true; sock.destroy(); out({ t: t0, i, ok, ms: Date.now() - t0, ...extra }); };
  const sock = net.connect({ host: t.address, port: t.port });
  sock.setTimeout(timeout, () => finish(false, { err: "timeout" }));
  sock.on("connect", () => sock.write("GET /lab HTTP/1.0\\r\\nHost: " + t.address + "\\r\\nConnection: close\\r\\n\\r\\n"));
  sock.on("data", (d) => { data += d.toString("latin1"); });
  sock.on("end", () => {
    const m = /^HTTP\\/1\\.[01] (\\d{3})/.exec(data);
    const status = m ? Number(m[1]) : 0;
    const body = data.split("\\r\\n\\r\\n").slice(1).join("").trim();
    if (status >= 200 && status < 400) finish(true, { srv: body.split("\\n")[0].slice(0, 60) });
    else finish(false, { err: status ? "HTTP " + status : "closed without an answer" });
  });
  sock.on("error", (e) => finish(false, { err: e.code || e.message }));
}
const timer = setInterval(() => {
  if (Date.now() - started > limit) { clearInterval(timer); setTimeout(() => process.exit(0), timeout + 100); return; }
  for (let i = 0; i < targets.length; i++) probe(i);
}, interval);
for (const s of ["SIGTERM", "SIGINT"]) process.on(s, () => process.exit(0));
`;
