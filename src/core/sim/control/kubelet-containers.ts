// A container's life on the kubelet: create and start its process, notice bind conflicts and exits,
// restart it with CrashLoopBackOff, stop it on deletion or spec change.
import type { Listener } from '../contracts.ts';
import type { ControlContext } from './context.ts';
import { goDuration } from './go-duration.ts';
import { netnsListeners } from './listeners.ts';
import { backoffMs, pullImage } from './kubelet-pull.ts';
import { freezeLogs, type ContainerRt, type PodRt } from './kubelet-state.ts';
import { containerEvent, hexId, later, podLabel, podObject } from './kubelet-util.ts';
import { startProcess } from './system-images.ts';

/** A container that ran this long before exiting starts its back-off over. */
const BACKOFF_RESET_MS = 10 * 60 * 1000;
/** The kubelet notices an exit on its next sync, about a second later. */
const SYNC_MS = 1_000;

/** Pull (per policy), then create and start; `onDone` runs once the attempt is over either way. */
export function beginAttempt(ctx: ControlContext, rt: PodRt, c: ContainerRt, onDone: () => void): void {
  pullImage(
    ctx,
    rt,
    c,
    () => {
      createAndStart(ctx, rt, c);
      onDone();
    },
    onDone,
  );
}

/** The first start-up: containers one after another, in spec order. */
export function startNextContainer(ctx: ControlContext, rt: PodRt): void {
  while (rt.nextToStart < rt.containers.length) {
    const c = rt.containers[rt.nextToStart++];
    if (c.state === 'waiting' && !c.everStarted) {
      beginAttempt(ctx, rt, c, () => startNextContainer(ctx, rt));
      return;
    }
  }
}

function firstConflict(ctx: ControlContext, rt: PodRt, c: ContainerRt, mine: Listener[]): Listener | undefined {
  const netns = rt.hostNetwork
    ? ({ kind: 'node', node: rt.node } as const)
    : ({ kind: 'pod', namespace: rt.namespace, pod: rt.name } as const);
  const others = netnsListeners(ctx, netns, { exclude: { uid: rt.uid, container: c.name } });
  return mine.find((l) => others.some((o) => o.port === l.port && o.protocol === l.protocol));
}

export function createAndStart(ctx: ControlContext, rt: PodRt, c: ContainerRt): void {
  const pod = podObject(ctx, rt);
  if (!pod) return;
  if (c.everStarted) {
    if (c.terminated) c.last = c.terminated;
    c.previousLogs = c.logs;
    c.previousLogTimes = c.logTimes;
    c.restartCount++;
  }
  c.terminated = undefined;
  c.containerID = `containerd://${hexId(ctx)}`;
  containerEvent(ctx, rt, c, 'Normal', 'Created', `Created container: ${c.name}`);
  containerEvent(ctx, rt, c, 'Normal', 'Started', `Started container ${c.name}`);
  const run = startProcess(ctx.world, pod, c.name, c.image);
  Object.assign(c, {
    state: 'running',
    reason: undefined,
    message: undefined,
    startedAt: ctx.world.clock.now(),
    everStarted: true,
    stopping: false,
    bindFailed: false,
    run,
    logs: run.logs,
  });
  c.token++;
  const clash = firstConflict(ctx, rt, c, run.listeners);
  if (clash) {
    c.bindFailed = true;
    const fail = run.bindError?.(clash) ?? {
      afterMs: 100,
      code: 1,
      logs: [`${clash.process}: bind ${clash.protocol.toLowerCase()} 0.0.0.0:${clash.port}: address already in use`],
    };
    later(ctx, rt, c, Math.max(50, fail.afterMs), () => exitContainer(ctx, rt, c, fail.code, fail.logs));
  } else if (run.exit) {
    const { afterMs, code, logs } = run.exit;
    later(ctx, rt, c, Math.max(1, afterMs), () => exitContainer(ctx, rt, c, code, logs ?? []));
  }
}

function shouldRestart(ctx: ControlContext, rt: PodRt, code: number): boolean {
  const policy = podObject(ctx, rt)?.spec.restartPolicy ?? 'Always';
  return policy === 'Always' || (policy === 'OnFailure' && code !== 0);
}

/** The process ended by itself (or failed to bind): record it, then restart per restartPolicy. */
export function exitContainer(ctx: ControlContext, rt: PodRt, c: ContainerRt, code: number, logs: string[]): void {
  const now = ctx.world.clock.now();
  freezeLogs(c, now, logs);
  if (c.startedAt !== undefined && now - c.startedAt >= BACKOFF_RESET_MS) c.crashes = 0;
  Object.assign(c, { state: 'terminated', run: undefined, bindFailed: false, stopping: false });
  c.terminated = {
    exitCode: code,
    reason: code === 0 ? 'Completed' : 'Error',
    startedAt: c.startedAt,
    finishedAt: now,
    containerID: c.containerID,
  };
  c.token++;
  if (rt.terminating || !shouldRestart(ctx, rt, code)) return;
  later(ctx, rt, c, SYNC_MS, () => {
    const delay = c.crashes === 0 ? 0 : backoffMs(c.crashes);
    c.crashes++;
    if (delay === 0) {
      beginAttempt(ctx, rt, c, () => undefined);
      return;
    }
    c.last = c.terminated;
    c.terminated = undefined;
    c.token++;
    Object.assign(c, {
      state: 'waiting',
      reason: 'CrashLoopBackOff',
      message: `back-off ${goDuration(delay)} restarting failed container=${c.name} pod=${podLabel(rt)}`,
    });
    containerEvent(ctx, rt, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podLabel(rt)}`);
    later(ctx, rt, c, delay, () => beginAttempt(ctx, rt, c, () => undefined));
  });
}

/**
 * Stop a container (SIGTERM, then SIGKILL at the end of the grace period). Its listeners go at once; the exit
 * comes after the process's stopMs (code 0) or at the grace period's end (137). `then` runs after the exit.
 */
export function stopContainer(ctx: ControlContext, rt: PodRt, c: ContainerRt, graceMs: number, then: () => void): void {
  c.token++;
  if (c.state !== 'running') {
    if (c.state === 'waiting') c.state = 'terminated';
    c.terminated ??= { exitCode: 0, reason: 'Completed', finishedAt: ctx.world.clock.now(), containerID: c.containerID };
    then();
    return;
  }
  c.stopping = true;
  const stopMs = c.run?.stopMs;
  const graceful = stopMs !== undefined && stopMs <= graceMs;
  later(ctx, rt, c, graceful ? stopMs : graceMs, () => {
    const code = graceful ? 0 : 137;
    c.terminated = {
      exitCode: code,
      reason: graceful ? 'Completed' : 'Error',
      startedAt: c.startedAt,
      finishedAt: ctx.world.clock.now(),
      containerID: c.containerID,
    };
    freezeLogs(c, ctx.world.clock.now());
    Object.assign(c, { state: 'terminated', run: undefined, stopping: false });
    c.token++;
    then();
  });
}
