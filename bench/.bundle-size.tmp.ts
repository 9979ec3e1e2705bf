import { bundleWeb } from '../src/node/server/bundle.ts';
const b = await bundleWeb();
let total = 0; const parts: string[] = [];
for (const [k, v] of [...b].sort()) { total += v.length; parts.push(`${k.startsWith('chunk') ? 'chunk' : k}=${v.length}`); }
console.log(parts.join(' '), 'total=' + total);
