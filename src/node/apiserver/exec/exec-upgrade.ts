// pods/exec: check the pod and container as the kubelet would, accept the WebSocket, and run the command
// (non-interactively, or an interactive shell for -it) in the simulated container.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { type ApiStatus, badRequest, createTerminal, type HostRef, type Pod, runCommand, type World } from '../../../core/sim/index.ts';
import type { Facade } from '../context.ts';
import { statusOf } from '../http-util.ts';
import type { ResourcePath } from '../request-path.ts';
import { ChannelSocket, EXEC_PROTOCOLS, exitStatus, STDERR, STDOUT } from './channels.ts';
import { crlf, TtySession } from './tty-session.ts';

const SHELLS = new Set(['sh', 'bash', 'ash', 'zsh', 'dash']);

/** `bash`, `/bin/sh -il`: a shell started for interactive use. */
export function interactiveShell(argv: string[]): string | undefined {
  const prog = argv[0]?.split('/').pop() ?? '';
  return SHELLS.has(prog) && argv.slice(1).every((a) => /^-[il]+$/.test(a)) ? prog : undefined;
}

/**
 * Answer an upgrade request with an HTTP error carrying a Status, and drop the socket. `plain` sends the message as
 * text instead, as the kubelet's refusals reach clients (kubectl then prints `unable to upgrade connection: …`).
 */
export function refuseUpgrade(socket: Duplex, status: ApiStatus, plain = false): void {
  const body = plain ? status.message : JSON.stringify({ ...status, metadata: {} });
  const reason =
    { 400: 'Bad Request', 404: 'Not Found', 403: 'Forbidden', 421: 'Misdirected Request', 500: 'Internal Server Error' }[status.code] ??
    'Error';
  const type = plain ? 'text/plain; charset=utf-8' : 'application/json';
  socket.end(
    `HTTP/1.1 ${status.code} ${reason}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The container to exec in, or the Status the kubelet/apiserver would refuse with. */
export function execTarget(
  world: World,
  path: Pick<ResourcePath, 'namespace' | 'name'>,
  container: string | null,
): { host: HostRef; pod: Pod } | ApiStatus {
  const r = world.api.get({ kind: 'Pod', namespace: path.namespace, name: path.name ?? '' });
  if (!r.ok) return r.status;
  const pod = r.object as Pod;
  const name = pod.metadata.name;
  const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  const chosen = container ?? (pod.spec.containers.length === 1 ? pod.spec.containers[0].name : undefined);
  if (!chosen)
    return badRequest(
      `a container name must be specified for pod ${name}, choose one of: [${pod.spec.containers.map((c) => c.name).join(' ')}]`,
    );
  if (!containers.some((c) => c.name === chosen)) return badRequest(`container ${chosen} is not valid for pod ${name}`);
  if (!pod.spec.nodeName) return badRequest(`pod ${name} does not have a host assigned`);
  const st = (pod.status?.containerStatuses ?? []).find((s) => s.name === chosen);
  if (!st?.state.running) return { ...badRequest(`container not found ("${chosen}")`), code: 500, reason: 'InternalError' };
  return { host: { kind: 'pod', namespace: pod.metadata.namespace ?? 'default', pod: name, container: chosen }, pod };
}

/** The runtime's failure when the image lacks the program (the kubelet reports it as an InternalError status). */
export function missingProgram(world: World, pod: Pod, container: string, program: string): Record<string, unknown> | undefined {
  const image = pod.spec.containers.find((c) => c.name === container)?.image;
  const info = image ? world.images.lookup(image) : undefined;
  const base = program.split('/').pop() ?? program;
  if (!info || info.commands.includes(base) || info.shells.includes(base)) return undefined;
  const id = randomBytes(32).toString('hex');
  const message =
    `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": ` +
    `OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown`;
  return { metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500, details: { causes: [{ message }] } };
}

/** Handle the upgrade of GET/POST .../pods/NAME/exec. */
export function handleExecUpgrade(
  facade: Facade,
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  path: ResourcePath,
  query: URLSearchParams,
): void {
  const argv = query.getAll('command');
  if (argv.length === 0) return refuseUpgrade(socket, badRequest('you must specify at least 1 command'));
  const t = execTarget(facade.world, path, query.get('container'));
  if ('code' in t) return refuseUpgrade(socket, t, t.code === 500);
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (!offered.some((p) => EXEC_PROTOCOLS.includes(p))) {
    return refuseUpgrade(
      socket,
      statusOf(400, 'BadRequest', `exec is served over WebSocket (${EXEC_PROTOCOLS.join(', ')}); SPDY is not supported`),
    );
  }
  const tty = query.get('tty') === 'true' || query.get('tty') === '1';
  const wantsStdin = query.get('stdin') === 'true' || query.get('stdin') === '1';
  wss.handleUpgrade(req, socket, head, (ws) => {
    const container = t.host.kind === 'pod' ? t.host.container : '';
    const missing = missingProgram(facade.world, t.pod, container, argv[0]);
    const shell = interactiveShell(argv);
    if (tty && shell && !missing) return startShell(facade, ws, t.host, shell);
    let stdin = '';
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      if (missing) return channels.finish(missing);
      const r = runCommand(facade.world, t.host, argv, stdin, tty);
      channels.send(STDOUT, tty ? crlf(r.stdout) : r.stdout);
      channels.send(STDERR, r.stderr);
      channels.finish(exitStatus(r.status, argv));
    };
    const channels = new ChannelSocket(ws, {
      stdin: (d) => void (stdin += d.toString('utf8')),
      stdinClosed: start,
    });
    // Without stdin the command runs at once; with it, when the client closes stdin. Only v5 can say so while the
    // socket stays open for the output, so under v4 the command runs at once with empty input.
    if (!wantsStdin || missing || ws.protocol !== EXEC_PROTOCOLS[0]) start();
  });
}

function startShell(facade: Facade, ws: WebSocket, host: HostRef, program: string): void {
  const terminal = createTerminal(facade.world, host, { program, typingMs: 0 });
  // The handlers run on socket events, which come after `session` exists.
  const channels = new ChannelSocket(ws, {
    stdin: (d) => session.input(d),
    stdinClosed: () => session.hangup(),
  });
  const session = new TtySession(terminal, {
    write: (text) => channels.send(STDOUT, text),
    exit: (status) => {
      facade.afterWrite();
      channels.finish(exitStatus(status, [program]));
    },
  });
}
