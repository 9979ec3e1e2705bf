// How the backend reaches a node's host: kind nodes are Docker containers (`docker exec`); an existing cluster
// gives no node access, and says so when a lesson asks for it.

export interface NodeAccess {
  /** The argv of an interactive shell on the node, or undefined when nodes cannot be entered. */
  shell(node: string): string[] | undefined;
  /** The argv prefix that runs `sh -c` on the node (append the script and its $0, $1 …), or undefined. */
  run(node: string): string[] | undefined;
  /** Why nodes cannot be entered (for messages), when they cannot. */
  readonly unavailable?: string;
}

export const NO_NODE_ACCESS: NodeAccess = {
  shell: () => undefined,
  run: () => undefined,
  unavailable: 'an existing cluster gives podlab no shell on its nodes (use --backend kind, where nodes are Docker containers)',
};

/** kind nodes: `docker exec` into the node's container. */
export const DOCKER_NODE_ACCESS: NodeAccess = {
  shell: (node) => ['docker', 'exec', '-it', node, 'bash', '--norc', '--noprofile', '-i'],
  run: (node) => ['docker', 'exec', node, 'sh', '-c'],
};
