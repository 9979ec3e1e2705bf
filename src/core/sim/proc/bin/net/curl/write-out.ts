// curl -w/--write-out: %{variable} substitution and \n \t \r escapes, printed to stdout after the transfer.

export interface WriteOutVars {
  http_code: number;
  remote_ip: string;
  remote_port: number;
  local_ip: string;
  size_download: number;
  size_header: number;
  time_namelookup: number;
  time_connect: number;
  time_starttransfer: number;
  time_total: number;
  content_type: string;
  url_effective: string;
  num_redirects: number;
  redirect_url: string;
  exitcode: number;
  errormsg: string;
  method: string;
}

/** Expand a -w template. Times print with 6 decimals; http_code with 3 digits ("000" when nothing came back). */
export function writeOut(template: string, v: WriteOutVars): string {
  const value = (name: string): string | undefined => {
    if (name === 'http_code' || name === 'response_code') return String(v.http_code).padStart(3, '0');
    if (name.startsWith('time_')) {
      const t = (v as unknown as Record<string, number>)[name];
      return t === undefined ? undefined : t.toFixed(6);
    }
    if (name === 'http_version') return v.http_code ? '1.1' : '0';
    if (name === 'scheme') return v.url_effective.split(':')[0].toUpperCase();
    const raw = (v as unknown as Record<string, string | number>)[name];
    return raw === undefined ? undefined : String(raw);
  };
  return template
    .replace(/%\{([a-z_]+)\}/g, (m, name: string) => value(name) ?? m)
    .replace(/\\([ntr\\])/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c);
}
