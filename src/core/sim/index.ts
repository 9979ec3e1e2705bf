// The simulator's facade for the Node side (the lab apiserver in src/node/apiserver): the API machinery, the
// world's contracts and the process layer's entry points. src/node and web/ import core only through this file and
// src/core/index.ts (lint: no-restricted-imports in eslint.config.js).
export type { HostRef, Interface, Listener, NetnsRef, Route, World } from './contracts.ts';
export { formatRoute } from './net/index.ts';
// The netns backend installs the very rules `iptables-save` prints on a node.
export { kubeProxyTables } from './net/kube-proxy-rules.ts';
export { saveTable } from './proc/bin/net/iptables/format.ts';
export { SimBackend } from './sim-backend.ts';

export type { ApiResult, ApiStatus, DeleteOptions, WriteOptions } from './api/api.ts';
export type { KObject, LabelSelector, Pod, Service } from './api/types.ts';
export type { Store, WatchEvent } from './api/store.ts';
export { parseManifests } from './api/manifest.ts';
export { MANIFEST_MAX_BYTES, MANIFEST_MAX_DEPTH, roughDepth } from './api/manifest-limits.ts';
export { mergePatch } from './api/patch.ts';
export { apiVersionOf, RESOURCES, resourceForKind, type ResourceType } from './api/resources.ts';
export { formatSelector, matchesSelector, parseSelector } from './api/selector.ts';
export { badRequest, internalError, notFound } from './api/status.ts';
export { tableFor } from './api/printers/index.ts';
export { serverVersion } from './api/version.ts';

export { createTerminal, runCommand, EXEC_BUDGET_MS, type CommandRun } from './proc/index.ts';
